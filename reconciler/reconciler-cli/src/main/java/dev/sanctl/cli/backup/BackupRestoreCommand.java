package dev.sanctl.cli.backup;

import dev.sanctl.backup.Restorer;
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

/** {@code sanctl backup restore --from POOL/VOL[@SNAP] --to VG/NEWLV}. */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Copy an archive volume or snapshot to a new LV (never over an existing one).",
      "Exit codes: 0 restored, 1 failed, 3 refused (the target exists), 64 usage error."
    })
public class BackupRestoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Option(
      names = "--from",
      required = true,
      paramLabel = "POOL/VOL[@SNAP]",
      description = "Archive volume or snapshot.")
  String from;

  @Option(names = "--to", required = true, paramLabel = "VG/LV", description = "New LV.")
  String to;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Optional<Session> opened = BackupCommand.open(spec, cluster);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    try (Session s = opened.get()) {
      Restorer.Result r = new Restorer(s.desired(), BackupCommand.hosts(s)).restore(from, to);
      out.println(r.line());
      out.flush();
      return ExitCodes.OK;
    } catch (Restorer.RefusedException e) {
      BackupCommand.error(err, e.getMessage());
      return ExitCodes.REFUSED;
    } catch (IllegalArgumentException e) {
      BackupCommand.error(err, e.getMessage());
      return ExitCodes.USAGE;
    } catch (java.io.IOException e) {
      BackupCommand.error(err, e.getMessage());
      return ExitCodes.ERROR;
    }
  }
}
