package dev.sanctl.core.apply;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;

/**
 * One apply at a time per cluster: a lock file {@code <state-dir>/apply.lock} created atomically,
 * holding the owner ({@code user@host pid}) and the time it was taken. A second apply fails with
 * the owner and the lock's age. A lock left by a dead process of this same host is taken over.
 */
public final class ClusterLock implements AutoCloseable {
  public static final String FILE = "apply.lock";
  private final Path file;

  private ClusterLock(Path file) {
    this.file = file;
  }

  /** Thrown when another apply holds the lock. */
  public static final class HeldException extends Exception {
    private static final long serialVersionUID = 1L;

    public HeldException(String message) {
      super(message);
    }
  }

  /** Takes the lock or fails clearly. */
  public static ClusterLock acquire(Path stateDir, Clock clock) throws IOException, HeldException {
    StateDirectory.ensure(stateDir);
    Path file = stateDir.resolve(FILE);
    String host = hostName();
    long pid = ProcessHandle.current().pid();
    Properties p = new Properties();
    p.setProperty("owner", System.getProperty("user.name", "?") + "@" + host);
    p.setProperty("host", host);
    p.setProperty("pid", Long.toString(pid));
    p.setProperty("since", clock.instant().toString());
    String body = format(p);
    for (int attempt = 0; attempt < 2; attempt++) {
      try {
        Files.writeString(
            file,
            body,
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
        return new ClusterLock(file);
      } catch (FileAlreadyExistsException e) {
        Properties held = read(file);
        if (held != null && host.equals(held.getProperty("host")) && !alive(held)) {
          Files.deleteIfExists(file); // its owner died: take over
          continue;
        }
        throw new HeldException(describe(file, held, clock));
      }
    }
    throw new HeldException(describe(file, read(file), clock));
  }

  private static boolean alive(Properties held) {
    try {
      long pid = Long.parseLong(held.getProperty("pid", ""));
      return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    } catch (NumberFormatException e) {
      return true;
    }
  }

  private static String describe(Path file, Properties held, Clock clock) {
    if (held == null) {
      return "another apply holds the cluster lock " + file + "; wait for it to finish";
    }
    String since = held.getProperty("since", "?");
    String age = "?";
    try {
      Duration d = Duration.between(Instant.parse(since), clock.instant());
      age = d.toSeconds() + "s";
    } catch (RuntimeException e) {
      // unreadable time: show it as written
    }
    return "another apply holds the cluster lock: owner "
        + held.getProperty("owner", "?")
        + " (pid "
        + held.getProperty("pid", "?")
        + "), since "
        + since
        + " ("
        + age
        + " ago). Wait for it to finish; if that process is gone, remove "
        + file;
  }

  private static Properties read(Path file) {
    try {
      Properties p = new Properties();
      p.load(new java.io.StringReader(Files.readString(file, StandardCharsets.UTF_8)));
      return p;
    } catch (IOException e) {
      return null;
    }
  }

  private static String format(Properties p) {
    StringBuilder sb = new StringBuilder();
    for (String k : new java.util.TreeSet<>(p.stringPropertyNames())) {
      sb.append(k).append('=').append(p.getProperty(k)).append('\n');
    }
    return sb.toString();
  }

  private static String hostName() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "localhost";
    }
  }

  @Override
  public void close() throws IOException {
    Files.deleteIfExists(file);
  }
}
