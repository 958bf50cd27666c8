package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.TargetState;
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
 * initiators.allow} line, and a target without a line admits every initiator: {@link IetPlanner}
 * keeps the current line of such a served target and reports it, so nothing is opened by omission.
 * Likewise for {@code targets.allow} and portals.
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
    options.forEach((k, v) -> sb.append(k).append(' ').append(v).append('\n'));
    return sb.toString();
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
            offline.append("# Target ").append(t.iqn()).append(" is offline (state: offline)\n");
          } else {
            target(sb, t, secrets);
          }
        }
        case INITIATORS_ALLOW -> {
          if (state == TargetState.ONLINE && !t.initiators().isEmpty()) {
            sb.append(t.iqn())
                .append(' ')
                .append(String.join(", ", t.initiators().stream().map(AllowFile::escape).toList()))
                .append('\n');
          }
        }
        default -> {
          if (state == TargetState.ONLINE && !t.portals().isEmpty()) {
            sb.append(t.iqn()).append(' ').append(String.join(", ", t.portals())).append('\n');
          }
        }
      }
    }
    return sb.append(offline).toString();
  }

  private static void target(StringBuilder sb, DesiredTarget t, Function<String, String> secrets) {
    sb.append("Target ").append(t.iqn()).append('\n');
    if (t.target().comment() != null && !t.target().comment().isBlank()) {
      sb.append("    # ").append(t.target().comment().replaceAll("\\s+", " ").strip()).append('\n');
    }
    Target.Chap chap = t.target().chap() == null ? Target.Chap.NONE : t.target().chap();
    for (Target.ChapUser u : chap.incoming()) {
      sb.append("    IncomingUser ")
          .append(u.user())
          .append(' ')
          .append(secrets.apply(u.secretFile()))
          .append('\n');
    }
    if (chap.outgoing() != null) {
      sb.append("    OutgoingUser ")
          .append(chap.outgoing().user())
          .append(' ')
          .append(secrets.apply(chap.outgoing().secretFile()))
          .append('\n');
    }
    for (DesiredTarget.LunSpec l : t.luns()) {
      sb.append("    Lun ").append(l.lun()).append(' ').append(l.params()).append('\n');
    }
    t.options().forEach((k, v) -> sb.append("    ").append(k).append(' ').append(v).append('\n'));
  }
}
