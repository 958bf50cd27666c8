package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.FormatOption;
import dev.sanctl.cli.support.Session;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.render.PlanRenderer;
import dev.sanctl.core.usecase.DriftOperation;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl drift}: a plan read as a drift report. Exit 0 no drift, 2 drift (changes, drift
 * findings, or differences that cannot be corrected such as a volume grown by hand), 4 incomplete
 * (a node could not be observed, so whether it drifted is unknown; wins over 2), 1 when the
 * configuration cannot be loaded. The result ({@code clean}, {@code drift} or {@code incomplete})
 * is recorded for {@code sanctl status}.
 */
@Command(
    name = "drift",
    description = "Report where live state differs from the desired state (exit 2 when it does).",
    mixinStandardHelpOptions = true)
public class DriftCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Mixin FormatOption formatOption;

  @picocli.CommandLine.Option(
      names = "--notify",
      description =
          "E-mail the drift per the cluster's alerts.email: once per distinct drift, and when it"
              + " is resolved (unsent mails stay queued in the state dir).")
  boolean notify;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PlanRenderer renderer = formatOption.renderer(parent.global.noColor);
    Optional<Session> opened = Session.openForPlan(parent.global.configDir, cluster.sim, err);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    try (Session s = opened.get()) {
      if (!s.knowsNodes(cluster.nodes, err)) return ExitCodes.USAGE;
      DriftOperation.DriftReport report =
          new DriftOperation(s.engine()).run(s.desired(), cluster.nodes, s.warnings());
      Plan plan = report.plan();
      boolean drift = report.drift();
      boolean incomplete = report.incomplete();
      if (formatOption.format == FormatOption.Format.text) {
        if (incomplete) {
          out.println(
              "Incomplete: "
                  + plan.unknownNodes().size()
                  + " node(s) could not be observed ("
                  + String.join(", ", plan.unknownNodes().keySet())
                  + "); whether they drifted is unknown.");
        }
        out.println(
            drift
                ? "Drift detected: live state differs from the desired state."
                : incomplete ? "No drift on the observed nodes." : "No drift.");
        out.println();
      }
      out.print(renderer.render(plan));
      out.flush();
      report.write(
          cluster.stateDir(parent.global.configDir),
          s.desired().revision(),
          Clock.systemUTC().instant());
      if (notify && !WatchNotify.drift(parent.global.configDir, cluster, s, plan, err)) {
        return ExitCodes.ERROR;
      }
      return ExitCodes.worst(
          incomplete ? ExitCodes.INCOMPLETE : ExitCodes.OK,
          drift ? ExitCodes.CHANGES : ExitCodes.OK);
    }
  }
}
