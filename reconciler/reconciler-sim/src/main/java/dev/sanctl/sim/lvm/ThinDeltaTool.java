package dev.sanctl.sim.lvm;

import dev.sanctl.sim.Getopt;
import dev.sanctl.sim.SimNode;
import dev.sanctl.sim.SimTool;
import dev.sanctl.spi.host.CommandResult;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Simulated {@code thin_delta} of thin-provisioning-tools 0.9.0 (fixtures/thin): compares the
 * mappings of two thin devices in the metadata of a pool ({@code /dev/mapper/<vg>-<pool>_tmeta}),
 * with the real tool's getopt options, XML output and errors (one line, then the usage, on stderr,
 * exit 1). The live metadata of an active pool is held open exclusively by the kernel, so only
 * {@code --metadata-snap} (after {@code reserve_metadata_snap}) reads it.
 */
public final class ThinDeltaTool implements SimTool {
  static final String USAGE =
      "Usage: thin_delta [options] <device or file>\n"
          + "Options:\n"
          + "  {--thin1, --snap1}\n"
          + "  {--thin2, --snap2}\n"
          + "  {-m, --metadata-snap} [block#]\n"
          + "  {--verbose}\n"
          + "  {-h|--help}\n"
          + "  {-V|--version}\n";
  private static final Getopt OPTIONS =
      Getopt.options()
          .option('h', "help", Getopt.Arg.NONE)
          .option('V', "version", Getopt.Arg.NONE)
          .option('m', "metadata-snap", Getopt.Arg.OPTIONAL)
          .longAlias("thin1", "snap1", Getopt.Arg.REQUIRED)
          .longOption("snap1", Getopt.Arg.REQUIRED)
          .longAlias("thin2", "snap2", Getopt.Arg.REQUIRED)
          .longOption("snap2", Getopt.Arg.REQUIRED)
          .longOption("verbose", Getopt.Arg.NONE);

  @Override
  public Set<String> names() {
    return Set.of("thin_delta");
  }

  @Override
  public boolean installedOn(SimNode node) throws IOException {
    return "linux".equals(node.os());
  }

  private static CommandResult die(String message) {
    return CommandResult.of(1, "", message + "\n" + USAGE);
  }

  @Override
  public CommandResult run(SimNode node, List<String> argv, byte[] stdin) throws IOException {
    Getopt.Parsed parsed;
    try {
      parsed = OPTIONS.parse(argv.subList(1, argv.size()));
    } catch (Getopt.Error e) {
      return CommandResult.of(1, "", "thin_delta: " + e.getMessage() + "\n" + USAGE);
    }
    Long snap1 = null;
    Long snap2 = null;
    boolean metadataSnap = false;
    boolean verbose = false;
    for (Getopt.Option o : parsed.options()) {
      String value = o.value();
      switch (o.name()) {
        case "help" -> {
          return CommandResult.of(0, USAGE, "");
        }
        case "version" -> {
          return CommandResult.of(0, "0.9.0\n", "");
        }
        case "snap1" -> {
          snap1 = parse(value);
          if (snap1 == null) return die("Couldn't parse thin id 1: '" + value + "'");
        }
        case "snap2" -> {
          snap2 = parse(value);
          if (snap2 == null) return die("Couldn't parse thin id 2: '" + value + "'");
        }
        case "metadata-snap" -> {
          metadataSnap = true;
          if (value != null && parse(value) == null) {
            return die("Couldn't parse metadata snapshot block: '" + value + "'");
          }
        }
        default -> verbose = true;
      }
    }
    List<String> positional = parsed.operands();
    if (positional.isEmpty()) return die("No input device provided.");
    if (snap1 == null) return die("--snap1 not specified.");
    if (snap2 == null) return die("--snap2 not specified.");
    Optional<ThinMetadata> md = metadata(node, SimNode.absolute(positional.get(0)));
    if (md.isEmpty()) return die("Couldn't stat path");
    if (!metadataSnap) {
      return die(
          "syscall 'open' failed: Device or resource busy\n"
              + "Note: you cannot run this tool with these options on live metadata.");
    }
    ThinMetadata.Held held = md.get().held;
    if (held == null) return die("no current metadata snap");
    ThinMetadata.Device left = held.devices().get(snap1);
    if (left == null) return die("Unable to find mapping tree for snap1 (" + snap1 + ")");
    ThinMetadata.Device right = held.devices().get(snap2);
    if (right == null) return die("Unable to find mapping tree for snap2 (" + snap2 + ")");
    String header =
        "<superblock uuid=\"\" time=\""
            + held.time()
            + "\" transaction=\""
            + held.transaction()
            + "\" data_block_size=\""
            + md.get().chunkSectors
            + "\" nr_data_blocks=\"0\">\n";
    return CommandResult.of(0, render(header, snap1, snap2, left, right, verbose), "");
  }

