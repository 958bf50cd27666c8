package dev.sanctl.cli;

import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.cli.support.Session;
import dev.sanctl.core.engine.FileSecretResolver;
import dev.sanctl.gitops.Reconciler;
import dev.sanctl.gitops.RepoFollower;
import dev.sanctl.gitops.SmtpMailer;
import dev.sanctl.gitops.WatchState;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sanctl watch}: the GitOps daemon ({@code docs/gitops.md}). Follows a branch, applies new
 * commits under the cluster policy, checks drift every drift interval, mails alerts. Runs until
 * SIGTERM/SIGINT: the step in progress finishes, then the JVM exits 143 (SIGTERM) or 130 (SIGINT),
 * within seconds when no step is in progress. With {@code --once}: one poll and one drift check
 * when due, then exit 0 (all applied, no drift), 2 (drift, policy-blocked changes, or new commits
 * waiting while suspended), 4 (a node could not be observed), 1 (an invalid commit, a plan with
 * errors, a failed apply or an unreachable repository); precedence as in {@link ExitCodes}.
 */
@Command(
    name = "watch",
    description = "Follow a git branch: apply merged commits under the policy, report drift.",
    mixinStandardHelpOptions = true,
    subcommands = {WatchSuspendCommands.Suspend.class, WatchSuspendCommands.Resume.class})
public class WatchCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(
      names = "--repo",
      paramLabel = "URL|PATH",
      description =
          "The config repository: a path, file://, ssh:// or https:// URL (required, except for"
              + " suspend and resume).")
  String repo;

  @Option(
      names = "--branch",
      defaultValue = "main",
      description = "Branch to follow (default: main).")
  String branch;

  @Option(
      names = "--interval",
      defaultValue = "1m",
      converter = DurationConverter.class,
      description = "How often to fetch the branch (default: 1m; units s, m, h).")
  Duration interval;

  @Option(
      names = "--drift-interval",
      defaultValue = "1h",
      converter = DurationConverter.class,
      description = "How often to check the last applied revision for drift (default: 1h).")
  Duration driftInterval;

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description =
          "Repository cache, watch state, alert queue, journal (default: <config>/.sanctl).")
  Path stateDir;

  @Option(names = "--once", description = "One poll and one drift check when due, then exit.")
  boolean once;

  @Option(
      names = "--accept-policy",
      paramLabel = "REVISION",
      description =
          "Accept the policy of this revision after reviewing it (a commit that loosens the policy"
              + " waits for this); a commit pending for it is processed again.")
  String acceptPolicy;

  @Option(
      names = "--sim",
      paramLabel = "DIR",
      description = "Use the simulated cluster in DIR for every node (see: sanctl sim init).")
  Path sim;

  /** How long a stop waits for the step in progress (an apply); systemd's TimeoutStopSec. */
  static final Duration STOP_LIMIT = Duration.ofMinutes(15);

  @Mixin OutputFormat output;

  @Override
  public Integer call() {
    if (repo == null) {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "Missing required option: '--repo=URL|PATH'");
    }
    PrintWriter stdout = spec.commandLine().getOut();
    // with --format json the log goes to standard error, the result document to standard output
    PrintWriter out = output.json() ? spec.commandLine().getErr() : stdout;
    Path configDir = parent.global.configDir;
    Path state = stateDir != null ? stateDir : configDir.resolve(".sanctl");
    Reconciler r;
    try {
      r = reconciler(configDir, state, out);
    } catch (IllegalStateException | java.io.UncheckedIOException e) {
      spec.commandLine().getErr().println("sanctl: error: " + CliErrors.message(e));
      return ExitCodes.ERROR;
    }
    List<WatchState.Result> accepted =
        acceptPolicy == null ? List.of() : r.acceptPolicy(acceptPolicy);
    if (once) {
      List<WatchState.Result> all = new java.util.ArrayList<>(accepted);
      all.addAll(r.step());
      int code = exitCode(all);
      if (output.json()) {
        stdout.println(json(all, code));
        stdout.flush();
      }
      return code;
    }
    runUntilStopped(r, out, Verbosity.unlessQuiet(spec, out));
    return ExitCodes.OK;
  }

  private Reconciler reconciler(Path configDir, Path state, PrintWriter out) {
    return new Reconciler(
        new RepoFollower(repo, branch, state),
        state,
        desired -> Session.of(configDir, desired, List.of(), sim).engine(),
        email -> new SmtpMailer(email, new FileSecretResolver(configDir)),
        Clock.systemUTC(),
        new Reconciler.Intervals(interval, driftInterval),
        out);
  }

  /**
   * Runs until SIGTERM/SIGINT. The JVM runs shutdown hooks on the signal; the hook asks the loop to
   * stop, wakes it from its sleep and waits only until the step in progress has finished (not until
   * this thread returns: it then blocks in {@code System.exit}, which waits for the hook). The JVM
   * then exits with 128 + the signal: 143 after SIGTERM, 130 after SIGINT.
   */
  private static void runUntilStopped(Reconciler r, PrintWriter out, PrintWriter banner) {
    CountDownLatch wake = new CountDownLatch(1);
    CountDownLatch stepsDone = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              r.stop();
              wake.countDown();
              try {
                stepsDone.await(STOP_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "sanctl-watch-stop");
    Runtime.getRuntime().addShutdownHook(hook);
    banner.println("sanctl watch: following; stop with SIGTERM (the current step finishes first)");
    banner.flush();
    try {
      r.run(d -> wake.await(d.toMillis(), TimeUnit.MILLISECONDS));
    } finally {
      out.flush();
      stepsDone.countDown();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // the hook is running and returns now that the step is done
    }
  }

  /**
   * 1 when something failed, 4 when a node could not be observed, 2 when drift or policy-blocked
   * changes remain, else 0 (precedence as in {@link ExitCodes}).
   */
  static int exitCode(List<WatchState.Result> results) {
    int[] codes =
        results.stream()
            .mapToInt(
                x ->
                    switch (x.outcome()) {
                      case INVALID, FAILED, ERROR -> ExitCodes.ERROR;
                      case INCOMPLETE -> ExitCodes.INCOMPLETE;
                      case PENDING, DRIFT, SUSPENDED -> ExitCodes.CHANGES;
                      default -> ExitCodes.OK;
                    })
            .toArray();
    return ExitCodes.worst(codes);
  }

  /** {@code watch --once --format json} (format version 1): the exit code and each result. */
  static String json(List<WatchState.Result> results, int exit) {
    List<Object> list = new java.util.ArrayList<>();
    for (WatchState.Result x : results) {
      java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
      m.put("time", x.time() == null ? null : x.time().toString());
      m.put("revision", x.revision());
      m.put("outcome", x.outcome().name().toLowerCase(java.util.Locale.ROOT));
      m.put("message", x.message());
      list.add(m);
    }
    java.util.Map<String, Object> doc = new java.util.LinkedHashMap<>();
    doc.put("formatVersion", "1");
    doc.put("exit", exit);
    doc.put("results", list);
    return dev.sanctl.spi.json.Json.write(doc);
  }

  /** {@code 90s}, {@code 5m}, {@code 1h}, {@code 1d}; a plain number is seconds. */
  static final class DurationConverter implements ITypeConverter<Duration> {
    private static final Pattern P = Pattern.compile("(\\d+)([smhd]?)");

    @Override
    public Duration convert(String value) {
      Matcher m = P.matcher(value.strip());
      if (!m.matches()) {
        throw new TypeConversionException(
            "'" + value + "' is not a duration; write e.g. 30s, 5m, 1h or 1d");
      }
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofSeconds(n);
      };
    }
  }
}
