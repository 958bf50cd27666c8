package dev.sanctl.providers.comstar;

import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.rules.StmfHaNames;
import dev.sanctl.spi.values.StmfHaWord;
import java.util.List;
import java.util.Map;

/**
 * Renders a pool's {@code stmfHa} settings as {@code stmf-ha.conf}: the bash variables of the
 * stmf-ha man page and sample file ({@code target_portal_groups=( ... )}, {@code <tpg>_portals},
 * {@code default_tpg}, {@code targets}, {@code <t>_type}, {@code <t>_tpg}, {@code logical_units},
 * {@code host_groups}, {@code <hg>_members}, {@code target_groups}, {@code <tg>_members}, {@code
 * views}, {@code <v>_hg}, {@code <v>_tg}, {@code <v>_lu_prefix}); values single-quoted, one array
 * element per line, only what is declared (stmf-ha applies its own defaults to the rest).
 */
public final class StmfHaConf {
  private StmfHaConf() {}

  /** The file stmf-ha reads: {@code /<pool>/stmf-ha.conf} (the script hard-codes this path). */
  public static String path(String pool) {
    return "/" + pool + "/stmf-ha.conf";
  }

  /** Whether {@code name} can prefix a bash variable ({@code <name>_members}). */
  public static boolean validPrefix(String name) {
    return StmfHaNames.bashName(name);
  }

  /** The file's content. */
  public static String render(Pool pool) {
    Pool.StmfHa h = pool.stmfHa();
    StringBuilder out = new StringBuilder();
    out.append("# stmf-ha.conf of pool ")
        .append(pool.name())
        .append(" -- managed by sanctl, do not edit\n");
    if (!h.targetPortalGroups().isEmpty()) {
      array(out, "target_portal_groups", List.copyOf(h.targetPortalGroups().keySet()));
      h.targetPortalGroups().forEach((n, p) -> array(out, n + "_portals", p));
    }
    if (h.defaultTpg() != null) scalar(out, "default_tpg", h.defaultTpg());
    if (!h.targets().isEmpty()) {
      array(out, "targets", List.copyOf(h.targets().keySet()));
      for (Pool.StmfHaTarget t : h.targets().values()) {
        scalar(out, t.name() + "_type", t.type() == null ? "iscsi" : t.type());
        if (t.tpg() != null) scalar(out, t.name() + "_tpg", t.tpg());
      }
    }
    if (h.logicalUnits() != null) array(out, "logical_units", h.logicalUnits());
    groups(out, "host_groups", h.hostGroups());
    groups(out, "target_groups", h.targetGroups());
    if (!h.views().isEmpty()) {
      array(out, "views", List.copyOf(h.views().keySet()));
      for (Pool.StmfHaView v : h.views().values()) {
        if (v.hostGroup() != null) scalar(out, v.name() + "_hg", v.hostGroup());
        if (v.targetGroup() != null) scalar(out, v.name() + "_tg", v.targetGroup());
        if (v.luPrefix() != null) scalar(out, v.name() + "_lu_prefix", v.luPrefix());
      }
    }
    return out.toString();
  }

  private static void groups(StringBuilder out, String name, Map<String, List<String>> groups) {
    if (groups.isEmpty()) return;
    array(out, name, List.copyOf(groups.keySet()));
    groups.forEach((g, members) -> array(out, g + "_members", members));
  }

  private static void array(StringBuilder out, String name, List<String> values) {
    out.append(name).append("=(\n");
    for (String v : values)
      out.append('\t').append(quote(StmfHaWord.KIND.require(v, name))).append('\n');
    out.append(")\n");
  }

  private static void scalar(StringBuilder out, String name, String value) {
    out.append(name).append('=').append(quote(StmfHaWord.KIND.require(value, name))).append('\n');
  }

  /** Bash single quoting: {@code '} becomes {@code '\''}. */
  static String quote(String v) {
    return "'" + v.replace("'", "'\\''") + "'";
  }
}
