package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * One backup job per volume at a time, across processes and machines (a cron run overlapping a
 * manual one): a directory {@code <map state directory>/backup.lock} on the node holding the
 * volume, made with {@code mkdir} (atomic: exactly one of two runs succeeds), with a file {@code
 * owner}: {@code host=<machine> pid=<process> token=<random> since=<instant> renewed=<instant>}.
 *
 * <p>The holder renews the lock ({@link #renew}) while the job runs. A lock is stale, and taken
 * over, when it was not renewed for {@link #LEASE}, or when its holder is a process of this machine
 * that no longer exists (a killed run), or when it has no owner file (a run killed between {@code
 * mkdir} and writing the owner). Release removes the lock only while it is still ours.
 */
public final class VolumeLock {
  /** A lock not renewed for this long is stale. */
  public static final Duration LEASE = Duration.ofMinutes(10);

  /** How often a holder renews its lock. */
  public static final Duration RENEW_EVERY = LEASE.dividedBy(4);

  private static final String THIS_HOST = localHostName();

  private final HostFiles files;
  private final String dir;
  private final Clock clock;
  private final String token = UUID.randomUUID().toString();
  private Instant since;

  /** The lock of a volume whose map state directory is {@code stateDir} on {@code host}. */
  VolumeLock(Host host, String stateDir, Clock clock) {
    this.files = new HostFiles(host);
    this.dir = stateDir + "/backup.lock";
    this.clock = clock;
  }

  String path() {
    return dir;
  }

  /**
   * Takes the lock; returns empty when taken, else the owner line of the live holder. A stale lock
   * is removed and taken.
   */
  Optional<String> tryAcquire() throws IOException {
    files.mkdirs(dir.substring(0, dir.lastIndexOf('/')));
    for (int attempt = 0; attempt < 2; attempt++) {
      CommandResult r = files.host().run(Command.change("mkdir", dir));
      if (r.ok()) {
        since = clock.instant();
        writeOwner();
        return Optional.empty();
      }
      if (!r.err().contains("File exists")) throw HostFiles.failure("mkdir " + dir, r);
      Optional<String> owner = owner();
      if (owner.isEmpty()) owner = ownerAfterAMoment();
      if (owner.isPresent() && !stale(parse(owner.get()), clock.instant())) return owner;
      HostFiles.check("rm -r " + dir, files.host().run(Command.change("rm", "-r", "-f", dir)));
    }
    return owner().or(() -> Optional.of("a run that keeps taking the lock"));
  }

  /** Tells other runs that the holder is alive. */
  void renew() throws IOException {
    writeOwner();
  }

  /** Removes the lock if it is still ours. */
  void release() throws IOException {
    Optional<String> owner = owner();
    if (owner.isPresent() && token.equals(parse(owner.get()).get("token"))) {
      HostFiles.check("rm -r " + dir, files.host().run(Command.change("rm", "-r", "-f", dir)));
    }
  }

  private void writeOwner() throws IOException {
    files.replace(
        dir + "/owner",
        ("host="
                + THIS_HOST
                + " pid="
                + ProcessHandle.current().pid()
                + " token="
                + token
                + " since="
                + since
                + " renewed="
                + clock.instant()
                + "\n")
            .getBytes(StandardCharsets.UTF_8));
  }

  private Optional<String> owner() throws IOException {
    return files
        .read(dir + "/owner")
        .map(b -> new String(b, StandardCharsets.UTF_8).strip())
        .filter(s -> !s.isEmpty());
  }

  /** A run that has just made the directory writes its owner file right after. */
  private Optional<String> ownerAfterAMoment() throws IOException {
    try {
      Thread.sleep(500);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return owner();
  }

  static Map<String, String> parse(String ownerLine) {
    Map<String, String> m = new LinkedHashMap<>();
    for (String field : ownerLine.split(" ")) {
      int eq = field.indexOf('=');
      if (eq > 0) m.put(field.substring(0, eq), field.substring(eq + 1));
    }
    return m;
  }

  /** Whether a lock with these owner fields may be taken over at {@code now}. */
  static boolean stale(Map<String, String> owner, Instant now) {
    try {
      Instant renewed = Instant.parse(owner.getOrDefault("renewed", ""));
      if (renewed.plus(LEASE).isBefore(now)) return true;
    } catch (java.time.DateTimeException e) {
      return true;
    }
    if (THIS_HOST.equals(owner.get("host"))) {
      try {
        return ProcessHandle.of(Long.parseLong(owner.getOrDefault("pid", ""))).isEmpty();
      } catch (NumberFormatException e) {
        return true;
      }
    }
    return false;
  }

  /** The name of this machine in owner lines. */
  static String thisHost() {
    return THIS_HOST;
  }

  private static String localHostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && env.matches("[A-Za-z0-9._-]+")) return env;
    try {
      String n = java.net.InetAddress.getLocalHost().getHostName();
      return n.matches("[A-Za-z0-9._-]+") ? n : "localhost";
    } catch (IOException e) {
      return "localhost";
    }
  }
}
