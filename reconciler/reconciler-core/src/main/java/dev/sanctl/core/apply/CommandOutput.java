package dev.sanctl.core.apply;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;

/**
 * What a successful command printed, for the message of a change whose commands exited 0 but did
 * not take (e.g. {@code stmf-ha start} printing {@code Invalid name ...}): the tool's own words are
 * usually the cause. Secrets of the command are redacted; at most {@link #MAX_LINES} lines.
 */
final class CommandOutput {
  static final int MAX_LINES = 3;

  private CommandOutput() {}

  /** {@code `cmd`: line1 / line2}, or empty when the command printed nothing. */
  static Optional<String> of(Command cmd, CommandResult r) {
    String out = r.out();
    // what a command merely echoes (tee writing a file) is not something it said
    if (cmd.stdin().length > 0 && out.equals(new String(cmd.stdin(), StandardCharsets.UTF_8))) {
      out = "";
    }
    List<String> lines =
        (r.err() + "\n" + out).lines().map(String::strip).filter(l -> !l.isEmpty()).toList();
    if (lines.isEmpty()) return Optional.empty();
    String text = String.join(" / ", lines.subList(0, Math.min(MAX_LINES, lines.size())));
    if (lines.size() > MAX_LINES) text += " / ...";
    for (String s : cmd.secrets()) if (!s.isEmpty()) text = text.replace(s, Command.REDACTED);
    return Optional.of("`" + cmd + "`: " + text);
  }

  /** {@code ; the commands printed: ...}, or nothing when none printed anything. */
  static String summary(List<String> printed) {
    if (printed.isEmpty()) return "";
    return "; the commands printed: " + String.join("; ", printed);
  }
}
