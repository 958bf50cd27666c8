package dev.sanctl.cli.support;

import dev.sanctl.spi.host.ShellQuoting;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The command line of a next step, carrying the context the user ran with: {@code -C DIR} (when not
 * the default {@code .}), then the subcommand, then {@code --sim}, every {@code --node} and {@code
 * --state-dir} as given, then the step's own arguments. Rendered by {@link ShellQuoting} so that it
 * can be pasted into a shell as it is: {@code sanctl -C /srv/san apply --sim /tmp/sim --plan
 * plan.json}.
 */
public final class Invocation {
  private Invocation() {}

  /** {@code sanctl [-C DIR] COMMAND [--sim S] [--node N]... [--state-dir D] ARGS...}. */
  public static String of(Path configDir, ClusterOptions cluster, String command, String... args) {
    List<String> argv = new ArrayList<>();
    argv.add("sanctl");
    if (configDir != null && !configDir.normalize().toString().isEmpty()) {
      argv.add("-C");
      argv.add(configDir.toString());
    }
    argv.addAll(List.of(command.split(" ")));
    if (cluster != null) {
      if (cluster.sim != null) {
        argv.add("--sim");
        argv.add(cluster.sim.toString());
      }
      for (String n : cluster.nodes) {
        argv.add("--node");
        argv.add(n);
      }
      if (cluster.stateDir != null) {
        argv.add("--state-dir");
        argv.add(cluster.stateDir.toString());
      }
    }
    argv.addAll(List.of(args));
    return ShellQuoting.join(argv);
  }
}
