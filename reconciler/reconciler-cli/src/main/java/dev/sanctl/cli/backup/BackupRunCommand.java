package dev.sanctl.cli.backup;

import dev.sanctl.backup.BackupRunner;
import dev.sanctl.backup.JobResult;
import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Session;
import dev.sanctl.spi.model.Backups;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sanctl backup run [JOB...|--all]}: runs backup jobs (named by vg/lv or LV name). */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run backup jobs (named by their source vg/lv or LV name), or --all.")
public class BackupRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Parameters(paramLabel = "JOB", arity = "0..*", description = "Jobs to run.")
  List<String> names = new ArrayList<>();

  @Option(names = "--all", description = "Run every configured job.")
  boolean all;

  @Option(names = "--parallel", paramLabel = "N", defaultValue = "2",
      description = "Jobs running at the same time (default: ${DEFAULT-VALUE}).")
  int parallel;

  @Option(names = "--json", description = "Print a JSON array with one object per job.")
  boolean json;

  @Option(names = "--transport", paramLabel = "local|stream", defaultValue = "local",
      description = "local: sanctl reads and writes the devices in ranges through the hosts "
          + "(dd); stream: 'ddless send' on the source node and 'ddless receive' on the archive "
          + "host, relayed by sanctl (default: ${DEFAULT-VALUE}).")
  String transport;

  @Option(names = "--remote-sanctl", paramLabel = "PATH", defaultValue = "sanctl",
      description = "The sanctl executable on the nodes, for --transport stream "
          + "(default: ${DEFAULT-VALUE}).")
  String remoteSanctl;

  @Option(names = "--now", paramLabel = "INSTANT", hidden = true,
      description = "Snapshot instant (tests); default: the clock.")
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
    Optional<Session> opened = BackupCommand.open(spec, cluster);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    Clock clock = now != null ? Clock.fixed(now, java.time.ZoneOffset.UTC) : Clock.systemUTC();
    try (Session s = opened.get()) {
      List<Backups.Job> jobs = new ArrayList<>();
      if (all) jobs.addAll(BackupRunner.jobs(s.desired()));
      for (String n : names) {
        Optional<Backups.Job> j = BackupRunner.find(s.desired(), n);
        if (j.isEmpty()) {
          BackupCommand.error(err, "no backup job '" + n + "' (jobs: "
              + BackupRunner.jobs(s.desired()).stream().map(x -> x.source().toString()).toList()
              + ")");
          return ExitCodes.USAGE;
        }
        jobs.add(j.get());
      }
      BackupRunner runner = new BackupRunner(s.desired(), BackupCommand.hosts(s), clock,
          transport.equals("stream") ? remoteSanctl : null);
      List<JobResult> results = runner.run(jobs, parallel);
      JobLog.record(cluster.stateDir(BackupCommand.configDir(spec)), clock.instant(), results);
      if (json) out.println(JobResult.toJson(results));
      else results.forEach(r -> out.println(r.line()));
      if (json) results.stream().filter(r -> !r.ok()).forEach(r -> err.println(r.line()));
      out.flush();
      err.flush();
      return results.stream().allMatch(JobResult::ok) ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }
}
