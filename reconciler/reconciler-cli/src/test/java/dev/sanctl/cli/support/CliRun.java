package dev.sanctl.cli.support;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.provider.ProviderRegistry;
import dev.sanctl.sim.SimCluster;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Runs {@code sanctl} in-process against a copy of {@code examples/quickstart} and a fresh
 * simulated cluster, capturing exit code, standard output and standard error.
 */
public final class CliRun {
  /** What one command did. */
  public record Result(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  public final Path config;
  public final Path simDir;
  public final Path stateDir;
  public final SimCluster sim;

  private CliRun(Path config, Path simDir, Path stateDir, SimCluster sim) {
    this.config = config;
    this.simDir = simDir;
    this.stateDir = stateDir;
    this.sim = sim;
  }

  /** The quickstart example copied into {@code tmp}, with a simulated cluster for it. */
  public static CliRun quickstart(Path tmp) throws IOException {
    return quickstart(tmp, (file, text) -> text);
  }

  /** Edits the text of a config file of the copy before the simulated cluster is made. */
  @FunctionalInterface
  public interface Edit {
    String apply(String file, String text);
  }

  /** The quickstart example copied into {@code tmp}, every file changed by {@code edit}. */
  public static CliRun quickstart(Path tmp, Edit edit) throws IOException {
    Path config = tmp.resolve("config");
    copy(examples().resolve("quickstart"), config);
    try (Stream<Path> files = Files.list(config)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f);
        String edited = edit.apply(f.getFileName().toString(), text);
        if (!edited.equals(text)) Files.writeString(f, edited);
      }
    }
    Path simDir = tmp.resolve("sim");
    SimCluster sim = SimCluster.init(simDir, ConfigLoader.loadDirectory(config).state(), 1L << 40);
    return new CliRun(config, simDir, tmp.resolve("state"), sim);
  }

  /**
   * Skips the calling test while the quickstart's providers (lvm, files, iet, from their own
   * modules) are not on the class path: without them nothing is observed or planned.
   */
  public static void assumeProviders() {
    ProviderRegistry r = ProviderRegistry.load();
    Assumptions.assumeTrue(
        r.find("lvm").isPresent() && r.find("files").isPresent() && r.find("iet").isPresent(),
        "the lvm, files and iet providers are not installed yet");
  }

  /** The repository's {@code examples} directory. */
  public static Path examples() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("examples/quickstart"))) p = p.getParent();
    if (p == null) throw new IllegalStateException("examples/quickstart not found");
    return p.resolve("examples");
  }

  private static void copy(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path t = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) Files.createDirectories(t);
        else Files.copy(f, t);
      }
    }
  }

  /** {@code sanctl -C <config> <command> --sim <sim> --state-dir <state> args...}. */
  public Result cluster(String command, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "-C",
                config.toString(),
                command,
                "--sim",
                simDir.toString(),
                "--state-dir",
                stateDir.toString()));
    argv.addAll(List.of(args));
    return run(argv.toArray(String[]::new));
  }

  /** {@code sanctl args...}. */
  public static Result run(String... args) {
    var r = dev.sanctl.testkit.CliRunner.run(args);
    return new Result(r.exitCode(), r.out(), r.err());
  }

  /** Writes {@code text} to a file of the config copy. */
  public void write(String file, String text) {
    try {
      Files.writeString(config.resolve(file), text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
