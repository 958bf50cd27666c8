package dev.sanctl.cli.ddless;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.Verbosity;
import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.ddless.CopyOptions;
import dev.sanctl.ddless.CopyResult;
import dev.sanctl.ddless.DdMap;
import dev.sanctl.ddless.DdlessCopy;
import dev.sanctl.ddless.NewChecksumFileException;
import dev.sanctl.ddless.ReadSpeed;
import dev.sanctl.ddless.Segments;
import dev.sanctl.ddless.SendReceive;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl ddless}: the original ddless command line. Modes by flags: copy ({@code -s -t -c}),
 * checksum only ({@code -s -c}), read-speed test ({@code -s}), built-in parameters ({@code -p});
 * subcommands {@code verify}, {@code send}, {@code receive}. Exit codes: 0 ok, 1 error, 3 {@code
 * -b} and a new checksum file would be needed, 64 usage.
 */
@Command(
    name = "ddless",
    mixinStandardHelpOptions = true,
    description = {
      "Copy a volume reading only what may have changed and writing only what did.",
      "  ddless -s SRC -t TGT -c SUM [-m MAP] [-w N] [-r MBPS] [-d] [-b] [-v|-q] [--format json]",
      "  (progress with rate and ETA on standard error when it is a terminal; -q: none)",
      "  ddless -s SRC -c SUM        compute the checksum file of SRC",
      "  ddless -s SRC               read-speed test",
      "  ddless -p                   built-in parameters"
    },
    subcommands = {
      DdlessCommand.VerifyCommand.class,
      DdlessCommand.SendCommand.class,
      DdlessCommand.ReceiveCommand.class
    })
