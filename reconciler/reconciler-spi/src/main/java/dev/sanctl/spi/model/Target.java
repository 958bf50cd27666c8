package dev.sanctl.spi.model;

import java.util.List;

/**
 * An iSCSI target. {@code luns} always holds at least LUN 0: a target written with {@code volume:}
 * and {@code serial:} gets one {@code Lun(0, volume, serial)}.
 *
 * @param iqn explicit IQN, or null to derive it ({@link DesiredState#iqnOf})
 * @param initiators initiator group names and literal IQNs, as written
 * @param expectedSessions drift when fewer sessions are logged in, or null
 */
public record Target(
    VolumeRef volume,
    String iqn,
    TargetState state,
    String serial,
    String portalGroup,
    List<String> initiators,
    String comment,
    Integer expectedSessions,
    Chap chap,
    List<Lun> luns,
    SourceRef source) {

  /** One LUN of a target. */
  public record Lun(int lun, VolumeRef volume, String serial, SourceRef source) {}

  /** CHAP users; secrets are only ever referenced by file path. */
  public record Chap(List<ChapUser> incoming, ChapUser outgoing) {
    public static final Chap NONE = new Chap(List.of(), null);
  }

  /** A CHAP user and the path of the file holding its secret. */
  public record ChapUser(String user, String secretFile, SourceRef source) {}
}
