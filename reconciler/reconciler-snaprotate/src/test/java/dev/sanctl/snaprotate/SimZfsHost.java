package dev.sanctl.snaprotate;

import dev.sanctl.sim.zfs.ZfsSim;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.util.ArrayList;
import java.util.List;

/** A {@link Host} whose {@code zfs} is the simulator's, recording every command it runs. */
final class SimZfsHost implements Host {
  final ZfsSim zfs;
  final List<Command> commands = new ArrayList<>();

  SimZfsHost(ZfsSim zfs) {
    this.zfs = zfs;
  }

  @Override
  public String name() {
    return "node1";
  }

  @Override
  public CommandResult run(Command command) {
    commands.add(command);
    if (!command.executable().equals("zfs")) {
      return CommandResult.of(CommandResult.NOT_FOUND, "", command.executable() + ": not found\n");
    }
    return zfs.run(command.argv());
  }

  List<List<String>> destroys() {
    return commands.stream()
        .map(Command::argv)
        .filter(a -> a.size() > 1 && a.get(1).equals("destroy"))
        .toList();
  }

  List<List<String>> sets() {
    return commands.stream()
        .map(Command::argv)
        .filter(a -> a.size() > 1 && a.get(1).equals("set"))
        .toList();
  }

  List<Command> mutating() {
    return commands.stream()
        .filter(
            c ->
                c.mutating()
                    || List.of("destroy", "set", "inherit", "hold", "release", "snapshot", "rename")
                        .contains(c.argv().size() > 1 ? c.argv().get(1) : ""))
        .toList();
  }
}
