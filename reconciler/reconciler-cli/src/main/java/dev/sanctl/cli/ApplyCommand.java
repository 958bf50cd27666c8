package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Session;
import dev.sanctl.cli.support.Terminal;
import dev.sanctl.core.apply.Applier;
import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ApprovalPolicy;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.apply.ClusterLock;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.apply.StalePlanCheck;
import dev.sanctl.core.apply.StateFile;
import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.core.plan.PlanJson;
import dev.sanctl.core.render.PlanErrors;
import dev.sanctl.core.render.TextRenderer;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
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
 * were applied). The summary line, the exit code and the status recorded for {@code sanctl status}
 * come from one {@link ApplyVerdict}; errors are repeated at the end on standard error.
 */
@Command(
    name = "apply",
    description = "Apply the changes that bring live state to the desired state.",
    mixinStandardHelpOptions = true)
public class ApplyCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions cluster;

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

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
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
    Optional<Session> opened = Session.openForPlan(configDir, cluster.sim, err);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    Path stateDir = cluster.stateDir(configDir);
    Clock clock = Clock.systemUTC();
    try (Session s = opened.get();
        ClusterLock lock = ClusterLock.acquire(stateDir, clock)) {
      if (!s.knowsNodes(cluster.nodes, err)) return ExitCodes.USAGE;
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
      List<String> scope = saved != null ? saved.nodes() : cluster.nodes;
      if (saved != null
          && !cluster.nodes.isEmpty()
          && !java.util.Set.copyOf(cluster.nodes).equals(java.util.Set.copyOf(saved.nodes()))) {
        err.println(
            "sanctl: --node cannot differ from the nodes of the saved plan " + saved.nodes());
        return ExitCodes.USAGE;
      }
      ClusterObservation observed = s.engine().observe(s.desired(), scope);
      Plan plan = s.engine().plan(s.desired(), observed, s.warnings());
      if (saved != null) {
        Optional<String> stale = StalePlanCheck.staleness(saved, plan);
        if (stale.isPresent()) {
          err.println(
              "sanctl: stale plan: "
                  + stale.get()
                  + ". Nothing was applied; run"
                  + " sanctl plan again.");
          return ExitCodes.REFUSED;
        }
      }
      TextRenderer text = new TextRenderer(Terminal.color(parent.global.noColor));
      out.print(text.render(plan));
      out.flush();
      if (plan.errored()) {
        return finish(out, err, stateDir, s, clock, ApplyVerdict.planErrors(plan), null, plan);
      }
      if (!plan.hasChanges()) {
        ApplyVerdict v = ApplyVerdict.nothingToDo(plan);
        return v.exitCode() == ExitCodes.OK
            ? ExitCodes.OK
            : finish(out, err, stateDir, s, clock, v, null, plan);
      }
      List<String> refused = new ApprovalPolicy(allowDestroy, allowDisruptive).refusals(plan);
      if (!refused.isEmpty()) {
        err.println("sanctl: refused, nothing was applied:");
        refused.forEach(r -> err.println("  " + r));
        return ExitCodes.REFUSED;
      }
      if (!autoApprove && saved == null && !confirmed(out, err)) return ExitCodes.REFUSED;
      Journal journal = new Journal(stateDir, clock);
      ApplyResult result =
          new Applier(s.engine(), journal)
              .apply(s.desired(), plan, observed, (c, o) -> progress(out, o));
      boolean converged = result.ok() && verifyEmpty(s, scope, err);
      out.println();
      int code =
          finish(
              out, err, stateDir, s, clock, ApplyVerdict.of(plan, result, converged), result, plan);
      if (!result.ok()) {
        err.println(
            "Every step is in the journal "
                + journal.file()
                + "; fix the cause and run"
                + " apply again: it re-plans from live state and finishes the rest.");
      }
      return code;
    } catch (ClusterLock.HeldException e) {
      err.println("sanctl: " + e.getMessage());
      return ExitCodes.REFUSED;
    }
  }

  private boolean confirmed(PrintWriter out, PrintWriter err) throws java.io.IOException {
    if (!Terminal.interactive()) {
      err.println(
          "sanctl: refusing to apply without confirmation: no terminal to ask on. Use"
              + " --auto-approve, or save a plan with plan --out FILE and apply --plan FILE.");
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

  private static boolean verifyEmpty(Session s, List<String> scope, PrintWriter err) {
    Plan again = s.engine().plan(s.desired(), scope, List.of());
    if (!again.hasChanges()) return true;
    err.println(
        "sanctl: error: inconsistent result after apply: a new plan still has "
            + again.changes().size()
            + " change(s), e.g. "
            + again.changes().get(0).address());
    return false;
  }

  /**
   * Prints the verdict's summary line, repeats what went wrong on standard error, records the
   * verdict for {@code sanctl status} and returns its exit code.
   */
  private static int finish(
      PrintWriter out,
      PrintWriter err,
      Path stateDir,
      Session s,
      Clock clock,
      ApplyVerdict v,
      ApplyResult r,
      Plan plan) {
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
    Map<String, Object> m = new TreeMap<>();
    m.put("revision", s.desired().revision());
    m.put("time", clock.instant().toString());
    m.put("status", v.status());
    m.put("applied", r == null ? 0 : r.count(ChangeOutcome.Status.APPLIED));
    m.put("failed", r == null ? 0 : r.count(ChangeOutcome.Status.FAILED));
    m.put("skipped", r == null ? 0 : r.count(ChangeOutcome.Status.SKIPPED));
    if (!errors.isEmpty()) m.put("planErrors", errors.size());
    if (!plan.complete()) m.put("unknownNodes", plan.unknownNodes().size());
    StateFile.write(stateDir, StateFile.LAST_APPLY, m);
    return v.exitCode();
  }
}
