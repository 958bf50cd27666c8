package dev.sanctl.cli.backup;

import dev.sanctl.backup.BackupRunner;
import dev.sanctl.backup.JobResult;
import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.cli.support.Session;
import dev.sanctl.spi.model.Backups;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl backup run [JOB...|--all]}: runs backup jobs (named by vg/lv or LV name), {@code
 * --parallel} at a time. Exit 0 all ok, 1 a job failed, 3 no job failed but one was refused because
 * another run holds its volume's lock, 64 usage error.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run backup jobs (named by their source vg/lv or LV name), or --all.",
      "Exit codes: 0 all jobs ok, 1 a job failed, 3 a job was refused because another run"
          + " backs up its volume (none failed), 64 usage error."
    })
public class BackupRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "JOB", arity = "0..*", description = "Jobs to run.")
  List<String> names = new ArrayList<>();

  @Option(names = "--all", description = "Run every configured job.")
  boolean all;

  @Option(
      names = "--parallel",
      paramLabel = "N",
      defaultValue = "2",
      description =
          "Jobs running at the same time, at least 1; jobs of the same volume never"
              + " run together (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(
      names = "--lock-wait",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description =
          "How long a job waits when another run (e.g. cron) backs up its volume"
              + " before it is refused (default: ${DEFAULT-VALUE}).")
  long lockWaitSeconds;

  @Mixin OutputFormat output;

  @Option(
      names = "--transport",
      paramLabel = "local|stream",
      defaultValue = "local",
      description =
          "local: sanctl reads and writes the devices in ranges through the hosts "
              + "(dd); stream: 'ddless send' on the source node and 'ddless receive' on the archive "
              + "host, relayed by sanctl (default: ${DEFAULT-VALUE}).")
  String transport;

  @Option(
      names = "--remote-sanctl",
      paramLabel = "PATH",
      defaultValue = "sanctl",
      description =
          "The sanctl executable on the nodes, for --transport stream "
              + "(default: ${DEFAULT-VALUE}).")
  String remoteSanctl;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      hidden = true,
      description = "Snapshot instant, and durations of zero (tests); default: the clock.")
  java.time.Instant now;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!transport.equals("local") && !transport.equals("stream")) {
      BackupCommand.error(err, "--transport must be local or stream, not '" + transport + "'");
      return ExitCodes.USAGE;
    }
    if (all == !names.isEmpty()) {
      BackupCommand.error(err, "give job names or --all (not both)");
      return ExitCodes.USAGE;
    }
    if (parallel < 1 || lockWaitSeconds < 0) {
      BackupCommand.error(err, "--parallel must be at least 1 and --lock-wait at least 0");
      return ExitCodes.USAGE;
    }
    Optional<Session> opened = BackupCommand.open(spec, cluster);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    Clock clock = now != null ? Clock.fixed(now, java.time.ZoneOffset.UTC) : Clock.systemUTC();
    try (Session s = opened.get()) {
      Set<Backups.Job> jobs = new LinkedHashSet<>();
      if (all) jobs.addAll(BackupRunner.jobs(s.desired()));
      for (String n : names) {
        Optional<Backups.Job> j;
        try {
          j = BackupRunner.find(s.desired(), n);
        } catch (IllegalArgumentException e) {
          BackupCommand.error(err, e.getMessage());
          return ExitCodes.USAGE;
        }
        if (j.isEmpty()) {
          BackupCommand.error(
              err,
              "no backup job '"
                  + n
                  + "' (jobs: "
                  + BackupRunner.jobs(s.desired()).stream().map(x -> x.source().toString()).toList()
                  + ")");
          return ExitCodes.USAGE;
        }
        jobs.add(j.get());
      }
      BackupRunner runner =
          new BackupRunner(
                  s.desired(),
                  BackupCommand.hosts(s),
                  clock,
                  transport.equals("stream") ? remoteSanctl : null)
              .lockWait(Duration.ofSeconds(lockWaitSeconds));
      if (now != null) runner.durations(() -> 0L);
      List<JobResult> results = runner.run(List.copyOf(jobs), parallel);
      JobLog.record(cluster.stateDir(BackupCommand.configDir(spec)), clock.instant(), results);
      boolean json = output.json();
      if (json) out.println(JobResult.toJson(results));
      else results.forEach(r -> out.println(r.line()));
      if (json) results.stream().filter(r -> !r.ok()).forEach(r -> err.println(r.line()));
      out.flush();
      err.flush();
      return exitCode(results);
    }
  }

  /** 1 when a job failed, else 3 when one was refused (locked by another run), else 0. */
  static int exitCode(List<JobResult> results) {
    if (results.stream().anyMatch(r -> !r.ok() && !r.refused())) return ExitCodes.ERROR;
    if (results.stream().anyMatch(JobResult::refused)) return ExitCodes.REFUSED;
    return ExitCodes.OK;
  }
}
