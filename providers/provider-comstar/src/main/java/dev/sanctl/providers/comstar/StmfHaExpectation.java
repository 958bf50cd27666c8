package dev.sanctl.providers.comstar;

import dev.sanctl.providers.comstar.ComstarObservation.View;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.rules.StmfHaNames;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * The COMSTAR state {@code stmf-ha start} builds from a pool's settings, with stmf-ha's own
 * defaults (skiselkov/stmf-ha 0.1.1): LUs for {@code logicalUnits} or every zvol, GUID {@code
 * 600144F} + 25 hex digits of the MD5 of the zvol name, data file {@code /dev/zvol/rdsk/<zvol>};
 * TPG portals with port 3260 unless given (default portal {@code 0.0.0.0}); targets (one named
 * after the pool unless listed) {@code iqn.2010-08.org.illumos:stmf-ha:<name>} in their TPG, the
 * first TPG, or {@code defaultTpg}; host and target groups; one view per LU: the last declared view
 * whose {@code luPrefix} covers it (a view's host or target group carries over to later views that
 * leave it unset, as in the script), LUN from the {@code :NN} suffix, or All/All when no view is
 * declared.
 */
final class StmfHaExpectation {
  static final String IQN_PREFIX = StmfHaNames.IQN_PREFIX;
  private final Pool pool;
  private final Pool.StmfHa h;
  private final List<String> lus;

  StmfHaExpectation(Pool pool, List<String> zvols) {
    this.pool = pool;
    this.h = pool.stmfHa();
    this.lus = h.logicalUnits() != null ? h.logicalUnits() : zvols;
  }

  static String guid(String zvol) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(zvol.getBytes(StandardCharsets.UTF_8));
      return "600144F" + HexFormat.of().formatHex(md5).substring(0, 25);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String portal(String p) {
    return p.matches(".*:\\d+$") && !p.startsWith("[") ? p : p + ":3260";
  }

  private String tpgFor(Pool.StmfHaTarget t) {
    if (t != null && t.tpg() != null) return t.tpg();
    String def = h.defaultTpg() == null ? "default" : h.defaultTpg();
    return !h.targetPortalGroups().isEmpty() && def.equals("default")
        ? h.targetPortalGroups().keySet().iterator().next()
        : def;
  }

  /** Differences between this expectation and {@code seen}, as reasons. */
  List<String> differences(ComstarObservation seen) {
    List<String> out = new ArrayList<>();
    for (var e : h.targetPortalGroups().entrySet()) {
      List<String> want = new ArrayList<>();
      for (String p : e.getValue().isEmpty() ? List.of("0.0.0.0") : e.getValue()) {
        want.add(portal(p));
      }
      List<String> have = seen.tpgs().get(e.getKey());
      if (have == null) out.add("TPG " + e.getKey() + " missing");
      else if (!new TreeSet<>(have).equals(new TreeSet<>(want))) {
        out.add("TPG " + e.getKey() + " portals " + have + " -> " + want);
      }
    }
    Map<String, Pool.StmfHaTarget> targets = new LinkedHashMap<>(h.targets());
    if (targets.isEmpty()) targets.put(pool.name(), null);
    for (var e : targets.entrySet()) {
      String iqn = IQN_PREFIX.toLowerCase(Locale.ROOT) + e.getKey().toLowerCase(Locale.ROOT);
      String tpg = tpgFor(e.getValue());
      List<String> want = tpg.equals("default") ? List.of() : List.of(tpg);
      List<String> have = seen.targets().get(iqn);
      if (have == null) out.add("target " + iqn + " missing");
      else if (!have.equals(want)) out.add("target " + iqn + " TPGs " + have + " -> " + want);
    }
    groups(out, "host group", h.hostGroups(), seen.hostGroups(), false);
    groups(out, "target group", h.targetGroups(), seen.targetGroups(), true);
    Map<String, View> views = views();
    for (String lu : lus) {
      String guid = guid(lu).toUpperCase(Locale.ROOT);
      ComstarObservation.Lu live = seen.lus().get(guid);
      if (live == null) {
        out.add("LU " + lu + " (" + guid + ") missing");
        continue;
      }
      View want = views.get(lu);
      if (want == null) continue;
      boolean found =
          live.views().stream()
              .anyMatch(
                  v ->
                      Objects.equals(v.hostGroup(), want.hostGroup())
                          && Objects.equals(v.targetGroup(), want.targetGroup())
                          && (want.lun() < 0 || v.lun() == want.lun()));
      if (!found) {
        out.add(
            "LU "
                + lu
                + " has no view "
                + (want.hostGroup() == null ? "All" : want.hostGroup())
                + "/"
                + (want.targetGroup() == null ? "All" : want.targetGroup())
                + (want.lun() < 0 ? "" : " LUN " + want.lun()));
      }
    }
    return out;
  }

  /**
   * LUs whose GUID (derived from the zvol name) a live LU of another data file already holds:
   * stmf-ha would skip creating them and put the other disk in their view. One message per LU,
   * naming the holder.
   */
  List<String> identityConflicts(ComstarObservation seen) {
    List<String> out = new ArrayList<>();
    for (String lu : lus) {
      String guid = guid(lu).toUpperCase(Locale.ROOT);
      ComstarObservation.Lu live = seen.lus().get(guid);
      if (live != null && !ComstarLuPlanner.dataFile(lu).equals(live.dataFile())) {
        out.add(
            "the GUID stmf-ha gives zvol "
                + lu
                + ", "
                + guid
                + ", is already held by live LU "
                + live.dataFile()
                + "; stmf-ha start would skip the zvol and present that disk in its place");
      }
    }
    return out;
  }

