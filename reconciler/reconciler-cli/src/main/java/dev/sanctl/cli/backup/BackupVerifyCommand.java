package dev.sanctl.cli.backup;

import dev.sanctl.backup.BackupRunner;
import dev.sanctl.backup.Verifier;
import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Session;
import java.io.PrintWriter;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code sanctl backup verify [--daily N]}: checks N archive snapshots per pool, rotating. */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    description = {
      "Recompute the checksums of archive snapshots and compare with the stored ones"
          + " (N per pool and run, rotating); remove checksum files of destroyed snapshots.",
      "Exit codes: 0 all equal, 1 a mismatch or a snapshot that cannot be checked, 64 usage"
          + " error."
    })
public class BackupVerifyCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Option(
      names = {"--daily", "--count"},
      paramLabel = "N",
      defaultValue = "10",
      description = "Snapshots to check per pool (default: ${DEFAULT-VALUE}).")
  int count;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    if (count < 1) {
      BackupCommand.error(spec.commandLine().getErr(), "--daily must be at least 1");
      return ExitCodes.USAGE;
    }
    Optional<Session> opened = BackupCommand.open(spec, cluster);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    try (Session s = opened.get()) {
      Verifier.Report r =
          new Verifier(s.desired(), BackupCommand.hosts(s))
              .verify(BackupRunner.jobs(s.desired()), count);
      r.checked().forEach(c -> out.println(c.line()));
      r.removedOrphans().forEach(o -> out.println("removed orphaned checksum file " + o));
      out.flush();
      return r.ok() ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }
}
