package dev.sanctl.sim.fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The argv sequences of the simulator-fidelity test ({@code
 * fixtures/lvm/2.03.16/fidelity/corpus.txt}): one command per line, words split at blanks, {@code
 * '...'} quotes a word; {@code @real} lines are setup run only on the real side, {@code @both}
 * lines run on both sides without comparison, every other line is compared. {@code #} starts a
 * comment line.
 */
public final class FidelityCorpus {
  /** Where a command runs and whether its result is compared. */
  public enum Kind {
    REAL_SETUP,
    BOTH_SETUP,
    COMPARED
  }

  /**
   * One command of the corpus.
   *
   * @param number its 1-based position among the corpus's commands (comments not counted)
   * @param line the line as written, without its prefix
   */
  public record Command(int number, Kind kind, String line, List<String> argv) {}

  private FidelityCorpus() {}

  public static List<Command> read(Path file) throws IOException {
    return parse(Files.readString(file, StandardCharsets.UTF_8));
  }

  public static List<Command> parse(String text) {
    List<Command> out = new ArrayList<>();
    for (String raw : text.split("\n")) {
      if (raw.isBlank() || raw.startsWith("#")) continue;
      Kind kind = Kind.COMPARED;
      String line = raw;
      if (raw.startsWith("@real ")) {
        kind = Kind.REAL_SETUP;
        line = raw.substring(6);
      } else if (raw.startsWith("@both ")) {
        kind = Kind.BOTH_SETUP;
        line = raw.substring(6);
      }
      out.add(new Command(out.size() + 1, kind, line, words(line)));
    }
    return out;
  }

  /** The words of a line: blanks separate, {@code '...'} quotes (as a POSIX shell does). */
  static List<String> words(String line) {
    List<String> words = new ArrayList<>();
    StringBuilder w = null;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '\'') quoted = false;
        else w.append(c);
      } else if (c == '\'') {
        quoted = true;
        if (w == null) w = new StringBuilder();
      } else if (c == ' ') {
        if (w != null) words.add(w.toString());
        w = null;
      } else {
        if (w == null) w = new StringBuilder();
        w.append(c);
      }
    }
    if (quoted) throw new IllegalArgumentException("unterminated quote: " + line);
    if (w != null) words.add(w.toString());
    return words;
  }
}
