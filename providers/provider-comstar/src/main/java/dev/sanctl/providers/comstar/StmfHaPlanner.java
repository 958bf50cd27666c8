package dev.sanctl.providers.comstar;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.FileWrite;
import dev.sanctl.spi.model.Pool;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.provider.VolumeFacts;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Plans one {@code stmfHa} pool on the node that imports it: the rendered {@code stmf-ha.conf}
 * written atomically when it differs, {@code stmf-ha start <pool>} when the file changed or live
 * COMSTAR differs from {@link StmfHaExpectation}, and LUs of {@code state: absent} zvols deleted
 * with {@code stmfadm delete-lu} (stmf-ha never removes anything). The file is compared by meaning
 * ({@link StmfHaFileDiff}: a reordered YAML plans nothing); a file that no longer exports a target,
 * LU, TPG, portal, group, member or view, and a start that removes group members, moves views or
 * drops portals live ({@link StmfHaExpectation#takenAway}), are disruptive and need approval
 * ({@link dev.sanctl.spi.provider.AccessChanges#gate}): COMSTAR sessions are not observed.
 */
final class StmfHaPlanner {
  private final PlanContext context;
  private final Pool pool;
  private final List<Change> changes;
  private final List<Finding> findings;

  private static final String NO_SESSIONS =
      " (COMSTAR sessions are not observed: approval is needed whether or not an initiator is"
          + " logged in)";

  StmfHaPlanner(PlanContext context, Pool pool, List<Change> changes, List<Finding> findings) {
    this.context = context;
    this.pool = pool;
    this.changes = changes;
    this.findings = findings;
  }

  void plan() {
    String node = importer();
    if (node == null) return;
    ComstarObservation seen = (ComstarObservation) context.nodes().get(node).observation();
    for (String name : bashNames()) {
      if (!StmfHaConf.validPrefix(name)) {
        findings.add(
            Finding.error(
                    poolAddress(),
                    "'"
                        + name
                        + "' cannot name a stmf-ha object: it prefixes bash variables ("
                        + name
                        + "_members...)",
                    "use letters, digits and '_' only, not starting with a digit",
                    pool.stmfHa().source())
                .on(node));
        return;
      }
    }
    String rendered = StmfHaConf.render(pool);
    String live = seen.stmfHaConfs().get(pool.name());
    List<String> zvols = zvols(node);
    StmfHaFileDiff diff = live == null ? null : new StmfHaFileDiff(live, rendered);
    List<String> dropped = diff == null ? List.of() : diff.takenAway(zvols);
    List<ResourceAddress> deps = new ArrayList<>();
    List<String> reasons = new ArrayList<>();
    if (live == null || !diff.fields().isEmpty()) {
      String path = StmfHaConf.path(pool.name());
      ResourceAddress address =
          ResourceAddress.of(node, ComstarProvider.ID, "stmf-ha.conf", pool.name());
      Change file =
          new Change(
              address,
              live == null ? Action.CREATE : Action.UPDATE,
              Impact.NONE,
              live == null ? path + " does not exist" : path + " differs from the desired state",
              live == null
                  ? List.of(FieldChange.of("lines", null, lines(rendered)))
                  : diff.fields(),
              List.of(
                  FileWrite.replace(
                      path,
                      FileWrite.PUBLIC,
                      rendered.getBytes(StandardCharsets.UTF_8),
                      List.of())),
              List.of(),
              List.of());
      if (!dropped.isEmpty()) {
        file =
            AccessChanges.gate(
                file,
                List.of(),
                String.join("; ", dropped)
                    + " at the next stmf-ha start or failover"
                    + " (stmf-ha builds only what the file lists)"
                    + NO_SESSIONS);
      }
      changes.add(file);
      deps.add(address);
      reasons.add("stmf-ha.conf changed");
    }
    StmfHaExpectation expected = new StmfHaExpectation(pool, zvols);
    List<String> conflicts = expected.identityConflicts(seen);
    for (String conflict : conflicts) {
      findings.add(
          Finding.error(
                  poolAddress(),
                  conflict,
                  "delete or re-GUID that LU by hand (stmfadm delete-lu), or leave the zvol out of"
                      + " logicalUnits",
                  pool.stmfHa().source())
              .on(node));
    }
    if (!conflicts.isEmpty()) return;
    reasons.addAll(expected.differences(seen));
    if (!reasons.isEmpty()) {
      Change start =
          new Change(
              ResourceAddress.of(node, ComstarProvider.ID, "stmf-ha", pool.name()),
              Action.UPDATE,
              expected.touchesTargetGroups(seen) ? Impact.DISRUPTIVE : Impact.NONE,
              String.join("; ", reasons),
              List.of(),
              List.of(Command.change("stmf-ha", "start", pool.name())),
              List.of(),
              deps);
      List<String> takes = new ArrayList<>(expected.takenAway(seen));
      takes.addAll(dropped);
      if (!takes.isEmpty()) {
        start = AccessChanges.gate(start, List.of(), String.join("; ", takes) + NO_SESSIONS);
      }
      changes.add(start);
    }
    for (Pool.Zvol z : pool.volumes().values()) {
      if (z.state() != ResourceState.ABSENT) continue;
      String guid = StmfHaExpectation.guid(z.name()).toUpperCase(Locale.ROOT);
      if (!seen.lus().containsKey(guid)) continue;
      changes.add(
          new Change(
              ResourceAddress.of(node, ComstarProvider.ID, "lu", z.name()),
              Action.DELETE,
              Impact.DISRUPTIVE,
              "zvol is state: absent; stmf-ha never removes LUs",
              List.of(FieldChange.of("guid", guid, null)),
              List.of(Command.change("stmfadm", "delete-lu", guid)),
              List.of(),
              List.of()));
    }
  }

  /** The pool's stmf-ha object, cluster-wide: it follows the pool from node to node. */
  private ResourceAddress poolAddress() {
    return ResourceAddress.cluster(ComstarProvider.ID, "stmf-ha", pool.name());
  }

  private List<String> bashNames() {
    Pool.StmfHa h = pool.stmfHa();
    List<String> names = new ArrayList<>(h.targetPortalGroups().keySet());
    names.addAll(h.targets().keySet());
    names.addAll(h.hostGroups().keySet());
    names.addAll(h.targetGroups().keySet());
    names.addAll(h.views().keySet());
    return names;
  }

  private static int lines(String s) {
    return s.isEmpty() ? 0 : s.split("\n", -1).length - (s.endsWith("\n") ? 1 : 0);
  }

  private String importer() {
    return ComstarPlacement.of(context, pool).soleHolder().orElse(null);
  }

  /** The pool's zvols once the zfs changes of this plan are applied (absent ones left out). */
  private List<String> zvols(String node) {
    TreeSet<String> out = new TreeSet<>();
    VolumeFacts facts = context.volumes().get(node);
    VolumeFacts.Group g = facts == null ? null : facts.groups().get(pool.name());
    if (g != null) for (String rel : g.volumes().keySet()) out.add(pool.name() + "/" + rel);
    for (Pool.Zvol z : pool.volumes().values()) {
      if (z.state() == ResourceState.ABSENT) out.remove(z.name());
      else out.add(z.name());
    }
    return new ArrayList<>(out);
  }
}
