package dev.sanctl.spi.host;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What a command did. A non-zero exit status is data, not an exception. Output is bounded by the
 * host ({@code truncated} says so); {@code exitStatus} is 127 for an unknown command, as a shell
 * reports it, and 124 when the command was killed at its timeout.
 */
public record CommandResult(
    int exitStatus, byte[] stdout, byte[] stderr, boolean truncated, Duration duration) {
  public static final int NOT_FOUND = 127;
  public static final int TIMED_OUT = 124;

  public static CommandResult of(int exit, String out, String err) {
    return new CommandResult(
        exit,
        out.getBytes(StandardCharsets.UTF_8),
        err.getBytes(StandardCharsets.UTF_8),
        false,
        Duration.ZERO);
  }

  public boolean ok() {
    return exitStatus == 0;
  }

  public String out() {
    return new String(stdout, StandardCharsets.UTF_8);
  }

  public String err() {
    return new String(stderr, StandardCharsets.UTF_8);
  }
}