public class DdlessCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "-s", paramLabel = "SRC", description = "Source device or file.")
  Path source;

  @Option(names = "-t", paramLabel = "TGT", description = "Target device or file (grows).")
  Path target;

  @Option(names = "-c", paramLabel = "SUM", description = "Checksum file (/dev/null: none).")
  Path checksum;

  @Option(names = "-m", paramLabel = "MAP", description = "ddmap: read only marked segments.")
  Path map;

  @Option(
      names = "--map-name",
      paramLabel = "TARGET.LUN",
      description =
          "The proc entry name the map belongs to: its name sum must match (else exit 1).")
  String mapName;

  @Option(names = "-w", paramLabel = "N", defaultValue = "1", description = "Worker threads.")
  int workers;

  @Option(
      names = "-r",
      paramLabel = "MBPS",
      defaultValue = "0",
      description = "Maximum read rate per worker, MiB/s (0: unlimited).")
  int rate;

  @Option(names = "-d", description = "Direct I/O reads (bypass the page cache).")
  boolean direct;

  @Option(names = "-b", description = "Exit 3 without copying if a new checksum file is needed.")
  boolean bail;

  @Option(names = "-p", description = "Print the built-in parameters.")
  boolean parameters;

  @Mixin OutputFormat output;

  @Option(
      names = "--zone-mb",
      paramLabel = "MB",
      defaultValue = "8",
      description = "Read-speed test zone size in MiB (default: one 8 MiB buffer).")
  long zoneMb;

  @Override
  public Integer call() throws Exception {
    return FileErrors.run("ddless", spec.commandLine().getErr(), this::copy);
  }

  private Integer copy() throws IOException {
    return copy(
        spec.commandLine().getOut(),
        spec.commandLine().getErr(),
        Verbosity.verbose(spec),
        Verbosity.quiet(spec));
  }

  /**
   * The command with its options already set (by picocli, or by {@link DdlessFastPath} without it).
   */
  Integer copy(PrintWriter out, PrintWriter err, boolean verbose, boolean quiet)
      throws IOException {
    if (parameters) {
      out.print(parameters());
      out.flush();
      return ExitCodes.OK;
    }
    if (source == null) return usage(err, "a source is required: -s SRC (or -p)");
    if (target != null && checksum == null) {
      return usage(err, "-t needs a checksum file: -c SUM (or -c /dev/null for none)");
    }
    if (workers < 1 || rate < 0) return usage(err, "-w must be >= 1 and -r >= 0");
    if (target == null && checksum == null) {
      if (map != null || bail) return usage(err, "-m and -b need -t and -c");
      double mbs =
          ReadSpeed.run(
              source,
              direct,
              zoneMb * 1048576,
              z -> {
                out.println(z.line());
                out.flush();
              });
      if (verbose) out.printf(Locale.ROOT, "ddless > read performance %.2f MB/s%n", mbs);
      out.flush();
      return ExitCodes.OK;
    }
    CopyOptions options =
        new CopyOptions(
            source,
            target,
            checksum,
            map,
            workers,
            rate,
            direct,
            bail,
            CopyOptions.DEFAULT_QUEUE_DEPTH);
    if (mapName != null) {
      if (map == null) return usage(err, "--map-name needs -m MAP");
      try {
        DdMap.read(map).checkName(mapName, map.toString());
      } catch (IOException e) {
        err.println("sanctl ddless: " + e.getMessage() + "; nothing was copied");
        err.flush();
        return ExitCodes.ERROR;
      }
    }
    noteSegmentsBeyondMap(err);
    AtomicLong progress = new AtomicLong();
    CopyResult result;
    try (ProgressBar bar = ProgressBar.start(quiet, progress, sizeOf(source), err)) {
      result = DdlessCopy.run(options, progress);
    } catch (NewChecksumFileException e) {
      err.println("sanctl ddless: " + e.getMessage());
      err.flush();
      return ExitCodes.REFUSED;
    }
    if (!output.json()) {
      summary(out, result);
    } else {
      if (verbose) summary(err, result);
      out.println(result.toJson());
    }
    out.flush();
    err.flush();
    return ExitCodes.OK;
  }

  /** Says when the map is shorter than the source: the segments past its end are read in full. */
  private void noteSegmentsBeyondMap(PrintWriter err) {
    if (map == null) return;
    try {
      long beyond = DdMap.read(map).segmentsBeyond(DdlessCopy.sizeOf(source));
      if (beyond > 0) {
        err.println(
            "ddless > note: "
                + map
                + " is shorter than "
                + source
                + ": the "
                + beyond
                + " segment(s) past its end are not in the map, so they are read and compared");
        err.flush();
      }
    } catch (IOException e) {
      // the copy reads the map again and reports the problem
    }
  }

  static long sizeOf(Path p) {
    try {
      return DdlessCopy.sizeOf(p);
    } catch (IOException e) {
      return 0;
    }
  }

  static int usage(PrintWriter err, String message) {
    err.println("sanctl ddless: " + message + " (see sanctl ddless --help)");
    err.flush();
    return ExitCodes.USAGE;
  }

  static void summary(PrintWriter w, CopyResult r) {
    w.printf(
        Locale.ROOT, "ddless > source size %d bytes, %d segments%n", r.sourceBytes(), r.segments());
    w.printf(Locale.ROOT, "ddless > segments read %d%n", r.segmentsRead());
    w.printf(
        Locale.ROOT,
        "ddless > found changed segments %d (%.2f%%) of %d segments%n",
        r.segmentsChanged(),
        r.changeRatio() * 100,
        r.segments());
    w.printf(
        Locale.ROOT,
        "ddless > wrote %d bytes (%.2f GB) to target%n",
        r.bytesWritten(),
        r.bytesWritten() / 1073741824.0);
    if (r.newChecksumFile()) w.println("ddless > new checksum file");
    w.printf(Locale.ROOT, "ddless > processing time %.2f seconds%n", r.seconds());
    w.printf(Locale.ROOT, "ddless > processing performance %.2f MB/s%n", r.mbPerSecond());
    w.flush();
  }

  static String parameters() {
    return String.format(
        Locale.ROOT,
        "segment size: %d bytes%n"
            + "read buffer: %d bytes (%d segments)%n"
            + "checksum: %d bytes per segment: MurmurHash2 (seed 0x%08x) u32 little-endian, "
            + "then CRC-32 u32 little-endian; no header%n"
            + "ddmap: %d-byte header, 1 bit per segment, %d segments per u32 word%n"
            + "send/receive protocol version: %d (also reads %d)%n",
        Segments.SEGMENT_SIZE,
        Segments.BUFFER_SIZE,
        Segments.SEGMENTS_PER_BUFFER,
        Segments.CHECKSUM_BYTES,
        Segments.MURMUR_SEED,
        DdMap.HEADER_SIZE,
        DdMap.SEGMENTS_PER_WORD,
        SendReceive.VERSION,
        SendReceive.VERSION_IN_ORDER);
  }

  /** {@code sanctl ddless verify -s SRC -c SUM}: exit 0 if equal, 1 and the ranges if not. */
  @Command(
      name = "verify",
      mixinStandardHelpOptions = true,
      description = "Recompute the checksums of SRC and compare them with SUM.")
  public static class VerifyCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "-s", paramLabel = "SRC", required = true)
    Path source;

    @Option(names = "-c", paramLabel = "SUM", required = true)
    Path checksum;

    @Option(names = "-w", paramLabel = "N", defaultValue = "1")
    int workers;

    @Option(names = "-d", description = "Direct I/O reads.")
    boolean direct;

    @Override
    public Integer call() throws Exception {
      return FileErrors.run("ddless verify", spec.commandLine().getErr(), this::verify);
    }

    private Integer verify() throws IOException {
      PrintWriter out = spec.commandLine().getOut();
      if (workers < 1) return usage(spec.commandLine().getErr(), "-w must be >= 1");
      dev.sanctl.ddless.Verify.Result r =
          dev.sanctl.ddless.Verify.run(source, checksum, workers, direct);
      if (!r.sizeMatches()) {
        out.printf(
            "%s: %d bytes, but %s has %d (expected %d): size mismatch%n",
            source,
            r.sourceBytes(),
            checksum,
            r.checksumFileBytes(),
            Segments.checksumFileSize(r.sourceBytes()));
      }
      r.differing().forEach(range -> out.println("differs: " + range));
      if (r.equal()) out.println(checksum + ": matches " + source);
      out.flush();
      return r.equal() ? ExitCodes.OK : ExitCodes.ERROR;
    }
  }

  /** {@code sanctl ddless send -s SRC [-m MAP] [-w N]}: the sending half over standard I/O. */
  @Command(
      name = "send",
      mixinStandardHelpOptions = true,
      description = "Send SRC to a 'ddless receive' over standard input/output (e.g. via ssh).")
  public static class SendCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "-s", paramLabel = "SRC", required = true)
    Path source;

    @Option(names = "-m", paramLabel = "MAP")
    Path map;

    @Option(
        names = "-w",
        paramLabel = "N",
        defaultValue = "1",
        description =
            "Worker threads reading and hashing the source, taking the 8 MiB buffers "
                + "in turn (default 1).")
    int workers;

    @Option(
        names = "-r",
        paramLabel = "MBPS",
        defaultValue = "0",
        description = "Maximum read rate per worker, MiB/s (0: unlimited).")
    int rate;

    @Option(names = "-d")
    boolean direct;

    @Mixin OutputFormat output;

    @Override
    public Integer call() throws IOException {
      if (workers < 1 || rate < 0) {
        return usage(spec.commandLine().getErr(), "-w must be >= 1 and -r >= 0");
      }
      CopyResult r = SendReceive.send(source, map, direct, rate, workers, System.in, System.out);
      report(spec, r, output.json());
      return ExitCodes.OK;
    }
  }

  /** {@code sanctl ddless receive -t TGT -c SUM}: the receiving half over standard I/O. */
  @Command(
      name = "receive",
      mixinStandardHelpOptions = true,
      description = "Receive a 'ddless send' stream on standard input into TGT.")
  public static class ReceiveCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "-t", paramLabel = "TGT", required = true)
    Path target;

    @Option(names = "-c", paramLabel = "SUM", required = true)
    Path checksum;

    @Mixin OutputFormat output;

    @Override
    public Integer call() throws IOException {
      CopyResult r = SendReceive.receive(target, checksum, System.in, System.out);
      report(spec, r, output.json());
      return ExitCodes.OK;
    }
  }

  /** Standard output carries the protocol, so summaries go to standard error. */
  static void report(CommandSpec spec, CopyResult r, boolean json) {
    PrintWriter err = spec.commandLine().getErr();
    if (Verbosity.verbose(spec)) summary(err, r);
    if (json) err.println(r.toJson());
    err.flush();
  }
}
