package dev.sanctl.cli.snaprotate;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.core.host.LocalHost;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.snaprotate.RunOptions;
import dev.sanctl.snaprotate.RunRenderer;
import dev.sanctl.snaprotate.RunReport;
import dev.sanctl.snaprotate.ScheduledVolumes;
import dev.sanctl.snaprotate.SnapRotateRunner;
import dev.sanctl.snaprotate.VolumeJob;
import dev.sanctl.snaprotate.VolumeLocks;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl snaprotate run}: rotates the snapshots of the node's scheduled volumes (run it on
 * the node, e.g. from the managed crontab block), or {@code --simulate}s it. Exit 0 done, 1 a
 * destroy failed or a configuration error (nothing deleted), 3 a brake engaged, 64 usage (an
 * unknown node, volume or brake name); see docs/snaprotate.md.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = "Rotate the snapshots of this node's scheduled volumes (or --simulate).")
public class SnaprotateRunCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin RotationOptions rotation;
  @Mixin OutputFormat output;

  @Option(
      names = "--node",
      paramLabel = "NODE",
      description = "Node name in the config (default: this host's short name).")
  String node;

  @Option(names = "--all", description = "Every scheduled volume of the node (the default).")
  boolean all;

  @Option(names = "--volume", paramLabel = "VOLUME", description = "Only this volume (repeatable).")
  List<String> volumes = new ArrayList<>();

  @Option(names = "--simulate", description = "Plan and print what a run would do; change nothing.")
  boolean simulate;

  @Option(
      names = "--pause",
      paramLabel = "SECONDS",
      defaultValue = "0",
      description = "Pause between destroy batches (default: ${DEFAULT-VALUE}).")
  long pauseSeconds;

  @Option(
      names = "--now",
      paramLabel = "INSTANT",
      hidden = true,
      description = "Planning instant (tests); default: the clock.")
  Instant now;

  @Option(
      names = "--sim",
      paramLabel = "DIR",
      description = "Run against the simulated cluster in DIR instead of this machine.")
  Path sim;

  @Option(
      names = "--lock-dir",
      paramLabel = "DIR",
      defaultValue = "/run/lock/sanctl",
      description = "Directory of the per-volume lock files (default: ${DEFAULT-VALUE}).")
  Path lockDir;

  Clock clock = Clock.systemUTC();

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    java.util.Set<dev.sanctl.snaprotate.Brake> named;
    try {
      named = rotation.brakes();
    } catch (IllegalArgumentException e) {
      return SnaprotateCommand.usage(err, e.getMessage());
    }
    try {
      DesiredState state = ScheduleChoice.load(SnaprotateCommand.configDir(spec), err);
      if (state == null) return ExitCodes.ERROR;
      String n = node != null ? node : hostName();
      if (!state.nodes().containsKey(n)) {
        err.println(
            "sanctl: error: node '"
                + n
                + "' is not in the configuration "
                + state.nodes().keySet()
                + "; give --node NAME");
        return ExitCodes.USAGE;
      }
      ScheduledVolumes.Result found = ScheduledVolumes.forNode(state, n);
      if (!found.problems().isEmpty()) {
        found.problems().forEach(p -> err.println("sanctl: error: " + p));
        return ExitCodes.ERROR;
      }
      List<VolumeJob> jobs = new ArrayList<>();
      for (VolumeJob j : found.jobs()) {
        if (volumes.isEmpty() || volumes.contains(j.volume())) jobs.add(j);
      }
      for (String v : volumes) {
        if (jobs.stream().noneMatch(j -> j.volume().equals(v))) {
          err.println("sanctl: error: volume " + v + " has no snapshot schedule on node " + n);
          return ExitCodes.USAGE;
        }
      }
      if (jobs.isEmpty()) {
        out.println("no volume with a snapshot schedule on node " + n);
        return 0;
      }
      RunOptions options =
          new RunOptions(
              now != null ? now : clock.instant(),
              named,
              simulate,
              Duration.ofSeconds(pauseSeconds),
              rotation.protectedNames(),
              rotation.legacyNameTime);
      try (Host host = openHost(n)) {
        SnapRotateRunner runner =
            new SnapRotateRunner(host, state.cluster().propertyNamespace(), locks());
        RunReport report = runner.run(jobs, options);
        if (output.json()) out.println(RunJson.of(report));
        else out.print(RunRenderer.text(report, verbose()));
        return report.exitCode();
      }
    } catch (IllegalArgumentException e) {
      err.println("sanctl: error: " + e.getMessage());
      return ExitCodes.ERROR;
    } finally {
      out.flush();
      err.flush();
    }
  }

  /** The global {@code -v}: print the full plan of every volume. */
  private boolean verbose() {
    return dev.sanctl.cli.Verbosity.verbose(spec);
  }

  private VolumeLocks locks() {
    Path dir = lockDir;
    try {
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) throw new IOException("not writable");
    } catch (IOException e) {
      dir = Path.of(System.getProperty("java.io.tmpdir"), "sanctl-locks");
    }
    return VolumeLocks.files(dir);
  }

  private Host openHost(String n) throws IOException {
    if (sim != null) return SimCluster.open(sim).host(n);
    return new LocalHost(n);
  }

  private static String hostName() {
    try {
      String h = InetAddress.getLocalHost().getHostName();
      int dot = h.indexOf('.');
      return dot < 0 ? h : h.substring(0, dot);
    } catch (IOException e) {
      return "localhost";
    }
  }
}
