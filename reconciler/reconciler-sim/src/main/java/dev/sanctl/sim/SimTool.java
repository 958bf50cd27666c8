package dev.sanctl.sim;

import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * One simulated executable (or a family: lvs, vgs, lvcreate...). Implementations answer the
 * argument vector exactly as the real tool would: same stdout bytes, same error messages, same exit
 * status. Tools are found by {@link #names()} (the executable's base name); register them with
 * {@link SimCluster#register} or as a {@link java.util.ServiceLoader} service.
 */
public interface SimTool {
  /** Executable base names this tool answers to, e.g. {@code lvs}. */
  Set<String> names();

  /**
   * Runs one command on {@code node} (under the cluster lock).
   *
   * @param argv the argument vector as invoked; {@code argv.get(0)} may be an absolute path, as
   *     real tools print it in their messages
   * @param stdin bytes on standard input (empty for none)
   */
  CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException;

  /**
   * Whether the executable is installed on {@code node} (default: everywhere). A tool that is not
   * installed answers as an unknown command: {@code sh: 1: NAME: not found}, exit 127.
   */
  default boolean installedOn(SimNode node) throws IOException {
    return true;
  }
}
