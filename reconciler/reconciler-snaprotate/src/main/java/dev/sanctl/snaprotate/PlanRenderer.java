package dev.sanctl.snaprotate;

import dev.sanctl.spi.host.ShellQuoting;
import dev.sanctl.spi.json.Json;
import java.util.List;
import java.util.stream.Collectors;

/** The text and JSON renderings of a plan (2.8), with the destroy calls a run would make. */
public final class PlanRenderer {
  private PlanRenderer() {}

  /** Tab-separated text: PLAN header, one row per snapshot, SUMMARY, WOULD-RUN lines. */
  public static String text(RotationPlan p, List<List<String>> wouldRun) {
    StringBuilder sb = new StringBuilder();
    sb.append("PLAN\tvolume=")
        .append(p.volume())
        .append("\tschedule=")
        .append(p.schedule())
        .append("\tzone=")
        .append(p.zone().getId())
        .append("\tnow=")
        .append(p.now())
        .append("\tkeepLast=")
        .append(p.keepLast())
        .append('\n');
    for (PlanRow r : p.rows()) {
      sb.append(r.action())
          .append('\t')
          .append(r.name())
          .append('\t')
          .append(r.time() == null ? "-" : r.time().toString())
          .append('\t')
          .append(r.reasons().isEmpty() ? "-" : String.join(",", r.reasons()))
          .append('\n');
    }
    for (String w : p.warnings()) sb.append("WARNING\t").append(w).append('\n');
    sb.append("SUMMARY\tvolume=")
        .append(p.volume())
        .append("\tcandidates=")
        .append(p.candidates())
        .append("\tkeep=")
        .append(p.count(RowAction.KEEP))
        .append("\tdelete=")
        .append(p.count(RowAction.DELETE))
        .append("\tskip=")
        .append(p.count(RowAction.SKIP))
        .append("\tignored=")
        .append(p.count(RowAction.IGNORE))
        .append("\tbrakes=")
        .append(brakes(p))
        .append("\twarnings=")
        .append(p.warnings().size())
        .append('\n');
    for (List<String> argv : wouldRun) {
      sb.append("WOULD-RUN\t").append(ShellQuoting.join(argv)).append('\n');
    }
    return sb.toString();
  }

  /** One JSON object (formatVersion 1), keys in the documented order. */
  public static String json(RotationPlan p, List<List<String>> wouldRun) {
    StringBuilder sb = new StringBuilder("{");
    sb.append("\"formatVersion\":\"1\",\"volume\":").append(Json.quote(p.volume()));
    sb.append(",\"schedule\":").append(Json.quote(p.schedule()));
    sb.append(",\"zone\":").append(Json.quote(p.zone().getId()));
    sb.append(",\"now\":").append(Json.quote(p.now().toString()));
    sb.append(",\"keepLast\":").append(p.keepLast());
    sb.append(",\"snapshots\":[");
    String sep = "";
    for (PlanRow r : p.rows()) {
      sb.append(sep).append("{\"name\":").append(Json.quote(r.name()));
      sb.append(",\"time\":").append(r.time() == null ? "null" : Json.quote(r.time().toString()));
      sb.append(",\"action\":").append(Json.quote(r.action().name()));
      sb.append(",\"reasons\":").append(strings(r.reasons())).append('}');
      sep = ",";
    }
    sb.append("],\"summary\":{\"candidates\":").append(p.candidates());
    sb.append(",\"keep\":").append(p.count(RowAction.KEEP));
    sb.append(",\"delete\":").append(p.count(RowAction.DELETE));
    sb.append(",\"skip\":").append(p.count(RowAction.SKIP));
    sb.append(",\"ignored\":").append(p.count(RowAction.IGNORE));
    sb.append(",\"brakes\":")
        .append(strings(p.engagedBrakes(java.util.Set.of()).stream().map(Brake::id).toList()));
    sb.append(",\"warnings\":").append(p.warnings().size()).append('}');
    sb.append(",\"warnings\":").append(strings(p.warnings()));
    sb.append(",\"wouldRun\":[");
    sb.append(wouldRun.stream().map(PlanRenderer::strings).collect(Collectors.joining(",")));
    sb.append("]}");
    return sb.toString();
  }

  private static String brakes(RotationPlan p) {
    List<Brake> b = p.engagedBrakes(java.util.Set.of());
    return b.isEmpty() ? "-" : b.stream().map(Brake::id).collect(Collectors.joining(","));
  }

  private static String strings(List<String> values) {
    return values.stream().map(Json::quote).collect(Collectors.joining(",", "[", "]"));
  }
}
