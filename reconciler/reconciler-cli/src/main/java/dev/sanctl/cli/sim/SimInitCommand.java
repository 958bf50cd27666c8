package dev.sanctl.cli.sim;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.config.Quantities;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.function.ToLongFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code sanctl sim init --sim DIR -C CONFIG [--vg-size SIZE]} (or {@code sim init DIR ...}): one
 * simulated node per node of the config; each volume group exists (LVM: active on its first node
 * with SIZE free, by default {@link SimCluster#defaultVgFree}; meta volume created and mounted;
 * files: its directory), each pool imported on its first node, nothing else.
 */
@Command(
    name = "init",
    description = "Create a simulated cluster for the nodes, volume groups and pools of -C CONFIG.",
    mixinStandardHelpOptions = true)
public class SimInitCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin SimDirOption simDir;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "New (or empty) directory: the older form of --sim DIR.")
  List<String> words;

  @Option(
      names = "--vg-size",
      paramLabel = "SIZE",
      converter = SizeConverter.class,
      description =
          "Free space of every LVM volume group, e.g. 8T (default: per group, twice the size of"
              + " its desired volumes, at least 1T; space is sparse and costs no disk).")
  Long vgSize;

  @Override
  public Integer call() throws IOException {
    SimDirOption.Words w = simDir.split(spec, words);
    SimDirOption.noMoreThan(spec, w, 0);
    Path dir = w.dir();
    Path config = (Path) spec.findOption("-C").getValue();
    LoadResult result = ConfigLoader.loadDirectory(config);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    for (Diagnostic d : result.diagnostics()) err.println(d.render());
    if (!result.ok()) {
      err.println("sanctl: error: " + config + " is not a valid configuration; nothing created");
      err.flush();
      return ExitCodes.ERROR;
    }
    ToLongFunction<VolumeGroup> free = vgSize == null ? SimCluster::defaultVgFree : vg -> vgSize;
    SimCluster c = SimCluster.init(dir, result.state(), free, Clock.systemUTC());
    out.println("simulated cluster " + c.dir() + ": nodes " + String.join(", ", c.nodes()));
    out.flush();
    return ExitCodes.OK;
  }

  /** Sizes as in the desired state ({@link Quantities#SIZE_GRAMMAR}), more than zero. */
  public static final class SizeConverter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      OptionalLong bytes = Quantities.sizeBytes(value);
      if (bytes.isEmpty() || bytes.getAsLong() <= 0) {
        throw new TypeConversionException(
            "'" + value + "' is not a size (a positive integer with an optional K, M, G, T or P)");
      }
      return bytes.getAsLong();
    }
  }
}
