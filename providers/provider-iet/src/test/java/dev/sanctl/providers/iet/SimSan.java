package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.config.SourceFile;
import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.providers.files.FilesProvider;
import dev.sanctl.providers.lvm.LvmProvider;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.PlanContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A simulated Amherst-style SAN for tests: desired state from YAML, a {@link SimCluster}, and an
 * engine with the lvm, files and iet providers. Secrets come from a fake resolver.
 */
final class SimSan implements AutoCloseable {
  static final long GIB = 1L << 30;
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-21T12:00:00Z"), ZoneOffset.UTC);

  /** A fake resolver: the secret is derived from the file name, never a real secret. */
  static final PlanContext.SecretResolver SECRETS =
      path -> "FAKE-" + path.substring(path.lastIndexOf('/') + 1).replace('.', '-');

  final SimCluster cluster;
  final Engine engine;
  private final Path state;

  SimSan(Path dir, DesiredState desired) throws IOException {
    this(dir, desired, SECRETS);
  }

  /** A simulated SAN whose secrets come from {@code secrets}. */
  SimSan(Path dir, DesiredState desired, PlanContext.SecretResolver secrets) throws IOException {
    this.cluster = SimCluster.init(dir.resolve("sim"), desired, 10 * GIB, CLOCK);
    this.engine =
        new Engine(
            ProviderRegistry.of(List.of(new LvmProvider(), new FilesProvider(), new IetProvider())),
            (node, d) -> cluster.host(node.name()),
            secrets);
    this.state = dir.resolve("state");
    Files.createDirectories(state);
  }

  /** A simulated SAN for {@code desired} with {@code desired} already applied. */
  static SimSan applied(Path dir, DesiredState desired) throws IOException {
    SimSan san = new SimSan(dir, desired);
    san.apply(desired);
    return san;
  }

  /** Loads YAML files given as alternating name and text. */
  static DesiredState load(String... nameAndText) {
    List<SourceFile> files = new ArrayList<>();
    for (int i = 0; i < nameAndText.length; i += 2) {
      files.add(new SourceFile(nameAndText[i], nameAndText[i + 1]));
    }
    LoadResult r = ConfigLoader.loadFiles(files);
    assertTrue(
        r.ok(),
        () -> r.diagnostics().stream().map(Diagnostic::render).collect(Collectors.joining("\n")));
    return r.state();
  }

  Plan plan(DesiredState desired) {
    return engine.plan(desired, List.of(), List.of());
  }

  /** Plans and applies everything; fails the test when a change fails. */
  Plan apply(DesiredState desired) {
    ClusterObservation obs = engine.observe(desired, List.of());
    Plan plan = engine.plan(desired, obs, List.of());
    ApplyResult r = new Applier(engine, new Journal(state, CLOCK)).apply(desired, plan, obs, null);
    assertTrue(r.ok(), () -> "apply failed: " + r.outcomes());
    return plan;
  }

  /**
   * Applies the changes planned beside the plan's errors, as if the errors were fixed: {@code
   * apply}, {@code watch} and the {@link Applier} itself apply nothing while a plan has errors, so
   * this is only for tests of what a provider plans next to an object in error (it must converge
   * and then be seen). Fails the test when a change fails.
   */
  Plan applyBesideErrors(DesiredState desired) {
    ClusterObservation obs = engine.observe(desired, List.of());
    Plan plan = engine.plan(desired, obs, List.of());
    Plan errorsSetAside =
        new Plan(
            plan.sourceRevision(),
            plan.desiredDigest(),
            plan.nodes(),
            plan.nodeDigests(),
            plan.unknownNodes(),
            plan.changes(),
            plan.findings().stream()
                .filter(f -> f.kind() != dev.sanctl.spi.provider.Finding.Kind.ERROR)
                .toList(),
            plan.diagnostics());
    ApplyResult r =
        new Applier(engine, new Journal(state, CLOCK)).apply(desired, errorsSetAside, obs, null);
    assertTrue(r.ok(), () -> "apply failed: " + r.outcomes());
    return plan;
  }

  String run(String node, String... argv) {
    try {
      return cluster.run(node, argv).out();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    engine.close();
  }
}
