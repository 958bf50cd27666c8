package dev.sanctl.providers.cron;

import dev.sanctl.spi.model.Alerts;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.Cluster;
import dev.sanctl.spi.model.CronEntry;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Policy;
import dev.sanctl.spi.model.Transport;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desired states with cron entries for the cron provider tests. */
final class CronStates {
  private CronStates() {}

  static NodeSpec node(String name, String os) {
    return new NodeSpec(name, name, os, List.of("cron"), null, null, null, null, null, null, null);
  }

  static DesiredState state(Map<String, List<CronEntry>> cron, NodeSpec... nodes) {
    Map<String, NodeSpec> byName = new LinkedHashMap<>();
    for (NodeSpec n : nodes) byName.put(n.name(), n);
    return new DesiredState(
        new Cluster("amherst", "iqn.1990-01.edu.amherst", "edu.amherst", null),
        byName,
        Transport.DEFAULTS,
        Policy.DEFAULTS,
        Alerts.NONE,
        Map.of(),
        Map.of(),
        Map.of(),
        null,
        null,
        List.of(),
        Map.of(),
        Map.of(),
        Backups.NONE,
        cron,
        null);
  }
}
