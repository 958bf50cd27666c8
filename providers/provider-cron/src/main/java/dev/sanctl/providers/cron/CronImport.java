package dev.sanctl.providers.cron;

import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code sanctl import} for cron: the managed block of this cluster in root's crontab of every
 * known node becomes that node's {@code cron} entries, read back the way {@link
 * CrontabBlock#render} writes them (an optional {@code # comment} line, then {@code <five schedule
 * fields> <command>}). Lines outside the block are not sanctl's and are not imported; a crontab
 * whose markers cannot be read imports nothing (the plan reports it).
 */
final class CronImport {
  private CronImport() {}

  static Map<String, Object> sections(PlanContext ctx) {
    String cluster = ctx.desired().cluster().name();
    Map<String, Object> cron = new LinkedHashMap<>();
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      String block;
      try {
        block = CrontabBlock.current(((CrontabObservation) s.observation()).content(), cluster);
      } catch (CrontabBlock.BlockException e) {
        continue;
      }
      List<Object> entries = entries(block, cluster);
      if (!entries.isEmpty()) cron.put(s.node(), entries);
    }
    return cron.isEmpty() ? Map.of() : Map.of("cron", cron);
  }

  /** The entries of a block (markers included), or none when {@code block} is null. */
  static List<Object> entries(String block, String cluster) {
    List<Object> out = new ArrayList<>();
    if (block == null) return out;
    String comment = null;
    for (String raw : block.lines().toList()) {
      String line = raw.strip();
      if (line.isEmpty()
          || line.equals(CrontabBlock.begin(cluster))
          || line.equals(CrontabBlock.end(cluster))) {
        continue;
      }
      if (line.startsWith("#")) {
        comment = line.substring(1).strip();
        continue;
      }
      String[] f = line.split("\\s+", 6);
      if (f.length < 6) continue;
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("schedule", String.join(" ", f[0], f[1], f[2], f[3], f[4]));
      e.put("command", f[5]);
      if (comment != null && !comment.isEmpty()) e.put("comment", comment);
      comment = null;
      out.add(e);
    }
    return out;
  }
}
