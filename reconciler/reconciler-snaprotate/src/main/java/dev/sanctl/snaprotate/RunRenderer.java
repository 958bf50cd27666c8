package dev.sanctl.snaprotate;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Text output of {@code sanctl snaprotate run} and {@code run --simulate}. A simulation prints each
 * volume's full plan with its WOULD-RUN lines; a run prints the SUMMARY line (the full plan with
 * {@code verbose}) and what happened, one line per event, tab-separated.
 */
public final class RunRenderer {
  private RunRenderer() {}

  public static String text(RunReport report, boolean verbose) {
    StringBuilder sb = new StringBuilder();
    for (VolumeReport v : report.volumes()) {
      RotationPlan plan = v.plan();
      if (plan != null) {
        String planText = PlanRenderer.text(plan, report.simulated() ? v.wouldRun() : List.of());
        if (report.simulated() || verbose) sb.append(planText);
        else {
          planText
              .lines()
              .filter(l -> l.startsWith("SUMMARY\t") || l.startsWith("WARNING\t"))
              .forEach(l -> sb.append(l).append('\n'));
        }
      }
      switch (v.status()) {
        case LOCKED ->
            sb.append("LOCKED\tvolume=")
                .append(v.volume())
                .append("\tanother rotation holds the lock; skipped\n");
        case ABSENT ->
            sb.append("ABSENT\tvolume=")
                .append(v.volume())
                .append("\tnot on this node (pool imported elsewhere?); skipped\n");
        case ERROR ->
            v.messages()
                .forEach(
                    m ->
                        sb.append("ERROR\tvolume=")
                            .append(v.volume())
                            .append('\t')
                            .append(m)
                            .append('\n'));
        case BRAKED -> {
          String ids = v.engaged().stream().map(Brake::id).collect(Collectors.joining(","));
          sb.append("BRAKE\tvolume=")
              .append(v.volume())
              .append("\tbrakes=")
              .append(ids)
              .append("\tnothing deleted; after checking, rerun with --override=")
              .append(ids)
              .append('\n');
          for (Brake b : v.engaged()) {
            sb.append("BRAKE\tvolume=")
                .append(v.volume())
                .append('\t')
                .append(b.id())
                .append(": ")
                .append(b.reason())
                .append('\n');
          }
        }
        default -> {}
      }
      if (!report.simulated()) events(sb, v);
    }
    sb.append("RESULT\texit=").append(report.exitCode()).append('\n');
    return sb.toString();
  }

  private static void events(StringBuilder sb, VolumeReport v) {
    if (!v.destroyed().isEmpty()) {
      sb.append("DESTROYED\tvolume=")
          .append(v.volume())
          .append("\tcount=")
          .append(v.destroyed().size())
          .append('\t')
          .append(String.join(",", v.destroyed()))
          .append('\n');
    }
    for (String g : v.gone()) {
      sb.append("GONE\t").append(v.volume()).append('@').append(g).append("\talready destroyed\n");
    }
    line(sb, "CHANGED", v.volume(), v.changed());
    line(sb, "FAILED", v.volume(), v.failed());
    if (v.status() != VolumeStatus.ERROR && v.status() != VolumeStatus.ABSENT) {
      for (String m : v.messages()) {
        sb.append("NOTE\tvolume=").append(v.volume()).append('\t').append(m).append('\n');
      }
    }
  }

  private static void line(StringBuilder sb, String tag, String volume, Map<String, String> m) {
    m.entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(
            e ->
                sb.append(tag)
                    .append('\t')
                    .append(volume)
                    .append('@')
                    .append(e.getKey())
                    .append('\t')
                    .append(e.getValue())
                    .append('\n'));
  }
}
