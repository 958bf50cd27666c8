package dev.sanctl.core.engine.testing;

import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import java.util.List;
import java.util.Set;

/**
 * A test provider that plans a fixed list of changes and findings (the engine still drops those of
 * unknown nodes and orders them), for building rich plans for the renderers.
 */
public final class ScriptedProvider implements Provider {
  private final String id;
  private final Set<String> dependsOn;
  private final Set<String> executables;
  private final List<Change> changes;
  private final List<Finding> findings;

  public ScriptedProvider(
      String id,
      Set<String> dependsOn,
      Set<String> executables,
      List<Change> changes,
      List<Finding> findings) {
    this.id = id;
    this.dependsOn = dependsOn;
    this.executables = executables;
    this.changes = List.copyOf(changes);
    this.findings = List.copyOf(findings);
  }

  private record Nothing() implements Observation {}

  @Override
  public String id() {
    return id;
  }

  @Override
  public Set<String> executables() {
    return executables;
  }

  @Override
  public Set<String> dependsOn() {
    return dependsOn;
  }

  @Override
  public Observation observe(ObserveContext context) {
    return new Nothing();
  }

  @Override
  public PlanResult plan(PlanContext context) {
    return new PlanResult(changes, findings);
  }
}
