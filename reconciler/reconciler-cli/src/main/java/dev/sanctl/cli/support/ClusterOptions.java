package dev.sanctl.cli.support;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Options of the commands that talk to the cluster: {@code --sim}, {@code --node}, state dir. */
public class ClusterOptions {
  @Option(
      names = "--sim",
      paramLabel = "DIR",
      description = "Use the simulated cluster in DIR for every node (see: sanctl sim init).")
  public Path sim;

  @Option(
      names = "--node",
      paramLabel = "NODE",
      description = "Limit observation and planning to this node (repeatable).")
  public List<String> nodes = new ArrayList<>();

  @Option(
      names = "--state-dir",
      paramLabel = "DIR",
      description = "Where the journal, lock and last results live (default: <config>/.sanctl).")
  public Path stateDir;

  /** The state directory for a config directory. */
  public Path stateDir(Path configDir) {
    return stateDir != null ? stateDir : configDir.resolve(".sanctl");
  }
}
