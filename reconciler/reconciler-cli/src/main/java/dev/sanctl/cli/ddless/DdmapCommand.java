package dev.sanctl.cli.ddless;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.Verbosity;
import dev.sanctl.ddless.DdMap;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl ddmap}: dumps a ddmap's header ({@code -a}) or words ({@code -b}), or merges it
 * into a stored map by OR ({@code -t}). Exit codes: 0 ok, 1 error, 64 usage.
 */
@Command(
    name = "ddmap",
    mixinStandardHelpOptions = true,
    description = {
      "Read a ddmap (from /proc/net/iet/ddmap or a file): dump it or merge it into a file.",
      "  ddmap -s SRC -a         dump the header",
      "  ddmap -s SRC -b         dump the map words (hex, 8 per line, byte offset first)",
      "  ddmap -s SRC -t TGT     merge SRC into TGT by OR (TGT is created if missing)"
    })
public class DdmapCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(names = "-s", paramLabel = "SRC", required = true, description = "Source ddmap.")
  Path source;

  @Option(names = "-t", paramLabel = "TGT", description = "Target ddmap file to merge into.")
  Path target;

  @Option(names = "-a", description = "Dump the header.")
  boolean header;

  @Option(names = "-b", description = "Dump the data (hex).")
  boolean data;

  @Override
  public Integer call() throws Exception {
    return FileErrors.run("ddmap", spec.commandLine().getErr(), this::ddmap);
  }

  private Integer ddmap() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (!header && !data && target == null) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("sanctl ddmap: nothing to do: give -a, -b or -t TGT (see sanctl ddmap --help)");
      err.flush();
      return ExitCodes.USAGE;
    }
    DdMap map = DdMap.read(source);
    if (header) out.print(map.headerDump(source.toString()));
    if (data) out.print(map.dataDump());
    if (target != null) {
      DdMap base = Files.exists(target) ? DdMap.read(target) : DdMap.empty(map.nameSum(), 0);
      DdMap merged = map.merge(base, source.toString(), target.toString());
      merged.write(target);
      if (Verbosity.verbose(spec)) {
        out.printf(
            "ddmap > merged %s into %s: %d words, %d segments marked%n",
            source, target, merged.mapSize(), merged.markedCount((long) merged.mapSize() * 32));
      }
    }
    out.flush();
    return ExitCodes.OK;
  }
}
