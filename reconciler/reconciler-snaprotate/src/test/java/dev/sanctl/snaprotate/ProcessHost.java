package dev.sanctl.snaprotate;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A minimal local-process {@link Host} for the end-to-end test (until the core's LocalHost is
 * available): runs the argv as is, feeds stdin, kills at the timeout. Records every command.
 */
final class ProcessHost implements Host {
  final List<Command> commands = new ArrayList<>();

  @Override
  public String name() {
    return "localhost";
  }

  @Override
  public CommandResult run(Command command) throws IOException {
    commands.add(command);
    long start = System.nanoTime();
    Process p;
    try {
      p = new ProcessBuilder(command.argv()).start();
    } catch (IOException e) {
      return CommandResult.of(CommandResult.NOT_FOUND, "", e.getMessage() + "\n");
    }
    CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> read(p, true));
    CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> read(p, false));
    try (OutputStream in = p.getOutputStream()) {
      in.write(command.stdin());
    }
    Duration timeout = command.timeout() == null ? Duration.ofSeconds(60) : command.timeout();
    try {
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        return CommandResult.of(CommandResult.TIMED_OUT, "", "timed out\n");
      }
      return new CommandResult(p.exitValue(), out.join(), err.join(), false,
          Duration.ofNanos(System.nanoTime() - start));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      throw new IOException("interrupted", e);
    }
  }

  private static byte[] read(Process p, boolean stdout) {
    try {
      return (stdout ? p.getInputStream() : p.getErrorStream()).readAllBytes();
    } catch (IOException e) {
      return new byte[0];
    }
  }
}
