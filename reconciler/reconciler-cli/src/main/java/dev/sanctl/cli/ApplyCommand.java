package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Invocation;
import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.cli.support.Progress;
import dev.sanctl.cli.support.RevisionOption;
import dev.sanctl.cli.support.Session;
import dev.sanctl.cli.support.Terminal;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.config.ConfigFiles;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.core.render.PlanErrors;
import dev.sanctl.core.render.TextRenderer;
import dev.sanctl.core.usecase.ApplyGate;
import dev.sanctl.core.usecase.ApplyOperation;
import dev.sanctl.core.usecase.ApplyReport;
import dev.sanctl.core.usecase.ApplyRequest;
import dev.sanctl.spi.provider.Change;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl apply}. Takes the cluster lock, re-observes, plans, refuses what is not allowed,
 * asks for {@code yes} (unless {@code --auto-approve} or {@code --plan}), applies with a journal
 * and checks that a new plan is empty. A plan with errors applies nothing. Exit 0 applied (or
 * nothing to do), 1 failed or the plan has errors, 3 refused (stale plan, lock held, destroy or
 * disruption not allowed, not confirmed), 4 incomplete (a node could not be observed; the others
 * were applied). The workflow is {@link ApplyOperation}; the summary line, the exit code and the
 * status recorded for {@code sanctl status} come from its one {@link ApplyReport}; errors are
 * repeated at the end on standard error.
 */
@Command(
    name = "apply",
    description = "Apply the changes that bring live state to the desired state.",
    mixinStandardHelpOptions = true)
