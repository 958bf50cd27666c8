package dev.sanctl.providers.comstar;

import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sanctl import} for COMSTAR through stmf-ha: the {@code stmf-ha.conf} of every pool
 * imported on exactly one known node becomes that pool's {@code stmfHa} section, read the way
 * stmf-ha's bash reads it ({@link StmfHaVariables}): portal groups, default TPG, targets with their
 * type and TPG, logical units (omitted when the file lists none: every zvol; named once the zfs
 * import of an earlier pass declared them), host and target groups, views. The live COMSTAR objects
 * are what stmf-ha makes of the file, so they are not imported on their own; COMSTAR managed
 * directly ({@code comstar:}) is not imported.
 */
final class ComstarImport {
  private ComstarImport() {}

  static Map<String, Object> sections(PlanContext ctx) {
    Map<String, Integer> importedOn = new LinkedHashMap<>();
    Map<String, String> confs = new LinkedHashMap<>();
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      ComstarObservation o = (ComstarObservation) s.observation();
      o.importedPools().forEach(p -> importedOn.merge(p, 1, Integer::sum));
      confs.putAll(o.stmfHaConfs());
    }
    Map<String, Object> pools = new LinkedHashMap<>();
    confs.forEach(
        (pool, text) -> {
          Pool declared = ctx.desired().pools().get(pool);
          if (importedOn.getOrDefault(pool, 0) != 1) return;
          if (declared != null && declared.comstar() != null) return;
          Map<String, Object> h = stmfHa(StmfHaVariables.parse(text));
          // the zvols are imported by the zfs provider: name them once they are declared
          Object lus = h.get("logicalUnits");
          if (lus != null
              && (declared == null || !declared.volumes().keySet().containsAll((List<?>) lus))) {
            h.remove("logicalUnits");
          }
          pools.put(pool, Map.of("stmfHa", h));
        });
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      ComstarObservation o = (ComstarObservation) s.observation();
      List<Pool> direct = new ArrayList<>();
      for (String name : o.importedPools()) {
        Pool declared = ctx.desired().pools().get(name);
        if (declared == null || declared.stmfHa() != null || confs.containsKey(name)) continue;
        if (importedOn.getOrDefault(name, 0) == 1) direct.add(declared);
      }
      for (Pool p : direct) {
        String prefix = ctx.desired().cluster().iqnPrefix();
        Map<String, Object> c = DirectComstarImport.section(prefix, p, o, direct.size() == 1);
        if (c != null) pools.put(p.name(), Map.of("comstar", c));
      }
    }
    return pools.isEmpty() ? Map.of() : Map.of("pools", pools);
  }

  /** The {@code stmfHa} section of a file's variables. */
  static Map<String, Object> stmfHa(Map<String, List<String>> v) {
    Map<String, Object> h = new LinkedHashMap<>();
    Map<String, Object> tpgs = new LinkedHashMap<>();
    for (String tpg : v.getOrDefault("target_portal_groups", List.of())) {
      tpgs.put(tpg, v.getOrDefault(tpg + "_portals", List.of()));
    }
    if (!tpgs.isEmpty()) h.put("targetPortalGroups", tpgs);
    String defaultTpg = scalar(v, "default_tpg");
    if (defaultTpg != null) h.put("defaultTpg", defaultTpg);
    Map<String, Object> targets = new LinkedHashMap<>();
    for (String t : v.getOrDefault("targets", List.of())) {
      Map<String, Object> target = new LinkedHashMap<>();
      String type = scalar(v, t + "_type");
      if (type != null && !type.equals("iscsi")) target.put("type", type);
      String tpg = scalar(v, t + "_tpg");
      if (tpg != null) target.put("tpg", tpg);
      targets.put(t, target);
    }
    if (!targets.isEmpty()) h.put("targets", targets);
    if (v.containsKey("logical_units")) h.put("logicalUnits", v.get("logical_units"));
    groups(v, "host_groups", "hostGroups", h);
    groups(v, "target_groups", "targetGroups", h);
    Map<String, Object> views = new LinkedHashMap<>();
    for (String name : v.getOrDefault("views", List.of())) {
      Map<String, Object> view = new LinkedHashMap<>();
      putScalar(v, name + "_hg", "hostGroup", view);
      putScalar(v, name + "_tg", "targetGroup", view);
      putScalar(v, name + "_lu_prefix", "luPrefix", view);
      views.put(name, view);
    }
    if (!views.isEmpty()) h.put("views", views);
    return h;
  }

  private static void groups(
      Map<String, List<String>> v, String variable, String key, Map<String, Object> h) {
    Map<String, Object> groups = new LinkedHashMap<>();
    for (String g : v.getOrDefault(variable, List.of())) {
      groups.put(g, v.getOrDefault(g + "_members", List.of()));
    }
    if (!groups.isEmpty()) h.put(key, groups);
  }

  private static void putScalar(
      Map<String, List<String>> v, String variable, String key, Map<String, Object> out) {
    String value = scalar(v, variable);
    if (value != null) out.put(key, value);
  }

  private static String scalar(Map<String, List<String>> v, String variable) {
    List<String> values = v.get(variable);
    return values == null || values.isEmpty() ? null : values.get(0);
  }
}
