package dev.sanctl.cli;

import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.render.PlanErrors;
import dev.sanctl.core.usecase.ApplyReport;
import dev.sanctl.spi.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code apply --format json} result (format version 1): {@code exit}, {@code kind} (locked,
 * stale, plan_errors, held, nothing_to_do, refused, applied), {@code status} (ok, failed,
 * incomplete; null when nothing was attempted), {@code summary}, {@code reasons}, {@code
 * planErrors}, per change its {@code outcomes}, the {@code unknownNodes} and the {@code journal}.
 */
final class ApplyJson {
  private ApplyJson() {}

  static String of(ApplyReport r, int exit) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("formatVersion", "1");
    doc.put("exit", exit);
    doc.put("kind", r.kind().name().toLowerCase(Locale.ROOT));
    doc.put("status", r.status() == null ? null : r.status().key());
    doc.put("summary", r.summary());
    doc.put("reasons", r.reasons());
    doc.put("planErrors", r.plan() == null ? List.of() : PlanErrors.lines(r.plan()));
    List<Object> outcomes = new ArrayList<>();
    if (r.result() != null) {
      for (ChangeOutcome o : r.result().outcomes()) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("address", o.address());
        m.put("node", o.node());
        m.put("status", o.status().name().toLowerCase(Locale.ROOT));
        m.put("message", o.message());
        outcomes.add(m);
      }
    }
    doc.put("outcomes", outcomes);
    doc.put("unknownNodes", r.plan() == null ? Map.of() : r.plan().unknownNodes());
    doc.put("journal", r.journal() == null ? null : r.journal().toString());
    return Json.write(doc);
  }
}
