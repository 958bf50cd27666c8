package dev.sanctl.spi.host;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One command to run on a node: an argument vector, never a shell string. {@code argv[0]} is a
 * constant chosen by provider code (checked against the provider's allowlist); values from the
 * desired state only ever appear as later, pattern-checked arguments. Large payloads (config files)
 * travel on {@code stdin}.
 *
 * @param stdin bytes fed to standard input, empty for none
 * @param timeout null for the node's default command timeout
 * @param mutating true when the command changes the node (observation commands must be false)
 * @param secrets substrings of argv or stdin that must never be shown: {@link #toString()} and
 *     every renderer, journal and log print {@link #REDACTED} instead
 */
public record Command(
    List<String> argv, byte[] stdin, Duration timeout, boolean mutating, List<String> secrets) {
  public static final String REDACTED = "(sensitive value)";

  public Command {
    argv = List.copyOf(argv);
    secrets = secrets == null ? List.of() : List.copyOf(secrets);
    if (argv.isEmpty()) throw new IllegalArgumentException("empty argv");
    for (String a : argv) {
      Objects.requireNonNull(a, "argv element");
      if (a.indexOf('\0') >= 0) throw new IllegalArgumentException("NUL in argument");
    }
    stdin = stdin == null ? new byte[0] : stdin.clone();
  }

  /** A read-only command. */
  public static Command read(String... argv) {
    return new Command(List.of(argv), null, null, false, null);
  }

  /** A command that changes the node. */
  public static Command change(String... argv) {
    return new Command(List.of(argv), null, null, true, null);
  }

  /** A command that changes the node, fed {@code stdin}. */
  public static Command change(byte[] stdin, String... argv) {
    return new Command(List.of(argv), stdin, null, true, null);
  }

  public Command withTimeout(Duration t) {
    return new Command(argv, stdin, t, mutating, secrets);
  }

  /** The same command, with {@code secret} masked wherever it is displayed. */
  public Command withSecret(String secret) {
    List<String> s = new java.util.ArrayList<>(secrets);
    s.add(secret);
    return new Command(argv, stdin, timeout, mutating, s);
  }

  /** The argument vector with every secret masked, for plans, journals and logs. */
  public List<String> displayArgv() {
    return argv.stream().map(this::mask).toList();
  }

  private String mask(String word) {
    String w = word;
    for (String secret : secrets) {
      if (!secret.isEmpty()) w = w.replace(secret, REDACTED);
    }
    return w;
  }

  public String executable() {
    return argv.get(0);
  }

  @Override
  public byte[] stdin() {
    return stdin.clone();
  }

  /** The command as one line for humans and journals, secrets masked. */
  @Override
  public String toString() {
    return ShellQuoting.join(displayArgv());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Command c
        && argv.equals(c.argv)
        && java.util.Arrays.equals(stdin, c.stdin)
        && Objects.equals(timeout, c.timeout)
        && mutating == c.mutating
        && secrets.equals(c.secrets);
  }

  @Override
  public int hashCode() {
    return Objects.hash(argv, java.util.Arrays.hashCode(stdin), timeout, mutating, secrets);
  }
}
