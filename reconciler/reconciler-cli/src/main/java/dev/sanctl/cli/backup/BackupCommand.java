package dev.sanctl.cli.backup;

import dev.sanctl.backup.Hosts;
import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Session;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sanctl backup}: backups of volumes to ZFS archive hosts ({@code docs/backups.md}). */
@Command(
    name = "backup",
    mixinStandardHelpOptions = true,
    description = {
      "Back up volumes to ZFS archive hosts with ddless; verify and restore archive snapshots.",
      "Exit codes: 0 ok, 1 a job or check failed, 3 refused for safety, 64 usage error."
    },
    subcommands = {
      BackupRunCommand.class,
      BackupVerifyCommand.class,
      BackupRestoreCommand.class,
      BackupStatusCommand.class,
      BackupMapCommand.class
    })
public class BackupCommand implements java.util.concurrent.Callable<Integer> {
  @Spec CommandSpec spec;

  /** Without a subcommand: the help, exit 64. */
  @Override
  public Integer call() {
    return dev.sanctl.cli.GroupUsage.print(spec);
  }

  /** The config directory given with the root's {@code -C} option (default {@code .}). */
  static Path configDir(CommandSpec anySpec) {
    var option = anySpec.root().findOption("-C");
    Object v = option == null ? null : option.getValue();
    return v instanceof Path p ? p : Path.of(".");
  }

  /** Opens the session of the config directory (diagnostics printed), or empty on errors. */
  static Optional<Session> open(CommandSpec spec, ClusterOptions cluster) throws IOException {
    return Session.open(configDir(spec), cluster.sim, spec.commandLine().getErr());
  }

  /** The hosts of the session's nodes. */
  static Hosts hosts(Session s) {
    return node -> {
      var spec = s.desired().nodes().get(node);
      if (spec == null) throw new IOException("node " + node + " is not in the configuration");
      return s.engine().host(spec, s.desired());
    };
  }

  static void error(PrintWriter err, String message) {
    err.println("sanctl: error: " + message);
    err.flush();
  }
}
