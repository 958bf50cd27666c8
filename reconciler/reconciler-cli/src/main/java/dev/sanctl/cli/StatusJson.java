package dev.sanctl.cli;

import dev.sanctl.cli.backup.JobLog;
import dev.sanctl.core.apply.ClusterLock;
import dev.sanctl.core.apply.Journal;
import dev.sanctl.core.apply.StateFile;
import dev.sanctl.spi.json.Json;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code status --format json} document (format version 1): {@code lastApply} and {@code
 * lastDrift} (the recorded fields, null when never, {@code {"unreadable": message}} when damaged),
 * {@code backups} and {@code watch} (lines), {@code applyLock} (the holder or null), {@code
 * unfinishedApply}, and with {@code --live} {@code live}: per node {@code known}, {@code status}
 * lines and the {@code reason} it is unknown.
 */
final class StatusJson {
  private StatusJson() {}

  static String of(Path stateDir, LiveStatus live) throws IOException {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("formatVersion", "1");
    doc.put("lastApply", record(stateDir, StateFile.LAST_APPLY));
    doc.put("lastDrift", record(stateDir, StateFile.LAST_DRIFT));
    doc.put("backups", JobLog.lastLines(stateDir));
    StringWriter watch = new StringWriter();
    WatchStatus.print(stateDir, new PrintWriter(watch));
    doc.put("watch", watch.toString().lines().toList());
    Path lock = stateDir.resolve(ClusterLock.FILE);
    doc.put("applyLock", Files.exists(lock) ? Files.readString(lock).strip() : null);
    doc.put(
        "unfinishedApply",
        Journal.lastUnfinished(stateDir)
            .map(
                u -> {
                  Map<String, Object> m = new LinkedHashMap<>();
                  m.put("run", u.run());
                  m.put("status", u.status());
                  m.put("unfinished", List.copyOf(u.unfinished().keySet()));
                  return m;
                })
            .orElse(null));
    if (live != null) doc.put("live", live(live));
    return Json.write(doc);
  }

  private static Object record(Path stateDir, String name) {
    try {
      return StateFile.read(stateDir, name).orElse(null);
    } catch (StateFile.UnreadableException e) {
      return Map.of("unreadable", e.getMessage());
    }
  }

  private static Map<String, Object> live(LiveStatus live) {
    Map<String, Object> nodes = new LinkedHashMap<>();
    live.lines()
        .forEach(
            (node, lines) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("known", true);
              m.put("status", lines);
              nodes.put(node, m);
            });
    live.unknown()
        .forEach(
            (node, why) -> {
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("known", false);
              m.put("reason", why);
              nodes.put(node, m);
            });
    return Map.of("nodes", nodes);
  }
}
