package dev.sanctl.providers.tgt;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.PortalGroup;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The portals tgtd listens on, from the portal groups that list the node: missing ones are added;
 * undeclared ones are reported, never removed. tgt has no per-target portal binding, so a node in
 * two portal groups exposes every target on all their portals (a warning).
 */
final class TgtPortalPlanner {
  private TgtPortalPlanner() {}

  /** The portal changes of {@code node}; findings go to {@code findings}. */
  static List<Change> plan(
      DesiredState desired,
      NodeSpec node,
      TgtObservation seen,
      TgtCommands tgt,
      List<Finding> findings) {
    Set<String> want = new LinkedHashSet<>();
    Set<String> groups = new HashSet<>();
    for (PortalGroup pg : desired.portalGroups().values()) {
      List<String> addrs = pg.portals().get(node.name());
      if (addrs == null) continue;
      groups.add(pg.name());
      for (String a : addrs) want.add((a.contains(":") ? "[" + a + "]" : a) + ":" + pg.port());
    }
    if (groups.size() > 1) {
      findings.add(
          Finding.warning(
              portal(node, null),
              "tgt has no per-target portal binding: every target on "
                  + node.name()
                  + " is reachable on the portals of all its portal groups "
                  + groups,
              "use one portal group per tgt node to keep exposure exact",
              SourceRef.NONE));
    }
    List<Change> changes = new ArrayList<>();
    for (String p : want) {
      if (!seen.portals().contains(p)) {
        changes.add(
            new Change(
                portal(node, p),
                Action.CREATE,
                Impact.NONE,
                "portal not present",
                List.of(FieldChange.of("portal", null, p)),
                List.of(tgt.newPortal(p)),
                List.of(),
                List.of()));
      }
    }
    for (String p : seen.portals()) {
      if (!want.contains(p)) {
        findings.add(
            Finding.unmanaged(
                portal(node, p),
                "tgt portal " + p + " is not in any portal group of " + node.name(),
                "add it to a portal group, or remove it from tgtd's start options",
                SourceRef.NONE));
      }
    }
    return changes;
  }

  /** Portal {@code p} of {@code node}, or (null) the node's portal list as a whole. */
  private static ResourceAddress portal(NodeSpec node, String p) {
    return ResourceAddress.of(node.name(), TgtProvider.ID, "portal", p);
  }
}
