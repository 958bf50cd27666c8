package dev.sanctl.sim.fidelity;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

/**
 * Compares the real tools' results with the simulator's, command by command: exit status, stdout
 * and stderr byte for byte after the {@link #NORMALISATIONS} (values that differ between any two
 * real runs too). A difference is either an {@link #ACCEPTED_GAPS accepted gap} of the simulator,
 * documented in docs/simulator-fidelity.md, or unexplained (a defect to fix).
 */
public final class FidelityComparison {
  /** A documented normalisation: what differs between runs of the real tools, and its rewrite. */
  public record Normalisation(String what, Pattern pattern, String replacement) {
    String apply(String s) {
      return pattern.matcher(s).replaceAll(replacement);
    }
  }

  /** Every normalisation, applied in this order to both sides. */
  public static final List<Normalisation> NORMALISATIONS =
      List.of(
          new Normalisation(
              "LVM UUIDs (lv_uuid, vg_uuid: random per create)",
              Pattern.compile("\\b[0-9A-Za-z]{6}(-[0-9A-Za-z]{4}){5}-[0-9A-Za-z]{6}\\b"),
              "<uuid>"),
          new Normalisation(
              "creation times (lv_time: the clock of the run)",
              Pattern.compile("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d [+-]\\d{4}"),
              "<time>"),
          new Normalisation(
              "device numbers major:minor (dmsetup ls/table: order of activation in the kernel)",
              Pattern.compile("(?<=[( ])\\d{1,3}:\\d{1,4}(?=[) \\n])"),
              "<major>:<minor>"));

  /**
   * An accepted gap: commands (by their corpus line) whose difference is known and documented, with
   * the reason.
   */
  public record Gap(Pattern line, String reason) {}

  /** The accepted gaps (docs/simulator-fidelity.md lists each with its reason). */
  public static final List<Gap> ACCEPTED_GAPS =
      List.of(
          new Gap(
              Pattern.compile("^lvs .*-o [^ ]*(thin_id|seg_|segtype|devices|stripes|chunk_size)"),
              "segments: the simulator allocates no physical extents, so every LV has one segment;"
                  + " lvm2 prints one row per segment when a segment field (thin_id) is asked for,"
                  + " and an LV grown after other LVs were allocated behind it has two"),
          new Gap(
              Pattern.compile("^dmsetup (status|table) (?!nosuch)"),
              "device-mapper tables: the simulator models no physical placement (linear offsets,"
                  + " major:minor of the PV) nor the pool's metadata block usage, so dmsetup"
                  + " status/table of a device it has is refused (sanctl never runs them)"));

  /** A command whose results differ after normalisation. */
  public record Difference(
      FidelityCapture.Result real, FidelityCapture.Result sim, String gapReason) {
    public boolean accepted() {
      return gapReason != null;
    }

    /** What differs, for a test failure message. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append(String.format("#%03d $ %s%n", real.number(), real.line()));
      if (gapReason != null) sb.append("  accepted gap: ").append(gapReason).append('\n');
      if (real.status() != sim.status()) {
        sb.append("  exit: real ").append(real.status()).append(", sim ").append(sim.status());
        sb.append('\n');
      }
      field(sb, "stdout", normalise(real.stdout()), normalise(sim.stdout()));
      field(sb, "stderr", normalise(real.stderr()), normalise(sim.stderr()));
      return sb.toString();
    }

    private static void field(StringBuilder sb, String name, String real, String sim) {
      if (real.equals(sim)) return;
      sb.append("  ").append(name).append(" real:\n").append(indent(real));
      sb.append("  ").append(name).append(" sim:\n").append(indent(sim));
    }

    private static String indent(String s) {
      StringBuilder sb = new StringBuilder();
      for (String l : s.split("\n", -1)) sb.append("    |").append(l).append('\n');
      return sb.toString();
    }
  }

  /** The outcome: how many commands were compared, how many failed for real, the differences. */
  public record Outcome(int compared, int failing, List<Difference> differences) {
    public List<Difference> unexplained() {
      return differences.stream().filter(d -> !d.accepted()).toList();
    }

    public List<Difference> accepted() {
      return differences.stream().filter(Difference::accepted).toList();
    }

    public String summary() {
      return String.format(
          "%d commands compared (%d failing on the real tools), %d differences: %d accepted gaps,"
              + " %d unexplained",
          compared, failing, differences.size(), accepted().size(), unexplained().size());
    }
  }

  private FidelityComparison() {}

  public static String normalise(String s) {
    String out = s;
    for (Normalisation n : NORMALISATIONS) out = n.apply(out);
    return out;
  }

  /** Compares by command number; a command missing on either side is a difference. */
  public static Outcome compare(
      List<FidelityCapture.Result> real, List<FidelityCapture.Result> sim) {
    Map<Integer, FidelityCapture.Result> simByNumber = new TreeMap<>();
    for (FidelityCapture.Result r : sim) simByNumber.put(r.number(), r);
    List<Difference> diffs = new ArrayList<>();
    int failing = 0;
    for (FidelityCapture.Result r : real) {
      if (r.status() != 0) failing++;
      FidelityCapture.Result s = simByNumber.remove(r.number());
      if (s == null) s = new FidelityCapture.Result(r.number(), r.line(), -1, "", "(not run)");
      if (!same(r, s)) diffs.add(new Difference(r, s, gap(r.line())));
    }
    for (FidelityCapture.Result s : simByNumber.values()) {
      diffs.add(
          new Difference(new FidelityCapture.Result(s.number(), s.line(), -1, "", ""), s, null));
    }
    return new Outcome(real.size(), failing, diffs);
  }

  private static boolean same(FidelityCapture.Result a, FidelityCapture.Result b) {
    UnaryOperator<String> n = FidelityComparison::normalise;
    return a.status() == b.status()
        && a.line().equals(b.line())
        && n.apply(a.stdout()).equals(n.apply(b.stdout()))
        && n.apply(a.stderr()).equals(n.apply(b.stderr()));
  }

  private static String gap(String line) {
    for (Gap g : ACCEPTED_GAPS) {
      if (g.line().matcher(line).find()) return g.reason();
    }
    return null;
  }
}
