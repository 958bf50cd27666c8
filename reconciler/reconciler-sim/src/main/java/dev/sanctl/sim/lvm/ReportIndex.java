package dev.sanctl.sim.lvm;

import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.iet.IetRuntime;
import java.io.IOException;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * What the fields of a report row ask about the other LVs of its group and the LUNs of its node (is
 * this LV the origin of a classic snapshot, a thin pool in use, served by a target), computed once
 * per report and per group or node instead of a scan of every LV or LUN for every row (which made
 * an {@code lvs} report of n volumes quadratic). Valid while the state it was computed from does
 * not change: one report, or one command's checks before it changes anything.
 */
final class ReportIndex {
  private final Map<LvmState.Vg, Set<String>> classicOrigins = new IdentityHashMap<>();
  private final Map<LvmState.Vg, Set<String>> activePools = new IdentityHashMap<>();
  private final Map<String, Set<String>> servedPaths = new HashMap<>();

  /** True when a classic (non-thin) snapshot of {@code lv} exists in {@code vg}. */
  boolean isClassicOrigin(LvmState.Vg vg, LvmState.Lv lv) {
    return named(classicOrigins, vg, o -> o.isThin() ? null : o.origin).contains(lv.name);
  }

  /** True when an active thin volume of {@code vg} lives in the pool {@code lv}. */
  boolean isPoolInUse(LvmState.Vg vg, LvmState.Lv lv) {
    return named(activePools, vg, t -> t.inactive ? null : t.pool).contains(lv.name);
  }

  /**
   * The names {@code name} gives the LVs of {@code vg} (null: none), computed once per group into
   * {@code index}.
   */
  private static Set<String> named(
      Map<LvmState.Vg, Set<String>> index, LvmState.Vg vg, Function<LvmState.Lv, String> name) {
    return index.computeIfAbsent(
        vg,
        g -> {
          Set<String> s = new HashSet<>();
          for (LvmState.Lv lv : g.lvs.values()) {
            String n = name.apply(lv);
            if (n != null) s.add(n);
          }
          return s;
        });
  }

  /** True when a LUN on {@code node} is backed by {@code vg/lv} (by either of its device paths). */
  boolean isServed(SimNode node, LvmState.Vg vg, LvmState.Lv lv) throws IOException {
    Set<String> paths = servedPaths.get(node.name());
    if (paths == null) {
      paths = IetRuntime.lunPaths(node);
      servedPaths.put(node.name(), paths);
    }
    return paths.contains(Lvm.lvPath(vg.name, lv.name))
        || paths.contains(Lvm.dmPath(vg.name, lv.name));
  }
}
