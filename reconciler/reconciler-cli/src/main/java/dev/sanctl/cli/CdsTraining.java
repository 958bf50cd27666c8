package dev.sanctl.cli;

import dev.sanctl.ddless.HashWarmUp;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * The training run of the launcher's class-data-sharing archive ({@code ./sanctl}): runs, in one
 * JVM, the commands whose start-up time matters most, so that the archive holds their classes and
 * lambda forms: {@code validate} of a configuration directory (once as it is, once with its YAML
 * outside the plain subset, see {@link #outsideThePlainSubset}), a reconcile of it against a
 * simulated cluster ({@code sim init}, {@code plan}, {@code apply}, the converged {@code plan}),
 * and a small {@code ddless} copy with two workers followed by its no-change re-run (what a backup
 * does every night). Their output is discarded; exits 0 when every command succeeded, 1 otherwise.
 */
public final class CdsTraining {
  private static final int SOURCE_BYTES = 20 << 20;

  private CdsTraining() {}

  /**
   * {@code CdsTraining CONFIG_DIR [RECONCILE_DIR]}: validates CONFIG_DIR and reconciles
   * RECONCILE_DIR (default CONFIG_DIR), a configuration whose plan applies without secrets.
   */
  public static void main(String[] args) throws IOException {
    HashWarmUp.start();
    Path dir = Files.createTempDirectory("sanctl-cds-training");
    PrintStream out = System.out;
    PrintStream err = System.err;
    int failed = 0;
    try {
      System.setOut(new PrintStream(OutputStream.nullOutputStream()));
      System.setErr(new PrintStream(OutputStream.nullOutputStream()));
      Path src = dir.resolve("src");
      byte[] data = new byte[SOURCE_BYTES];
      new Random(1).nextBytes(data);
      Files.write(src, data);
      String[] copy = {
        "ddless",
        "-s",
        src.toString(),
        "-t",
        dir.resolve("dst").toString(),
        "-c",
        dir.resolve("dst.ddless").toString(),
        "-w",
        "2",
        "--json"
      };
      failed += run("validate", "-C", args[0]);
      failed += run("validate", "-C", outsideThePlainSubset(Path.of(args[0]), dir).toString());
      failed += simulatedReconcile(args.length > 1 ? args[1] : args[0], dir);
      // as Main runs a plain copy: without picocli (FastPaths), so its classes are archived
      failed += fast(copy);
      failed += fast(copy);
    } finally {
      System.setOut(out);
      System.setErr(err);
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
    System.exit(failed == 0 ? 0 : 1);
  }

  /**
   * A copy of the configuration {@code config} (a directory of files) whose YAML files start with a
   * {@code ---} line: outside the subset of the core's plain YAML reader, they are read by
   * snakeyaml-engine, whose classes are then archived too.
   */
  static Path outsideThePlainSubset(Path config, Path dir) throws IOException {
    Path copy = Files.createDirectories(dir.resolve("snakeyaml"));
    try (Stream<Path> files = Files.list(config)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String text = Files.readString(f);
        String name = f.getFileName().toString();
        Files.writeString(copy.resolve(name), name.endsWith(".yaml") ? "---\n" + text : text);
      }
    }
    return copy;
  }

  /**
   * The commands of a reconcile against a simulated cluster of {@code config}: {@code sim init},
   * the first {@code plan}, {@code apply} and the converged {@code plan}, so that the simulator,
   * the providers and the planner are archived too.
   */
  private static int simulatedReconcile(String config, Path dir) {
    String sim = dir.resolve("sim").toString();
    String state = dir.resolve("state").toString();
    int failed = run("sim", "init", sim, "-C", config);
    String[] plan = {"plan", "-C", config, "--sim", sim, "--state-dir", state};
    failed += run(plan);
    failed += run("apply", "-C", config, "--sim", sim, "--state-dir", state, "--auto-approve");
    failed += run(plan);
    return failed;
  }

  private static int fast(String... args) {
    PrintWriter none = new PrintWriter(OutputStream.nullOutputStream(), true);
    Integer exit = FastPaths.run(args, none, none);
    return exit != null && exit == 0 ? 0 : 1;
  }

  private static int run(String... args) {
    CommandLine cl = Main.commandLine();
    cl.setOut(new PrintWriter(OutputStream.nullOutputStream(), true));
    cl.setErr(new PrintWriter(OutputStream.nullOutputStream(), true));
    return cl.execute(args) == 0 ? 0 : 1;
  }
}
