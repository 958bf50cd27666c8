package dev.sanctl.spi.model;

import java.util.List;
import java.util.Map;

/**
 * An iSCSI target. {@code luns} always holds at least LUN 0: a target written with {@code volume:}
 * and {@code serial:} gets one {@code Lun(0, volume, serial)}.
 *
 * @param iqn explicit IQN, or null to derive it ({@link DesiredState#iqnOf})
 * @param initiators initiator group names and literal IQNs, as written
 * @param expectedSessions drift when fewer sessions are logged in, or null
 * @param io the LUN io type of its LUNs ({@code blockio}, {@code fileio}): its own {@code io} or
 *     {@code targetDefaults.io}
 * @param options its target options: {@code targetDefaults.options} with its own {@code options}
 *     merged over them (a key it sets, in any case, wins)
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
    String io,
    Map<String, String> options,
    List<Lun> luns,
    SourceRef source) {

  /**
   * One LUN of a target.
   *
   * @param io its io type: its own {@code io}, else the target's
   */
  public record Lun(int lun, VolumeRef volume, String serial, String io, SourceRef source) {}

  /** CHAP users; secrets are only ever referenced by file path. */
  public record Chap(List<ChapUser> incoming, ChapUser outgoing) {
    public static final Chap NONE = new Chap(List.of(), null);
  }

  /** A CHAP user and the path of the file holding its secret. */
  public record ChapUser(String user, String secretFile, SourceRef source) {}
}
