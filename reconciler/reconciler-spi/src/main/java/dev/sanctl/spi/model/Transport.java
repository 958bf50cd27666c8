package dev.sanctl.spi.model;

import java.time.Duration;

/**
 * The {@code transport} section: SSH defaults for every node.
 *
 * @param sudo run every node command through {@code sudo -n --} (a non-root {@code user} with a
 *     NOPASSWD allow-list)
 */
public record Transport(
    String user,
    int port,
    String identityFile,
    String knownHostsFile,
    Duration connectTimeout,
    Duration commandTimeout,
    int maxParallelNodes,
    boolean sudo) {
  public static final Transport DEFAULTS =
      new Transport(
          "root",
          22,
          "~/.ssh/id_ed25519",
          "known_hosts",
          Duration.ofSeconds(10),
          Duration.ofMinutes(10),
          8,
          false);
}
