package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.cli.support.Session;
import dev.sanctl.core.apply.ClusterLock;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.apply.StateFile;
import dev.sanctl.core.engine.ClusterObservation;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl status}: the last applied revision, the last drift result, an apply in progress or
 * interrupted, and with {@code --live} what providers report of live state (per-target sessions).
 * Exit 0; 1 when a record of the state directory is unreadable (it says where and how to recover);
 * with {@code --live} 1 when the configuration cannot be loaded and 4 when a node could not be
 * observed.
 */
@Command(
    name = "status",
    description = "Show the last apply, the last drift check and (with --live) sessions.",
    mixinStandardHelpOptions = true)
public class StatusCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Option(names = "--live", description = "Also observe the nodes and show live status.")
  boolean live;

  @Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    PrintWriter json = spec.commandLine().getOut();
    PrintWriter out = output.json() ? new PrintWriter(Writer.nullWriter()) : json;
    PrintWriter err = spec.commandLine().getErr();
    Path configDir = parent.global.configDir;
    Path stateDir = cluster.stateDir(configDir);
    boolean readable = record(out, err, "Last apply: ", stateDir, StateFile.LAST_APPLY);
    readable &= record(out, err, "Last drift check: ", stateDir, StateFile.LAST_DRIFT);
    Journal.damage(stateDir).forEach(d -> err.println("sanctl: warning: " + d.message()));
    for (String line : dev.sanctl.cli.backup.JobLog.lastLines(stateDir)) {
      out.println("Last backup: " + line);
    }
    WatchStatus.print(stateDir, out);
    if (Files.exists(stateDir.resolve(ClusterLock.FILE))) {
      out.println(
          "Apply lock: held ("
              + Files.readString(stateDir.resolve(ClusterLock.FILE)).strip().replace('\n', ' ')
              + ")");
    }
    Journal.lastUnfinished(stateDir)
        .ifPresent(
            u ->
                out.println(
                    "Unfinished apply: "
                        + u.run()
                        + " ("
                        + u.status()
                        + "), "
                        + u.unfinished().size()
                        + " change(s) not finished; the next apply finishes them"));
    if (!live) {
      if (output.json()) json.print(StatusJson.of(stateDir, null));
      json.flush();
      out.flush();
      return readable ? ExitCodes.OK : ExitCodes.ERROR;
    }
    Optional<Session> opened = Session.open(configDir, cluster.sim, err);
    if (opened.isEmpty()) return ExitCodes.ERROR;
    try (Session s = opened.get()) {
      if (!s.knowsNodes(cluster.nodes, err)) return ExitCodes.USAGE;
      ClusterObservation obs = s.engine().observe(s.desired(), cluster.nodes);
      LiveStatus liveStatus = LiveStatus.of(obs, s.engine().providers());
      liveStatus.print(out);
      if (output.json()) json.print(StatusJson.of(stateDir, liveStatus));
      json.flush();
      out.flush();
      return ExitCodes.worst(
          readable ? ExitCodes.OK : ExitCodes.ERROR,
          liveStatus.complete() ? ExitCodes.OK : ExitCodes.INCOMPLETE);
    }
  }

  /** Prints one record; an unreadable one says where and how to recover (false then). */
  private static boolean record(
      PrintWriter out, PrintWriter err, String label, Path stateDir, String name) {
    try {
      out.println(label + describe(StateFile.read(stateDir, name)));
      return true;
    } catch (StateFile.UnreadableException e) {
      out.println(label + "unreadable");
      err.println("sanctl: error: " + e.getMessage());
      return false;
    }
  }

  private static String describe(Optional<Map<String, String>> m) {
    if (m.isEmpty()) return "never";
    Map<String, String> v = m.get();
    StringBuilder sb = new StringBuilder(v.getOrDefault("status", "?"));
    sb.append(" at ").append(v.getOrDefault("time", "?"));
    String rev = v.get("revision");
    sb.append(", revision ").append(rev == null ? "(working tree)" : rev);
    v.forEach(
        (k, x) -> {
          if (!k.equals("status") && !k.equals("time") && !k.equals("revision")) {
            sb.append(", ").append(k).append(' ').append(x);
          }
        });
    return sb.toString();
  }
}
