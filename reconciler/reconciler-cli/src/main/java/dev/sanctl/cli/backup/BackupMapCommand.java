package dev.sanctl.cli.backup;

import dev.sanctl.backup.MapService;
import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Session;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl backup map startup|shutdown VG --host NODE}: the change-map hooks of the target
 * service (ietd_ddmap.sh): dump maps at shutdown, move the map states at startup and shutdown.
 */
@Command(
    name = "map",
    mixinStandardHelpOptions = true,
    description =
        "Target service hooks: 'shutdown VG' dumps the ddmaps and marks them clean,"
            + " 'startup VG' moves the map states (a start without a clean dump makes them dirty)."
            + " Exit codes: 0 done, 1 failed, 64 usage error.")
public class BackupMapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Parameters(index = "0", paramLabel = "EVENT", description = "startup or shutdown")
  String event;

  @Parameters(index = "1", paramLabel = "VG", description = "Volume group (held by NODE).")
  String vg;

  @picocli.CommandLine.Option(
      names = "--host",
      required = true,
      paramLabel = "NODE",
      description = "The node holding the volume group.")
  String host;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!event.equals("startup") && !event.equals("shutdown")) {
      BackupCommand.error(err, "EVENT must be startup or shutdown, not '" + event + "'");
      return ExitCodes.USAGE;
    }
    Optional<Session> opened = BackupCommand.open(spec, cluster);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    try (Session s = opened.get()) {
      if (!s.knowsNodes(List.of(host), err)) return ExitCodes.USAGE;
      MapService service = new MapService(s.desired(), Clock.systemUTC());
      var h = BackupCommand.hosts(s).host(host);
      List<String> lines =
          event.equals("startup") ? service.startup(h, vg) : service.shutdown(h, vg);
      lines.forEach(out::println);
      out.flush();
      return ExitCodes.OK;
    } catch (IllegalArgumentException e) {
      BackupCommand.error(err, e.getMessage());
      return ExitCodes.USAGE;
    }
  }
}