public class ApplyCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin RevisionOption revision;

  @Option(
      names = "--plan",
      paramLabel = "FILE",
      description = "Apply this saved plan, only if live state still matches it (else exit 3).")
  Path planFile;

  @Option(names = "--auto-approve", description = "Do not ask for confirmation.")
  boolean autoApprove;

  @Option(names = "--allow-destroy", description = "Allow destructive changes (data loss).")
  boolean allowDestroy;

  @Option(
      names = "--allow-disruptive",
      description = "Allow breaking identity changes and disruptive changes with live sessions.")
  boolean allowDisruptive;

  @Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    PrintWriter stdout = spec.commandLine().getOut();
    PrintWriter out = output.json() ? new PrintWriter(java.io.Writer.nullWriter()) : stdout;
    PrintWriter err = spec.commandLine().getErr();
    Path configDir = parent.global.configDir;
    PlanJson.Saved saved = null;
    if (planFile != null) {
      try {
        saved = PlanJson.read(Files.readString(planFile, StandardCharsets.UTF_8));
      } catch (IllegalArgumentException | java.io.IOException e) {
        err.println("sanctl: error: cannot use " + planFile + ": " + e.getMessage());
        return ExitCodes.ERROR;
      }
    }
    String rev = revision.rev;
    // a plan made from a commit of this repository is applied from that commit, whatever the
    // working tree holds now; one made elsewhere (a CI merge ref) is checked against the working
    // tree by its desired-state digest
    String planCommit =
        saved == null || saved.revision() == null
            ? null
            : ConfigFiles.commitId(configDir, saved.revision());
    if (planCommit != null) {
      if (rev != null && !planCommit.equals(ConfigFiles.commitId(configDir, rev))) {
        err.println(
            "sanctl: error: --rev "
                + rev
                + " is not the revision the saved plan was made from ("
                + saved.revision()
                + "); leave out --rev");
        return ExitCodes.USAGE;
      }
      rev = planCommit;
    }
    Optional<Session> opened = Session.openForPlan(configDir, rev, cluster.sim, err);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    Path stateDir = cluster.stateDir(configDir);
    try (Session s = opened.get()) {
      if (!s.knowsNodes(cluster.nodes, err)) return ExitCodes.USAGE;
      List<String> scope = saved != null ? saved.nodes() : cluster.nodes;
      if (saved != null
          && !cluster.nodes.isEmpty()
          && !java.util.Set.copyOf(cluster.nodes).equals(java.util.Set.copyOf(saved.nodes()))) {
        err.println(
            "sanctl: --node cannot differ from the nodes of the saved plan " + saved.nodes());
        return ExitCodes.USAGE;
      }
      ApplyRequest request =
          new ApplyRequest(
              s.desired(),
              scope,
              s.warnings(),
              saved,
              new ApprovalPolicy(allowDestroy, allowDisruptive),
              null);
      ApplyReport report =
          new ApplyOperation(s.engine(), stateDir, Clock.systemUTC())
              .run(request, new Gate(out, err, stateDir, saved != null));
      int code = report(out, err, report, replanHint());
      if (output.json()) {
        stdout.println(ApplyJson.of(report, code));
        stdout.flush();
      }
      return code;
    }
  }

  /** The CLI's part of the apply: journal notes, the plan, confirmation and progress. */
  private final class Gate implements ApplyGate {
    private final PrintWriter out;
    private final PrintWriter err;
    private final Path stateDir;
    private final boolean savedPlan;
    private final Progress steps;

    Gate(PrintWriter out, PrintWriter err, Path stateDir, boolean savedPlan) {
      this.out = out;
      this.err = err;
      this.stateDir = stateDir;
      this.savedPlan = savedPlan;
      this.steps = Progress.of(err, "apply", Verbosity.quiet(spec));
    }

    @Override
    public void locked() {
      Journal.damage(stateDir).forEach(d -> err.println("sanctl: warning: " + d.message()));
      Journal.lastUnfinished(stateDir)
          .ifPresent(
              u -> {
                err.println(
                    "note: the previous apply ("
                        + u.run()
                        + ") "
                        + u.status()
                        + "; re-planning from live state finishes it.");
                u.unfinished()
                    .forEach(
                        (a, c) ->
                            err.println(
                                "  unfinished: "
                                    + a
                                    + (c == null ? "" : " (last command: " + c + ")")));
              });
    }

    @Override
    public void planned(Plan plan) {
      plan.changes().forEach(c -> steps.expect(c.node()));
      if (Verbosity.quiet(spec)) return;
      out.print(new TextRenderer(Terminal.color(parent.global.noColor)).render(plan));
      out.flush();
    }

    @Override
    public List<String> hold(Checkpoint at, Plan plan) {
      if (at != Checkpoint.ALLOWED || autoApprove || savedPlan) return List.of();
      try {
        return confirmed(output.json() ? err : out, err) ? List.of() : List.of("not confirmed");
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void progress(Change change, ChangeOutcome o) {
      if (!Verbosity.quiet(spec)) ApplyCommand.progress(out, o);
      steps.step(
          change.node(), o.address() + " " + o.status().name().toLowerCase(java.util.Locale.ROOT));
    }
  }

  /** Prints what the report says and returns its exit code. */
  private static int report(
      PrintWriter out, PrintWriter err, ApplyReport report, String replanHint) {
    switch (report.kind()) {
      case LOCKED -> {
        err.println("sanctl: " + report.reasons().get(0));
        return ExitCodes.REFUSED;
      }
      case STALE -> {
        err.println(
            "sanctl: stale plan: "
                + report.reasons().get(0)
                + ". Nothing was applied; plan again: "
                + replanHint);
        return ExitCodes.REFUSED;
      }
      case REFUSED -> {
        err.println("sanctl: refused, nothing was applied:");
        report.reasons().forEach(r -> err.println("  " + r));
        return ExitCodes.REFUSED;
      }
      case HELD -> {
        return ExitCodes.REFUSED;
      }
      case APPLIED -> {
        Plan again = report.replan();
        if (again != null && again.hasChanges()) {
          err.println(
              "sanctl: error: inconsistent result after apply: a new plan still has "
                  + again.changes().size()
                  + " change(s), e.g. "
                  + again.changes().get(0).address());
        }
        out.println();
      }
      default -> {}
    }
    int code = finish(out, err, report);
    if (report.result() != null && !report.result().ok()) {
      err.println(
          "Every step is in the journal "
              + report.journal()
              + "; fix the cause and run"
              + " apply again: it re-plans from live state and finishes the rest.");
    }
    return code;
  }

  /** The command that makes a new plan, in the context of this one (saved to the same file). */
  private String replanHint() {
    return planFile == null
        ? Invocation.of(parent.global.configDir, cluster, "plan")
        : Invocation.of(parent.global.configDir, cluster, "plan", "--out", planFile.toString());
  }

  /** The exit code of a verdict: ok 0, failed 1, incomplete 4. */
  static int exitCode(ApplyReport.Status status) {
    return switch (status) {
      case OK -> ExitCodes.OK;
      case FAILED -> ExitCodes.ERROR;
      case INCOMPLETE -> ExitCodes.INCOMPLETE;
    };
  }

  private boolean confirmed(PrintWriter out, PrintWriter err) throws java.io.IOException {
    if (!Terminal.interactive()) {
      err.println(
          "sanctl: refusing to apply without confirmation: no terminal to ask on. Use"
              + " --auto-approve, or save a plan and apply it: "
              + Invocation.of(parent.global.configDir, cluster, "plan", "--out", "FILE")
              + ", then "
              + Invocation.of(parent.global.configDir, cluster, "apply", "--plan", "FILE"));
      return false;
    }
    out.println();
    out.println("Do you want to perform these actions? Only 'yes' will be accepted.");
    out.print("  Enter a value: ");
    out.flush();
    String answer = Terminal.readLine();
    if (!"yes".equals(answer == null ? null : answer.strip())) {
      err.println("Apply cancelled.");
      return false;
    }
    return true;
  }

  private static void progress(PrintWriter out, ChangeOutcome o) {
    switch (o.status()) {
      case APPLIED -> out.println(o.address() + ": applied");
      case FAILED -> out.println(o.address() + ": FAILED: " + o.message());
      case SKIPPED -> out.println(o.address() + ": skipped (" + o.message() + ")");
    }
    out.flush();
  }

  /**
   * Prints the verdict's summary line and repeats what went wrong on standard error (the operation
   * recorded the verdict for {@code sanctl status}); returns its exit code.
   */
  private static int finish(PrintWriter out, PrintWriter err, ApplyReport v) {
    Plan plan = v.plan();
    ApplyResult r = v.result();
    if (v.summary() != null) out.println(v.summary());
    out.flush();
    List<String> errors = PlanErrors.lines(plan);
    if (!errors.isEmpty()) {
      err.println(
          "sanctl: error: the plan has " + errors.size() + " error(s); nothing was applied:");
      errors.forEach(e -> err.println("  - " + e));
      err.println("Fix them (or the live state they name) and run apply again.");
    }
    if (r != null && !r.ok()) {
      err.println("sanctl: error: " + v.summary());
      r.outcomes().stream()
          .filter(o -> o.status() == ChangeOutcome.Status.FAILED)
          .forEach(o -> err.println("  - " + o.address() + ": " + o.message()));
    }
    if (!plan.complete()) {
      err.println(
          "sanctl: incomplete: "
              + plan.unknownNodes().size()
              + " node(s) could not be observed; nothing was planned or applied on them:");
      plan.unknownNodes().forEach((n, why) -> err.println("  ! " + n + ": " + why));
    }
    err.flush();
    return exitCode(v.status());
  }
}
