package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sanctl sim write DIR NODE --target IQN --offset BYTES --length BYTES}. */
@Command(
    name = "write",
    description = "An initiator writes random bytes to a target's LUN 0 (the ddmap marks them).")
public class SimWriteCommand implements Callable<Integer> {
  @Parameters(index = "0", paramLabel = "DIR", description = "Simulated cluster directory.")
  Path dir;

  @Parameters(index = "1", paramLabel = "NODE", description = "Node serving the target.")
  String node;

  @Option(names = "--target", required = true, paramLabel = "IQN", description = "Target IQN.")
  String target;

  @Option(names = "--offset", required = true, paramLabel = "BYTES", description = "Byte offset.")
  long offset;

  @Option(names = "--length", required = true, paramLabel = "BYTES", description = "Byte count.")
  long length;

  @Override
  public Integer call() throws IOException {
    SimCluster.open(dir).write(node, target, offset, length);
    return 0;
  }
}
