package dev.sanctl.cli.support;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.FileSecretResolver;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.SourceRef;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What every cluster command starts with: the desired state loaded and validated (diagnostics
 * printed), the providers, and an engine whose hosts come from {@link CliHostFactory}.
 */
public final class Session implements AutoCloseable {
  private final DesiredState desired;
  private final List<Diagnostic> warnings;
  private final Engine engine;

  private Session(DesiredState desired, List<Diagnostic> warnings, Engine engine) {
    this.desired = desired;
    this.warnings = warnings;
    this.engine = engine;
  }

  /**
   * Loads {@code configDir}; prints its diagnostics to {@code err} and returns empty when the
   * configuration has errors.
   */
  public static Optional<Session> open(Path configDir, Path simDir, PrintWriter err)
      throws IOException {
    return open(configDir, null, simDir, err, true);
  }

  /**
   * Like {@link #open(Path, Path, PrintWriter)} for commands that render a plan: a valid
   * configuration's warnings travel in the plan ({@link #warnings()}) and are printed once, with
   * it, not here as well.
   */
  public static Optional<Session> openForPlan(Path configDir, Path simDir, PrintWriter err)
      throws IOException {
    return open(configDir, null, simDir, err, false);
  }

  /**
   * Like {@link #openForPlan(Path, Path, PrintWriter)}, with the configuration of git revision
   * {@code rev} of {@code configDir} (the working tree when null).
   */
  public static Optional<Session> openForPlan(
      Path configDir, String rev, Path simDir, PrintWriter err) throws IOException {
    return open(configDir, rev, simDir, err, false);
  }

  private static Optional<Session> open(
      Path configDir, String rev, Path simDir, PrintWriter err, boolean printWarnings)
      throws IOException {
    LoadResult r =
        rev == null
            ? ConfigLoader.loadDirectory(configDir)
            : ConfigLoader.loadRevision(configDir, rev);
    boolean invalid = !r.ok() || r.state() == null;
    if (invalid || printWarnings) for (Diagnostic d : r.diagnostics()) err.println(d.render());
    if (invalid
        && !r.diagnostics().isEmpty()
        && r.diagnostics().stream().allMatch(d -> SourceRef.NONE.equals(d.source()))) {
      // an error about the repository or revision itself: its one line says everything
      err.flush();
      return Optional.empty();
    }
    if (invalid) {
      err.println(
          "sanctl: error: the configuration in "
              + configDir
              + (rev == null ? "" : " at git revision " + rev)
              + " is not valid (see above)");
      err.flush();
      return Optional.empty();
    }
    return Optional.of(of(configDir, r.state(), r.diagnostics(), simDir));
  }

  /** A session for an already loaded desired state. */
  public static Session of(
      Path configDir, DesiredState desired, List<Diagnostic> diagnostics, Path simDir)
      throws IOException {
    SimCluster sim = simDir == null ? null : SimCluster.open(simDir);
    Engine engine =
        new Engine(
            ProviderRegistry.load(),
            new CliHostFactory(configDir, sim),
            new FileSecretResolver(configDir));
    List<Diagnostic> warnings =
        diagnostics.stream().filter(d -> d.severity() == Severity.WARNING).toList();
    return new Session(desired, warnings, engine);
  }

  /** False (and a message on {@code err}) when a {@code --node} names no node of the cluster. */
  public boolean knowsNodes(List<String> nodes, PrintWriter err) {
    for (String n : nodes) {
      if (!desired.nodes().containsKey(n)) {
        err.println(
            "sanctl: unknown node '"
                + n
                + "' in --node (nodes: "
                + String.join(", ", desired.nodes().keySet())
                + ")");
        err.flush();
        return false;
      }
    }
    return true;
  }

  public DesiredState desired() {
    return desired;
  }

  /** Warnings from loading, carried into the plan. */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  public Engine engine() {
    return engine;
  }

  @Override
  public void close() {
    engine.close();
  }
}
