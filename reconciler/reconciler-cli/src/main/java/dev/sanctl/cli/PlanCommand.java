package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.FormatOption;
import dev.sanctl.cli.support.Invocation;
import dev.sanctl.cli.support.RevisionOption;
import dev.sanctl.cli.support.Session;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.core.render.PlanRenderer;
import dev.sanctl.core.usecase.PlanOperation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl plan}: observe, plan, print. Exit 0 (no changes, or changes without {@code
 * --detailed-exitcode}), 2 (changes, with {@code --detailed-exitcode}), 1 (invalid configuration or
 * a plan error such as a shrink), 4 (a node could not be observed: the plan is incomplete, with or
 * without {@code --detailed-exitcode}); precedence as in {@link ExitCodes}.
 */
@Command(
    name = "plan",
    description = "Observe live state and show what apply would change.",
    mixinStandardHelpOptions = true)
public class PlanCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin RevisionOption revision;

  @Mixin FormatOption formatOption;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "Also save the plan (versioned JSON, no secrets) for apply --plan FILE.")
  Path out;

  @Option(
      names = "--detailed-exitcode",
      description = "Exit 2 when there are changes (0 when none).")
  boolean detailedExitCode;

  @Override
  public Integer call() throws Exception {
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    PlanRenderer renderer = formatOption.renderer(parent.global.noColor);
    Optional<Session> opened =
        Session.openForPlan(parent.global.configDir, revision.rev, cluster.sim, err);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    try (Session s = opened.get()) {
      if (!s.knowsNodes(cluster.nodes, err)) return ExitCodes.USAGE;
      Plan plan =
          new PlanOperation(s.engine()).run(s.desired(), cluster.nodes, s.warnings()).plan();
      o.print(renderer.render(plan));
      o.flush();
      if (out != null) {
        Files.writeString(out, PlanJson.write(plan), StandardCharsets.UTF_8);
        Verbosity.unlessQuiet(spec, err)
            .println(
                "Saved the plan to "
                    + out
                    + "; apply it with: "
                    + Invocation.of(
                        parent.global.configDir, cluster, "apply", "--plan", out.toString()));
      }
      return exitCode(plan, detailedExitCode);
    }
  }

  /** 1 when errored, 4 when incomplete, 2 with changes when detailed, else 0. */
  static int exitCode(Plan plan, boolean detailed) {
    return ExitCodes.worst(
        plan.errored() ? ExitCodes.ERROR : ExitCodes.OK,
        plan.complete() ? ExitCodes.OK : ExitCodes.INCOMPLETE,
        detailed && plan.hasChanges() ? ExitCodes.CHANGES : ExitCodes.OK);
  }
}