  private static Long parse(String value) {
    if (value == null || !value.matches("[0-9]{1,19}")) return null;
    try {
      return Long.parseLong(value);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /** The metadata behind {@code /dev/mapper/<vg>-<pool>_tmeta} of a pool active on this node. */
  private static Optional<ThinMetadata> metadata(SimNode node, String path) throws IOException {
    for (LvmState.Vg vg : node.lvm().vgs.values()) {
      if (!vg.activeOn.contains(node.name())) continue;
      for (LvmState.Lv lv : vg.lvs.values()) {
        if (lv.isThinPool() && path.equals(Lvm.dmPath(vg.name, lv.name + "_tmeta"))) {
          return Optional.of(ThinMetadata.load(node.context(), vg.name, lv.name));
        }
      }
    }
    return Optional.empty();
  }

  // ---- the diff, as thin_delta's mapping_recorder, dump_diff and emitters ----

  /** A run of blocks contiguous in both virtual and data space. */
  private static final class Run {
    long v;
    long d;
    long len;

    Run(long v, long d, long len) {
      this.v = v;
      this.d = d;
      this.len = len;
    }

    void consume(long delta) {
      v += delta;
      d += delta;
      len -= delta;
    }
  }

  static List<long[]> runs(ThinMetadata.Device dev) {
    List<long[]> runs = new ArrayList<>();
    long[] cur = null;
    for (Map.Entry<Long, long[]> e : dev.map.entrySet()) {
      long v = e.getKey();
      long d = e.getValue()[0];
      if (cur != null && v == cur[0] + cur[2] && d == cur[1] + cur[2]) {
        cur[2]++;
      } else {
        cur = new long[] {v, d, 1};
        runs.add(cur);
      }
    }
    return runs;
  }

  private enum Kind {
    LEFT_ONLY("left_only"),
    RIGHT_ONLY("right_only"),
    DIFFER("different"),
    SAME("same");

    final String element;

    Kind(String element) {
      this.element = element;
    }
  }

  /** The output after the superblock line: the diff and the closing tags. */
  static String render(
      String header,
      long snap1,
      long snap2,
      ThinMetadata.Device left,
      ThinMetadata.Device right,
      boolean verbose) {
    StringBuilder out = new StringBuilder(header);
    out.append("  <diff left=\"").append(snap1).append("\" right=\"").append(snap2).append("\">\n");
    Emitter e = verbose ? new VerboseEmitter(out) : new SimpleEmitter(out);
    List<long[]> l = runs(left);
    List<long[]> r = runs(right);
    int li = 0;
    int ri = 0;
    Run lm = null;
    Run rm = null;
    while (true) {
      if (lm == null && li < l.size()) lm = run(l.get(li++));
      if (rm == null && ri < r.size()) rm = run(r.get(ri++));
      if (lm == null || rm == null) break;
      if (lm.v < rm.v) {
        long delta = Math.min(lm.len, rm.v - lm.v);
        e.emit(Kind.LEFT_ONLY, lm.v, lm.d, 0, delta);
        lm.consume(delta);
      } else if (lm.v > rm.v) {
        long delta = Math.min(rm.len, lm.v - rm.v);
        e.emit(Kind.RIGHT_ONLY, rm.v, rm.d, 0, delta);
        rm.consume(delta);
      } else {
        long delta = Math.min(lm.len, rm.len);
        e.emit(lm.d != rm.d ? Kind.DIFFER : Kind.SAME, lm.v, lm.d, rm.d, delta);
        lm.consume(delta);
        rm.consume(delta);
      }
      if (lm.len == 0) lm = null;
      if (rm.len == 0) rm = null;
    }
    for (; lm != null; lm = li < l.size() ? run(l.get(li++)) : null) {
      e.emit(Kind.LEFT_ONLY, lm.v, lm.d, 0, lm.len);
    }
    for (; rm != null; rm = ri < r.size() ? run(r.get(ri++)) : null) {
      e.emit(Kind.RIGHT_ONLY, rm.v, rm.d, 0, rm.len);
    }
    e.complete();
    out.append("  </diff>\n</superblock>\n");
    return out.toString();
  }

  private static Run run(long[] r) {
    return new Run(r[0], r[1], r[2]);
  }

  private interface Emitter {
    /** {@code leftData}: the data block (the left one for DIFFER); {@code rightData}: DIFFER's. */
    void emit(Kind kind, long v, long leftData, long rightData, long len);

    void complete();
  }

  /** One element per run of blocks of one kind. */
  private static final class SimpleEmitter implements Emitter {
    private final StringBuilder out;
    private Kind kind;
    private long begin;
    private long end;

    SimpleEmitter(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void emit(Kind k, long v, long leftData, long rightData, long len) {
      if (kind == k && v == end) {
        end += len;
        return;
      }
      complete();
      kind = k;
      begin = v;
      end = v + len;
    }

    @Override
    public void complete() {
      if (kind == null) return;
      out.append("    <")
          .append(kind.element)
          .append(" begin=\"")
          .append(begin)
          .append("\" length=\"")
          .append(end - begin)
          .append("\"/>\n");
      kind = null;
    }
  }

  /** An element per kind change, with every range and its data blocks inside. */
  private static final class VerboseEmitter implements Emitter {
    private final StringBuilder out;
    private Kind kind;

    VerboseEmitter(StringBuilder out) {
      this.out = out;
    }

    @Override
    public void emit(Kind k, long v, long leftData, long rightData, long len) {
      if (kind != k) {
        complete();
        kind = k;
        out.append("    <").append(k.element).append(">\n");
      }
      out.append("      <range begin=\"").append(v).append('"');
      switch (k) {
        case DIFFER ->
            out.append(" left_data_begin=\"")
                .append(leftData)
                .append("\" right_data_begin=\"")
                .append(rightData)
                .append('"');
        default -> out.append(" data_begin=\"").append(leftData).append('"');
      }
      out.append(" length=\"").append(len).append("\"/>\n");
    }

    @Override
    public void complete() {
      if (kind != null) out.append("    </").append(kind.element).append(">\n");
      kind = null;
    }
  }
}
