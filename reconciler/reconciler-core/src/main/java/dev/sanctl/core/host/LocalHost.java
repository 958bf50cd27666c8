package dev.sanctl.core.host;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.StreamingProcess;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link Host} that runs commands as processes on this machine ({@code connection: local}): the
 * argument vector is executed directly (no shell), standard input is fed, standard output and error
 * are captured up to {@link #OUTPUT_LIMIT} bytes each (the rest is read and dropped, and the result
 * says {@code truncated}). At the timeout the process and all its descendants are killed and the
 * result is {@link CommandResult#TIMED_OUT}; an executable that does not exist gives {@link
 * CommandResult#NOT_FOUND} with the message a POSIX shell prints.
 */
public final class LocalHost implements Host {
  /** Timeout of a command that sets none. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(10);

  private final String name;
  private final Duration defaultTimeout;
  private final int outputLimit;

  public LocalHost(String name) {
    this(name, DEFAULT_TIMEOUT, OUTPUT_LIMIT);
  }

  /** A local host with its own default timeout and output bound (for tests). */
  public LocalHost(String name, Duration defaultTimeout, int outputLimit) {
    this.name = name;
    this.defaultTimeout = defaultTimeout;
    this.outputLimit = outputLimit;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CommandResult run(Command command) throws IOException {
    long start = System.nanoTime();
    Process p;
    try {
      p = new ProcessBuilder(command.argv()).start();
    } catch (IOException e) {
      String msg = String.valueOf(e.getMessage());
      int status = msg.contains("error=13") ? 126 : CommandResult.NOT_FOUND;
      String reason = status == 126 ? "Permission denied" : "not found";
      return new CommandResult(
          status,
          new byte[0],
          bytes("sh: 1: " + command.executable() + ": " + reason + "\n"),
          false,
          since(start));
    }
    Capture out = new Capture(p.getInputStream(), outputLimit);
    Capture err = new Capture(p.getErrorStream(), outputLimit);
    Thread feeder = feed(p.getOutputStream(), command.stdin());
    boolean finished = awaitOrKill(p, command);
    out.join();
    err.join();
    feeder.interrupt();
    int status = finished ? p.exitValue() : CommandResult.TIMED_OUT;
    return new CommandResult(
        status, out.bytes(), err.bytes(), out.truncated || err.truncated, since(start));
  }

  /** Starts the process with live standard input and output ({@link Host#start}). */
  @Override
  public StreamingProcess start(Command command) throws IOException {
    long start = System.nanoTime();
    Process p = new ProcessBuilder(command.argv()).start();
    Capture err = new Capture(p.getErrorStream(), outputLimit);
    return new StreamingProcess() {
      @Override
      public OutputStream stdin() {
        return p.getOutputStream();
      }

      @Override
      public InputStream stdout() {
        return p.getInputStream();
      }

      @Override
      public CommandResult waitFor() throws IOException {
        boolean finished = awaitOrKill(p, command);
        err.join();
        int status = finished ? p.exitValue() : CommandResult.TIMED_OUT;
        return new CommandResult(status, new byte[0], err.bytes(), err.truncated, since(start));
      }

      @Override
      public void close() {
        if (p.isAlive()) killTree(p);
      }
    };
  }

  /** Waits for the command's timeout; kills the process tree when it is exceeded. */
  private boolean awaitOrKill(Process p, Command command) throws IOException {
    Duration timeout = command.timeout() == null ? defaultTimeout : command.timeout();
    try {
      boolean finished = p.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
      if (!finished) killTree(p);
      return finished;
    } catch (InterruptedException e) {
      killTree(p);
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while running " + command, e);
    }
  }

  /** Kills the process and every descendant (collected first, before they are re-parented). */
  private static void killTree(Process p) {
    List<ProcessHandle> descendants = p.descendants().toList();
    p.destroyForcibly();
    for (ProcessHandle h : descendants) h.destroyForcibly();
    try {
      p.waitFor(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static Thread feed(OutputStream stdin, byte[] data) {
    Thread t =
        new Thread(
            () -> {
              try (OutputStream s = stdin) {
                s.write(data);
              } catch (IOException ignored) {
                // the process exited without reading all of its input
              }
            },
            "local-host-stdin");
    t.setDaemon(true);
    t.start();
    return t;
  }

  /** Reads a stream to its end on a thread, keeping at most {@code limit} bytes. */
  private static final class Capture {
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
    private final Thread thread;
    private volatile boolean truncated;

    Capture(InputStream in, int limit) {
      thread =
          new Thread(
              () -> {
                byte[] buf = new byte[65536];
                try (InputStream s = in) {
                  int n;
                  while ((n = s.read(buf)) >= 0) {
                    int room = limit - kept.size();
                    if (n > room) truncated = true;
                    if (room > 0) kept.write(buf, 0, Math.min(n, room));
                  }
                } catch (IOException ignored) {
                  // stream closed when the process was killed
                }
              },
              "local-host-output");
      thread.setDaemon(true);
      thread.start();
    }

    void join() {
      try {
        thread.join(TimeUnit.SECONDS.toMillis(10));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    byte[] bytes() {
      synchronized (kept) {
        return kept.toByteArray();
      }
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }

  private static Duration since(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }

  @Override
  public String toString() {
    return "local:" + name;
  }
}
