package dev.sanctl.spi.host;

import java.util.List;

/**
 * The one way sanctl replaces a file on a node: a single {@code sh -c} command whose script is the
 * constant {@link #SCRIPT} (values only as positional arguments, never in the script), content on
 * standard input. The script
 *
 * <ol>
 *   <li>creates the parent directory if missing ({@code umask 022}: mode 0755);
 *   <li>refuses a path that is a directory ({@code sanctl-write: PATH: Is a directory}, exit 1);
 *   <li>creates a temporary file {@code .sanctl-write.XXXXXX} in the same directory with {@code
 *       mktemp}, which creates it with mode 0600, and sets the documented {@code mode} on it
 *       <em>before</em> any content is written;
 *   <li>copies standard input into it, checks that all of it arrived (a dropped SSH connection ends
 *       standard input early: {@code sanctl-write: PATH: received N of M bytes}, exit 1) and
 *       renames it over the file (atomic on one filesystem);
 *   <li>removes the temporary file whenever it stops early: a failed copy (disk full, file size
 *       limit), a failed rename, a hang-up, an interrupt or a termination.
 * </ol>
 *
 * <p>Modes: {@link #SECRET} (0600) for every file that holds a secret (CHAP passwords), {@link
 * #PUBLIC} (0644) for the others. The mode is set on every write, so a file someone loosened is
 * tightened again. Nothing of the content travels in argv, and (unlike {@code tee}) nothing is sent
 * back.
 */
public final class FileWrite {
  /** Mode of a file holding secrets: read and written by its owner only. */
  public static final String SECRET = "0600";

  /** Mode of every other file sanctl writes. */
  public static final String PUBLIC = "0644";

  /** {@code $0} of the script, the prefix of its own messages. */
  public static final String NAME = "sanctl-write";

  /**
   * The script, one line (an argument holds no line break); {@code $1} path, {@code $2} mode,
   * {@code $3} the content's length in bytes.
   */
  public static final String SCRIPT =
      "set -eu; f=$1; m=$2; n=$3; d=$(dirname \"$f\"); umask 022; mkdir -p \"$d\";"
          + " if [ -d \"$f\" ]; then echo \"sanctl-write: $f: Is a directory\" >&2; exit 1; fi;"
          + " t=$(mktemp \"$d/.sanctl-write.XXXXXX\"); trap 'rm -f \"$t\"' EXIT;"
          + " trap 'exit 129' HUP; trap 'exit 130' INT; trap 'exit 143' TERM;"
          + " chmod \"$m\" \"$t\"; cat > \"$t\"; s=$(wc -c < \"$t\");"
          + " if [ $((s)) -ne \"$n\" ]; then"
          + " echo \"sanctl-write: $f: received $((s)) of $n bytes\" >&2; exit 1; fi;"
          + " mv -f \"$t\" \"$f\"; trap - EXIT";

  private FileWrite() {}

  /**
   * Replaces {@code path} (absolute, or relative to the login directory) with {@code content} and
   * sets {@code mode} ({@link #SECRET} or {@link #PUBLIC}); each of {@code secrets} is masked
   * wherever the command is displayed.
   */
  public static Command replace(String path, String mode, byte[] content, List<String> secrets) {
    if (path.isEmpty() || path.startsWith("-"))
      throw new IllegalArgumentException("bad path: " + path);
    if (!mode.equals(SECRET) && !mode.equals(PUBLIC)) {
      throw new IllegalArgumentException("undocumented mode " + mode);
    }
    Command c =
        new Command(
            List.of("sh", "-c", SCRIPT, NAME, path, mode, Integer.toString(content.length)),
            content,
            null,
            true,
            null);
    for (String s : secrets) c = c.withSecret(s);
    return c;
  }

  /** Whether {@code argv} is a {@link #replace} command (for simulators and renderers). */
  public static boolean isWrite(List<String> argv) {
    return argv.size() == 7
        && argv.get(0).equals("sh")
        && argv.get(1).equals("-c")
        && argv.get(2).equals(SCRIPT)
        && argv.get(3).equals(NAME);
  }
}