  /**
   * What {@code stmf-ha start} takes away from live COMSTAR: initiators and targets it removes from
   * declared groups, view entries it replaces with other groups (the LU is no longer visible to the
   * old host group), portals it drops from a TPG and targets it moves to another TPG. COMSTAR
   * sessions are not observed, so each counts whether or not an initiator is logged in.
   */
  List<String> takenAway(ComstarObservation seen) {
    List<String> out = new ArrayList<>();
    for (var e : h.targetPortalGroups().entrySet()) {
      List<String> have = seen.tpgs().get(e.getKey());
      if (have == null) continue;
      List<String> want = new ArrayList<>();
      for (String p : e.getValue().isEmpty() ? List.of("0.0.0.0") : e.getValue()) {
        want.add(portal(p));
      }
      for (String p : have) {
        if (!want.contains(p)) out.add("portal " + p + " leaves TPG " + e.getKey());
      }
    }
    Map<String, Pool.StmfHaTarget> targets = new LinkedHashMap<>(h.targets());
    if (targets.isEmpty()) targets.put(pool.name(), null);
    for (var e : targets.entrySet()) {
      String iqn = IQN_PREFIX.toLowerCase(Locale.ROOT) + e.getKey().toLowerCase(Locale.ROOT);
      String tpg = tpgFor(e.getValue());
      List<String> want = tpg.equals("default") ? List.of() : List.of(tpg);
      List<String> have = seen.targets().get(iqn);
      if (have != null && !have.equals(want)) {
        out.add("target " + iqn + " moves from TPG " + have + " to " + want);
      }
    }
    removed(out, "initiator", "host group", h.hostGroups(), seen.hostGroups(), false);
    removed(out, "target", "target group", h.targetGroups(), seen.targetGroups(), true);
    Map<String, View> views = views();
    for (String lu : lus) {
      ComstarObservation.Lu live = seen.lus().get(guid(lu).toUpperCase(Locale.ROOT));
      View want = views.get(lu);
      if (live == null || want == null) continue;
      for (View v : live.views()) {
        if (v.entry() == 0
            && !(Objects.equals(v.hostGroup(), want.hostGroup())
                && Objects.equals(v.targetGroup(), want.targetGroup()))) {
          out.add(
              "LU "
                  + lu
                  + " is no longer visible to host group "
                  + (v.hostGroup() == null ? "All" : v.hostGroup())
                  + " through target group "
                  + (v.targetGroup() == null ? "All" : v.targetGroup()));
        }
      }
    }
    return out;
  }

  private static void removed(
      List<String> out,
      String member,
      String kind,
      Map<String, List<String>> declared,
      Map<String, List<String>> seen,
      boolean targets) {
    for (var e : declared.entrySet()) {
      List<String> have = seen.get(e.getKey());
      if (have == null) continue;
      List<String> want = members(e.getValue(), targets);
      for (String m : have) {
        if (!want.contains(m)) out.add(member + " " + m + " leaves " + kind + " " + e.getKey());
      }
    }
  }

  /**
   * Whether stmf-ha will change the membership of an existing target group, taking member targets
   * offline for a moment (creating a new group with new targets disturbs nobody).
   */
  boolean touchesTargetGroups(ComstarObservation seen) {
    for (var e : h.targetGroups().entrySet()) {
      List<String> have = seen.targetGroups().get(e.getKey());
      if (have == null) continue;
      TreeSet<String> changed = new TreeSet<>(have);
      List<String> want = members(e.getValue(), true);
      changed.addAll(want);
      changed.removeIf(m -> have.contains(m) && want.contains(m));
      if (changed.stream().anyMatch(seen.targets()::containsKey)) return true;
    }
    return false;
  }

  private static List<String> members(List<String> declared, boolean targets) {
    List<String> out = new ArrayList<>();
    for (String m : declared) {
      out.add(targets ? (IQN_PREFIX + m).toLowerCase(Locale.ROOT) : m.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  private static void groups(
      List<String> out,
      String kind,
      Map<String, List<String>> declared,
      Map<String, List<String>> seen,
      boolean targets) {
    for (var e : declared.entrySet()) {
      List<String> have = seen.get(e.getKey());
      List<String> want = members(e.getValue(), targets);
      if (have == null) out.add(kind + " " + e.getKey() + " missing");
      else if (!new TreeSet<>(have).equals(new TreeSet<>(want))) {
        out.add(kind + " " + e.getKey() + " members " + have + " -> " + want);
      }
    }
  }

  /** The view each LU ends up with ({@code lun} -1: chosen by COMSTAR). */
  private Map<String, View> views() {
    Map<String, View> out = new LinkedHashMap<>();
    if (h.views().isEmpty()) {
      for (String lu : lus) out.put(lu, new View(0, null, null, lun(lu)));
      return out;
    }
    String hg = null;
    String tg = null;
    for (Pool.StmfHaView v : h.views().values()) {
      if (v.hostGroup() != null) hg = v.hostGroup();
      if (v.targetGroup() != null) tg = v.targetGroup();
      String prefix = v.luPrefix() == null ? pool.name() : v.luPrefix();
      for (String lu : lus) {
        if (lu.equals(prefix) || lu.startsWith(prefix + "/"))
          out.put(lu, new View(0, hg, tg, lun(lu)));
      }
    }
    return out;
  }

  private static int lun(String lu) {
    int colon = lu.lastIndexOf(':');
    if (colon < 0) return -1;
    try {
      return Integer.parseInt(lu.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
