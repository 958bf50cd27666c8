package dev.sanctl.cli.sim;

import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sanctl sim session DIR NODE add|remove --target IQN --initiator IQN --ip ADDR}. */
@Command(
    name = "session",
    description = "An initiator logs in to (add) or out of (remove) a target.")
public class SimSessionCommand implements Callable<Integer> {
  /** What the initiator does. */
  public enum Action {
    add,
    remove
  }

  @Parameters(index = "0", paramLabel = "DIR", description = "Simulated cluster directory.")
  Path dir;

  @Parameters(index = "1", paramLabel = "NODE", description = "Node serving the target.")
  String node;

  @Parameters(index = "2", paramLabel = "add|remove", description = "Log in or log out.")
  Action action;

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
    SimCluster c = SimCluster.open(dir);
    if (action == Action.add) {
      if (ip == null) throw new IllegalArgumentException("--ip is required to add a session");
      c.addSession(node, target, initiator, ip);
    } else {
      c.removeSession(node, target, initiator, ip);
    }
    return 0;
  }
}
