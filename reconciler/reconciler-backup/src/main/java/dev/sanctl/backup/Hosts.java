package dev.sanctl.backup;

import dev.sanctl.spi.host.Host;
import java.io.IOException;

/** Opens the {@link Host} of a node by its name; the caller closes nothing (the provider owns). */
@FunctionalInterface
public interface Hosts {
  Host host(String node) throws IOException;
}
