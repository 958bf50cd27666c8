package dev.sanctl.core.plan;

import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The outcome of planning one cluster: ordered changes (apply order), findings, the nodes that
 * could not be observed, and the digests that make a saved plan checkable for staleness. Immutable;
 * renderers only read it.
 *
 * @param sourceRevision git commit of the desired state, or null for a working directory
 * @param desiredDigest digest of the desired state the plan was computed from
 * @param nodes the nodes in scope, in desired-state order
 * @param nodeDigests observation digest of every observed node (sorted by node)
 * @param unknownNodes nodes that could not be observed, with the reason (sorted by node)
 * @param changes changes in apply order (dependencies first)
 * @param findings unmanaged objects, refused changes, warnings and drift notes
 * @param diagnostics configuration problems found while loading (warnings only, normally)
 */
public record Plan(
    String sourceRevision,
    String desiredDigest,
    List<String> nodes,
    Map<String, String> nodeDigests,
    Map<String, String> unknownNodes,
    List<Change> changes,
    List<Finding> findings,
    List<Diagnostic> diagnostics) {

  public Plan {
    nodes = List.copyOf(nodes);
    nodeDigests = sorted(nodeDigests);
    unknownNodes = sorted(unknownNodes);
    changes = List.copyOf(changes);
    findings = List.copyOf(findings);
    diagnostics = List.copyOf(diagnostics);
  }

  private static Map<String, String> sorted(Map<String, String> m) {
    return java.util.Collections.unmodifiableMap(new TreeMap<>(m));
  }

  public boolean hasChanges() {
    return !changes.isEmpty();
  }

  /**
   * True when apply would change something: there are changes and no errors (a plan with errors
   * applies nothing).
   */
  public boolean applyable() {
    return hasChanges() && !errored();
  }

  /** True when every node in scope was observed. */
  public boolean complete() {
    return unknownNodes.isEmpty();
  }

  /** True when some object cannot be planned (an {@code ERROR} finding or diagnostic). */
  public boolean errored() {
    return findings.stream().anyMatch(f -> f.kind() == Finding.Kind.ERROR)
        || diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }

  /** Counts, with terraform's rule that a replacement is one add and one destroy. */
  public Summary summary() {
    int add = 0;
    int change = 0;
    int destroy = 0;
    for (Change c : changes) {
      switch (c.action()) {
        case CREATE -> add++;
        case UPDATE -> change++;
        case REPLACE -> {
          add++;
          destroy++;
        }
        case DELETE -> destroy++;
      }
    }
    return new Summary(add, change, destroy);
  }

  /** Changes grouped by node, each group in apply order, nodes in scope order. */
  public Map<String, List<Change>> changesByNode() {
    Map<String, List<Change>> m = new LinkedHashMap<>();
    for (String n : nodes) m.put(n, new java.util.ArrayList<>());
    for (Change c : changes) m.computeIfAbsent(c.node(), k -> new java.util.ArrayList<>()).add(c);
    m.replaceAll((k, v) -> List.copyOf(v));
    return m;
  }

  /** Findings about {@code node}, in plan order. */
  public List<Finding> findingsOf(String node) {
    return findings.stream().filter(f -> node.equals(f.node())).toList();
  }

  /** The same plan restricted to changes satisfying the predicate (e.g. one node). */
  public Plan withChanges(List<Change> subset) {
    return new Plan(
        sourceRevision,
        desiredDigest,
        nodes,
        nodeDigests,
        unknownNodes,
        subset,
        findings,
        diagnostics);
  }

  /** Counts of a plan. */
  public record Summary(int add, int change, int destroy) {
    /** {@code Plan: N to add, N to change, N to destroy.} */
    public String line() {
      return "Plan: " + add + " to add, " + change + " to change, " + destroy + " to destroy.";
    }
  }

  /** True for actions that remove an existing object. */
  public static boolean removes(Action a) {
    return a == Action.DELETE || a == Action.REPLACE;
  }
}
