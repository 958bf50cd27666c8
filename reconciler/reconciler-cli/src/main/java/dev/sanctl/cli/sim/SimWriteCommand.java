package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sanctl sim write --sim DIR NODE --target IQN --offset BYTES --length BYTES}. */
@Command(
    name = "write",
    description = "An initiator writes random bytes to a target's LUN 0 (the ddmap marks them).")
public class SimWriteCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin SimDirOption simDir;

  @Parameters(paramLabel = "[DIR] NODE", description = "Node serving the target.")
  List<String> words;

  @Option(names = "--target", required = true, paramLabel = "IQN", description = "Target IQN.")
  String target;

  @Option(names = "--offset", required = true, paramLabel = "BYTES", description = "Byte offset.")
  long offset;

  @Option(names = "--length", required = true, paramLabel = "BYTES", description = "Byte count.")
  long length;

  @Override
  public Integer call() throws IOException {
    SimDirOption.Words w = simDir.split(spec, words, "NODE");
    SimDirOption.noMoreThan(spec, w, 1);
    SimCluster.open(w.dir()).write(w.get(0), target, offset, length);
    return 0;
  }
}
