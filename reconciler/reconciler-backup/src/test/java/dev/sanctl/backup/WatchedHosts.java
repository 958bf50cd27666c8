package dev.sanctl.backup;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;

/** Hosts of a simulated cluster whose commands pass through a hook (tests that watch or race). */
final class WatchedHosts {
  /** Runs {@code command} on {@code real}, doing something before or after. */
  interface Hook {
    CommandResult run(Host real, Command command) throws IOException;
  }

  private WatchedHosts() {}

  static Hosts of(SimCluster sim, Hook hook) {
    return node -> {
      Host real = sim.host(node);
      return new Host() {
        @Override
        public String name() {
          return real.name();
        }

        @Override
        public CommandResult run(Command command) throws IOException {
          return hook.run(real, command);
        }
      };
    };
  }
}
