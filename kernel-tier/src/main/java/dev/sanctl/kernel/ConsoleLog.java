package dev.sanctl.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** A guest's serial console log ({@code boot-N/console.log}), read for reports and failures. */
final class ConsoleLog {
  private ConsoleLog() {}

  /** The whole log; empty when there is none yet. */
  static String text(Path log) {
    try {
      return log != null && Files.exists(log)
          ? new String(Files.readAllBytes(log), StandardCharsets.UTF_8)
          : "";
    } catch (IOException e) {
      return "(console unreadable: " + e + ")";
    }
  }

  /** The last {@code lines} lines of the log of guest {@code name}, framed. */
  static String tail(String name, Path log, int lines) {
    List<String> all = text(log).lines().toList();
    List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
    return "--- console of "
        + name
        + " ("
        + log
        + ", last "
        + tail.size()
        + " lines)\n"
        + String.join("\n", tail)
        + "\n--- end of console";
  }
}
