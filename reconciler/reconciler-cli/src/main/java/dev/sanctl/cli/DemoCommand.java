package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Invocation;
import dev.sanctl.cli.support.Session;
import dev.sanctl.cli.support.Terminal;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.core.usecase.ApplyGate;
import dev.sanctl.core.usecase.ApplyOperation;
import dev.sanctl.core.usecase.ApplyReport;
import dev.sanctl.core.usecase.ApplyRequest;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.host.ShellQuoting;
import dev.sanctl.spi.provider.Change;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl demo}: the quickstart. Builds a simulated cluster from {@code examples/quickstart}
 * (in a temporary directory or {@code --sim DIR}), plans, applies (the {@link ApplyOperation} of
 * {@code sanctl apply}, auto-approved) and shows the verifying plan: nothing is left to do. Exit 0
 * when the apply converged.
 */
@Command(
    name = "demo",
    description = "Plan and apply the quickstart example on a simulated cluster, then plan again.",
    mixinStandardHelpOptions = true)
public class DemoCommand implements Callable<Integer> {
  static final long VG_SIZE = 1L << 40;

  @ParentCommand Main parent;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "EXAMPLE",
      description = "Example configuration directory (default: examples/quickstart).")
  Path example = Path.of("examples", "quickstart");

  @Option(
      names = "--sim",
      paramLabel = "DIR",
      description = "Create the simulated cluster in DIR (new or empty) instead of a temp dir.")
  Path sim;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path config = parent.global.configDir.resolve(example).normalize();
    if (!Files.isDirectory(config)) {
      err.println(
          "sanctl: error: "
              + config
              + " does not exist; run the demo from the sanctl"
              + " repository root or name an example directory");
      return ExitCodes.ERROR;
    }
    LoadResult loaded = ConfigLoader.loadDirectory(config);
    for (Diagnostic d : loaded.diagnostics()) err.println(d.render());
    if (!loaded.ok()) return ExitCodes.ERROR;
    Path work = sim != null ? sim : Files.createTempDirectory("sanctl-demo");
    Path simDir = sim != null ? sim : work.resolve("sim");
    Path stateDir =
        sim != null ? Files.createTempDirectory("sanctl-demo-state") : work.resolve("state");
    SimCluster.init(simDir, loaded.state(), VG_SIZE);
    TextRenderer text = new TextRenderer(Terminal.color(parent.global.noColor));
    out.println("A simulated cluster for " + config + " is in " + simDir + ":");
    out.println("every node exists, each volume group is active on its first node, nothing else.");
    ClusterOptions onSim = new ClusterOptions();
    onSim.sim = simDir;
    try (Session s = Session.of(config, loaded.state(), loaded.diagnostics(), simDir)) {
      out.println();
      out.println("$ " + Invocation.of(config, onSim, "plan"));
      ApplyGate gate =
          new ApplyGate() {
            @Override
            public void planned(Plan plan) {
              out.print(text.render(plan));
              out.println();
              out.println("$ " + Invocation.of(config, onSim, "apply", "--auto-approve"));
              out.flush();
            }

            @Override
            public void progress(Change c, ChangeOutcome o) {
              out.println(
                  o.address()
                      + ": "
                      + o.status().name().toLowerCase(java.util.Locale.ROOT)
                      + (o.message() == null ? "" : " (" + o.message() + ")"));
              out.flush();
            }
          };
      ApplyReport report =
          new ApplyOperation(s.engine(), stateDir, Clock.systemUTC())
              .run(
                  new ApplyRequest(
                      s.desired(),
                      List.of(),
                      s.warnings(),
                      null,
                      new ApprovalPolicy(true, true),
                      null),
                  gate);
      ApplyResult result = report.result() != null ? report.result() : new ApplyResult(List.of());
      out.println(
          report.kind() == ApplyReport.Kind.PLAN_ERRORS ? report.summary() : result.summary());
      out.println();
      out.println("$ " + Invocation.of(config, onSim, "plan"));
      Plan again = report.after() != null ? report.after() : report.plan();
      out.print(text.render(again));
      out.println();
      out.println(
          "Try drift next: "
              + ShellQuoting.join(List.of("sanctl", "sim", "run", "--sim", simDir.toString()))
              + " <node> -- <command>, then "
              + Invocation.of(config, onSim, "drift"));
      out.flush();
      return report.ok() ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }
}
