package dev.sanctl.providers.cron;

import dev.sanctl.spi.model.CronEntry;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code cron} provider: owns one marked block of root's crontab per node ({@code
 * providers.md}); everything outside the block is kept byte for byte. One observation command and
 * at most one install command per node.
 */
public final class CronProvider implements Provider, Importer {
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
      ResourceAddress address = ResourceAddress.of(node.name(), ID, "block", cluster);
      String before;
      String merged;
      String block;
      try {
        before = CrontabBlock.current(seen.get().content(), cluster);
        block = CrontabBlock.render(cluster, entries);
        merged = CrontabBlock.merge(seen.get().content(), cluster, entries);
      } catch (CrontabBlock.BlockException e) {
        findings.add(
            Finding.error(
                address,
                e.getMessage(),
                "edit root's crontab on " + node.name() + " with crontab -e",
                null));
        continue;
      }
      if (merged.equals(seen.get().content())) continue;
      Action action =
          before == null ? Action.CREATE : block.isEmpty() ? Action.DELETE : Action.UPDATE;
      Change change =
          new Change(
              address,
              action,
              Impact.NONE,
              before == null
                  ? "managed block not in root's crontab"
                  : block.isEmpty() ? "no cron entries for this node" : "managed block differs",
              List.of(FieldChange.of("crontab block", before, block.isEmpty() ? null : block)),
              List.of(CrontabReader.installCommand(node.os(), merged)),
              List.of(),
              List.of());
      List<String> removed = removedJobs(before, block);
      if (!removed.isEmpty()) {
        change =
            AccessChanges.gate(
                change,
                List.of(),
                (block.isEmpty() ? "empties the managed block, removing " : "removes ")
                    + removed.size()
                    + " job(s): "
                    + String.join("; ", removed));
      }
      changes.add(change);
    }
    return new PlanResult(changes, findings);
  }

  @Override
  public Map<String, Object> importState(PlanContext context) {
    return CronImport.sections(context);
  }

  /**
   * The job lines of the observed block that the new block no longer has: backups, rotations and
   * alerts that would silently stop. Removing them is disruptive and needs approval.
   */
  static List<String> removedJobs(String before, String block) {
    if (before == null) return List.of();
    List<String> now = block.lines().toList();
    List<String> out = new ArrayList<>();
    for (String l : before.lines().toList()) {
      if (l.isBlank() || l.strip().startsWith("#") || now.contains(l)) continue;
      out.add(l.strip());
    }
    return out;
  }
}
