package dev.sanctl.cli;

import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.NodeObservation;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.StatusReporter;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What {@code status --live} reports per node: the providers' status lines of each observed node
 * and why a node is unknown. A node with nothing to report gets no section of its own.
 */
record LiveStatus(Map<String, List<String>> lines, Map<String, String> unknown) {
  static LiveStatus of(ClusterObservation obs, ProviderRegistry providers) {
    Map<String, List<String>> lines = new LinkedHashMap<>();
    Map<String, String> unknown = new LinkedHashMap<>();
    for (NodeObservation n : obs.nodes().values()) {
      if (!n.known()) {
        unknown.put(n.node(), n.unknownReason());
        continue;
      }
      List<String> node = new ArrayList<>();
      for (Provider p : providers.all()) {
        Observation o = n.observations().get(p.id());
        if (o != null && p instanceof StatusReporter r) node.addAll(r.status(n.node(), o));
      }
      lines.put(n.node(), node);
    }
    return new LiveStatus(lines, unknown);
  }

  boolean complete() {
    return unknown.isEmpty();
  }

  /** Text: a section per node with lines, one line per unknown node, one line when all is quiet. */
  void print(PrintWriter out) {
    List<String> quiet = new ArrayList<>();
    lines.forEach(
        (node, l) -> {
          if (l.isEmpty()) {
            quiet.add(node);
            return;
          }
          out.println();
          out.println("Node " + node + ":");
          l.forEach(line -> out.println("  " + line));
        });
    unknown.forEach(
        (node, why) -> {
          out.println();
          out.println("Node " + node + ": unknown (" + why + ")");
        });
    if (!quiet.isEmpty()) {
      out.println();
      out.println("Nothing live to report on " + String.join(", ", quiet) + ".");
    }
  }
}
