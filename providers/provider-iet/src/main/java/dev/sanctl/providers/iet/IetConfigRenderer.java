package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.values.ChapSecret;
import dev.sanctl.spi.values.ChapUser;
import dev.sanctl.spi.values.Comment;
import dev.sanctl.spi.values.IetOptionKey;
import dev.sanctl.spi.values.IetOptionValue;
import dev.sanctl.spi.values.IscsiName;
import dev.sanctl.spi.values.PortalAddress;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Renders the IET configuration files. Each volume group has one <em>section</em> per file (its
 * targets' lines); the copy on the group's meta volume is exactly that section, and {@code
 * /etc/iet/<file>} is the global options ({@code ietd.conf} only), the sections of the held groups
 * without a meta volume, then those with one, each in desired-state order: what the HA resource
 * agent assembles on failover (it keeps what no meta volume owns and appends the copies of the
 * groups the node holds). Every line ends with a newline.
 *
 * <p>Offline targets stay in {@code ietd.conf} as a comment line only, so a restarted ietd does not
 * bring them up; absent targets are not mentioned. A target without initiators gets no {@code
 * initiators.allow} line, and a target without a line admits every initiator: {@link
 * IetFilesPlanner} keeps the current line of such a served target and reports it, so nothing is
 * opened by omission. Likewise for {@code targets.allow} and portals.
 */
final class IetConfigRenderer {
  static final String IETD_CONF = "ietd.conf";
  static final String INITIATORS_ALLOW = "initiators.allow";
  static final String TARGETS_ALLOW = "targets.allow";
  static final List<String> FILES = List.of(IETD_CONF, INITIATORS_ALLOW, TARGETS_ALLOW);

  private IetConfigRenderer() {}

  /** The global part of {@code ietd.conf}: one {@code Key Value} line per option. */
  static String globals(Map<String, String> options) {
    StringBuilder sb = new StringBuilder();
    options.forEach((k, v) -> option(sb, "", k, v, "iet.global"));
    return sb.toString();
  }

  /** One {@code Key Value} line; refuses what would not stay one option on one line. */
  private static void option(StringBuilder sb, String indent, String k, String v, String where) {
    sb.append(indent)
        .append(IetOptionKey.KIND.require(k, where))
        .append(' ')
        .append(IetOptionValue.KIND.require(v, where + "." + k))
        .append('\n');
  }

  /**
   * The section of {@code file} for one volume group: its targets' lines (offline targets of {@code
   * ietd.conf} last, as comments).
   *
   * @param secrets the secret of a CHAP secret file path
   */
  static String section(
      String file, List<DesiredTarget> targets, Function<String, String> secrets) {
    StringBuilder sb = new StringBuilder();
    StringBuilder offline = new StringBuilder();
    for (DesiredTarget t : targets) {
      TargetState state = t.target().state();
      if (state == TargetState.ABSENT) continue;
      switch (file) {
        case IETD_CONF -> {
          if (state == TargetState.OFFLINE) {
            offline
                .append("# Target ")
                .append(IscsiName.KIND.require(t.iqn()))
                .append(" is offline (state: offline)\n");
          } else {
            target(sb, t, secrets);
          }
        }
        case INITIATORS_ALLOW -> {
          if (state == TargetState.ONLINE && !t.initiators().isEmpty()) {
            t.initiators().forEach(i -> IscsiName.KIND.require(i, "target " + t.iqn()));
            sb.append(IscsiName.KIND.require(t.iqn()))
                .append(' ')
                .append(String.join(", ", t.initiators().stream().map(AllowFile::escape).toList()))
                .append('\n');
          }
        }
        default -> {
          if (state == TargetState.ONLINE && !t.portals().isEmpty()) {
            t.portals().forEach(p -> PortalAddress.KIND.require(p, "target " + t.iqn()));
            sb.append(IscsiName.KIND.require(t.iqn()))
                .append(' ')
                .append(String.join(", ", t.portals()))
                .append('\n');
          }
        }
      }
    }
    return sb.append(offline).toString();
  }

  private static void target(StringBuilder sb, DesiredTarget t, Function<String, String> secrets) {
    String where = "target " + IscsiName.KIND.require(t.iqn());
    sb.append("Target ").append(t.iqn()).append('\n');
    if (t.target().comment() != null && !t.target().comment().isBlank()) {
      String comment = Comment.KIND.require(t.target().comment(), where);
      sb.append("    # ").append(comment.replaceAll(" +", " ").strip()).append('\n');
    }
    Target.Chap chap = t.target().chap() == null ? Target.Chap.NONE : t.target().chap();
    for (Target.ChapUser u : chap.incoming()) {
      sb.append("    IncomingUser ")
          .append(ChapUser.KIND.require(u.user(), where))
          .append(' ')
          .append(ChapSecret.KIND.require(secrets.apply(u.secretFile()), where))
          .append('\n');
    }
    if (chap.outgoing() != null) {
      sb.append("    OutgoingUser ")
          .append(ChapUser.KIND.require(chap.outgoing().user(), where))
          .append(' ')
          .append(ChapSecret.KIND.require(secrets.apply(chap.outgoing().secretFile()), where))
          .append('\n');
    }
    for (DesiredTarget.LunSpec l : t.luns()) {
      sb.append("    Lun ").append(l.lun()).append(' ').append(l.params()).append('\n');
    }
    t.options().forEach((k, v) -> option(sb, "    ", k, v, "targetDefaults.options"));
  }
}
