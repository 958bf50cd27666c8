package dev.sanctl.cli.backup;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.spi.json.Json;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code sanctl backup status}: the last run of each job from the job log. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Show the last run of each backup job (bytes, duration, map state).",
      "Exit codes: 0."
    })
public class BackupStatusCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ClusterOptions cluster;
  @Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    List<String> lines = JobLog.lastLines(cluster.stateDir(BackupCommand.configDir(spec)));
    if (output.json()) {
      out.println(Json.write(java.util.Map.of("formatVersion", "1", "lastRuns", lines)));
    } else {
      if (lines.isEmpty()) out.println("no backup has run yet");
      lines.forEach(out::println);
    }
    out.flush();
    return ExitCodes.OK;
  }
}
