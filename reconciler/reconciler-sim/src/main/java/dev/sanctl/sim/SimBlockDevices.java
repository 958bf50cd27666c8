package dev.sanctl.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Block devices contributed by a pluggable tool, e.g. ZFS volumes under {@code /dev/zvol/}. A
 * {@link SimTool} that also implements this interface is consulted by {@link SimNode#blockDevice}
 * after the LVM logical volumes, so ietadm, cat, blockdev and {@code sim write} work on its devices
 * too.
 */
public interface SimBlockDevices {
  /** The sparse file behind {@code absolutePath} on {@code node}, or empty when it is not ours. */
  Optional<Path> blockDevice(SimNode node, String absolutePath) throws IOException;
}
