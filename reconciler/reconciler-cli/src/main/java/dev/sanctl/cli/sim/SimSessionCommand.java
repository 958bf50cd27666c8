package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code sanctl sim session --sim DIR NODE add|remove --target IQN --initiator IQN --ip ADDR}. */
@Command(
    name = "session",
    description = "An initiator logs in to (add) or out of (remove) a target.")
public class SimSessionCommand implements Callable<Integer> {
  /** What the initiator does. */
  public enum Action {
    add,
    remove
  }

  @Spec CommandSpec spec;
  @Mixin SimDirOption simDir;

  @Parameters(
      paramLabel = "[DIR] NODE add|remove",
      description = "The node serving the target; log in (add) or out (remove).")
  List<String> words;

  @Option(names = "--target", required = true, paramLabel = "IQN", description = "Target IQN.")
  String target;

  @Option(
      names = "--initiator",
      required = true,
      paramLabel = "IQN",
      description = "Initiator IQN.")
  String initiator;

  @Option(
      names = "--ip",
      paramLabel = "ADDR",
      description = "Initiator address (required to add; on remove, only that address's sessions).")
  String ip;

  @Override
  public Integer call() throws IOException {
    SimDirOption.Words w = simDir.split(spec, words, "NODE", "add|remove");
    SimDirOption.noMoreThan(spec, w, 2);
    String node = w.get(0);
    Action action = action(w.get(1));
    SimCluster c = SimCluster.open(w.dir());
    if (action == Action.add) {
      if (ip == null) throw new IllegalArgumentException("--ip is required to add a session");
      c.addSession(node, target, initiator, ip);
    } else {
      c.removeSession(node, target, initiator, ip);
    }
    return 0;
  }

  private Action action(String word) {
    try {
      return Action.valueOf(word);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(
          spec.commandLine(),
          "'" + word + "' is not add or remove (see: sanctl sim session --help)");
    }
  }
}
