package dev.sanctl.providers.cron;

import dev.sanctl.spi.model.CronEntry;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code cron} provider: owns one marked block of root's crontab per node ({@code
 * providers.md}); everything outside the block is kept byte for byte. One observation command and
 * at most one install command per node.
 */
public final class CronProvider implements Provider {
  public static final String ID = "cron";

  @Override
  public String id() {
    return ID;
  }

  @Override
  public Set<String> executables() {
    return Set.of("crontab", "env");
  }

  @Override
  public boolean servesNode(DesiredState desired, NodeSpec node) {
    return node.hasService(ID) || desired.cron().containsKey(node.name());
  }

  @Override
  public Observation observe(ObserveContext context) throws IOException {
    return CrontabReader.read(context.host(), context.node().os());
  }

  @Override
  public PlanResult plan(PlanContext context) {
    DesiredState desired = context.desired();
    String cluster = desired.cluster().name();
    List<Change> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (NodeSpec node : desired.nodes().values()) {
      if (!servesNode(desired, node)) continue;
      Optional<CrontabObservation> seen =
          context.observation(node.name(), CrontabObservation.class);
      if (seen.isEmpty()) continue;
      List<CronEntry> entries = desired.cron().getOrDefault(node.name(), List.of());
      String address = Change.address(node.name(), ID, "block", cluster);
      String before;
      String merged;
      String block;
      try {
        before = CrontabBlock.current(seen.get().content(), cluster);
        block = CrontabBlock.render(cluster, entries);
        merged = CrontabBlock.merge(seen.get().content(), cluster, entries);
      } catch (CrontabBlock.BlockException e) {
        findings.add(
            new Finding(
                Finding.Kind.ERROR,
                node.name(),
                address,
                e.getMessage(),
                "edit root's crontab on " + node.name() + " with crontab -e",
                null));
        continue;
      }
      if (merged.equals(seen.get().content())) continue;
      Action action =
          before == null ? Action.CREATE : block.isEmpty() ? Action.DELETE : Action.UPDATE;
      changes.add(
          new Change(
              address,
              node.name(),
              ID,
              "block",
              cluster,
              action,
              Impact.NONE,
              before == null
                  ? "managed block not in root's crontab"
                  : block.isEmpty() ? "no cron entries for this node" : "managed block differs",
              List.of(FieldChange.of("crontab block", before, block.isEmpty() ? null : block)),
              List.of(CrontabReader.installCommand(node.os(), merged)),
              List.of(),
              List.of()));
    }
    return new PlanResult(changes, findings);
  }
}
