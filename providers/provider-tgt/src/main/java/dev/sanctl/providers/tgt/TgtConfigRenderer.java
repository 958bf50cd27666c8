package dev.sanctl.providers.tgt;

import dev.sanctl.spi.values.ChapSecret;
import dev.sanctl.spi.values.ChapUser;
import dev.sanctl.spi.values.IscsiName;
import dev.sanctl.spi.values.NodePath;
import dev.sanctl.spi.values.Serial;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders the persisted {@code /etc/tgt/conf.d/sanctl.conf} in tgt-admin's targets.conf syntax, so
 * that a tgtd restart ({@code tgt-admin -e}) brings back what sanctl applied. Every line ends with
 * a newline.
 */
final class TgtConfigRenderer {
  private TgtConfigRenderer() {}

  /**
   * The file for {@code targets}, plus {@code kept} blocks (by IQN, verbatim) of targets sanctl
   * does not declare. Blocks are sorted by IQN, so the order of the YAML does not matter.
   */
  static String render(String cluster, List<DesiredTgtTarget> targets, Map<String, String> kept) {
    Map<String, String> blocks = new TreeMap<>(kept);
    for (DesiredTgtTarget t : targets) blocks.put(t.iqn(), stanza(t));
    StringBuilder sb = new StringBuilder();
    sb.append("# Managed by sanctl for cluster ")
        .append(cluster)
        .append(": changes here are overwritten.\n");
    sb.append("# initiator-address ")
        .append(TgtAcl.NO_ADDRESS)
        .append(" matches no initiator: without an initiator-address line\n");
    sb.append("# tgt-admin -e would bind ALL and open the target to every initiator.\n");
    sb.append("default-driver iscsi\n");
    for (String block : blocks.values()) sb.append('\n').append(block);
    return sb.toString();
  }

  /** The {@code <target>} block of one declared target, every line ending with a newline. */
  static String stanza(DesiredTgtTarget t) {
    StringBuilder sb = new StringBuilder();
    // tgt-admin hands these lines to a shell: every value is checked, none is escaped
    String where = "target " + IscsiName.KIND.require(t.iqn());
    sb.append("<target ").append(t.iqn()).append(">\n");
    for (DesiredTgtTarget.DesiredLun lun : t.luns()) {
      sb.append("\t<backing-store ").append(NodePath.KIND.require(lun.path(), where)).append(">\n");
      sb.append("\t\tlun ").append(lun.tgtLun()).append('\n');
      if (lun.serial() != null) {
        sb.append("\t\tscsi_sn ").append(Serial.KIND.require(lun.serial(), where)).append('\n');
        sb.append("\t\tscsi_id ").append(lun.serial()).append('\n');
      }
      sb.append("\t</backing-store>\n");
    }
    for (String entry : TgtAcl.of(t.initiators())) {
      sb.append(TgtAcl.isName(entry) ? "\tinitiator-name " : "\tinitiator-address ")
          .append(TgtAcl.isName(entry) ? IscsiName.KIND.require(entry, where) : entry)
          .append('\n');
    }
    for (DesiredTgtTarget.Account a : t.incoming()) {
      sb.append("\tincominguser ")
          .append(ChapUser.KIND.require(a.user(), where))
          .append(' ')
          .append(ChapSecret.KIND.require(a.secret(), where))
          .append('\n');
    }
    if (t.outgoing() != null) {
      sb.append("\toutgoinguser ")
          .append(ChapUser.KIND.require(t.outgoing().user(), where))
          .append(' ')
          .append(ChapSecret.KIND.require(t.outgoing().secret(), where))
          .append('\n');
    }
    sb.append("</target>\n");
    return sb.toString();
  }
}
