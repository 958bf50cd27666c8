package dev.sanctl.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Host programs the tier runs, found on the PATH, and a bounded way to run them. */
final class HostTools {
  private HostTools() {}

  /**
   * The absolute path of {@code program} (a name looked up on the PATH and in the sbin directories,
   * or an absolute path), or a {@link KernelTierUnavailable} naming {@code debianPackage}.
   */
  static Path require(String program, String debianPackage) {
    return find(program)
        .orElseThrow(
            () ->
                new KernelTierUnavailable(
                    program
                        + " not found: the real-kernel tier needs the Debian package "
                        + debianPackage
                        + " (ci/install-deps installs every package of ci/packages.txt)"));
  }

  static java.util.Optional<Path> find(String program) {
    if (program.startsWith("/")) {
      Path p = Path.of(program);
      return Files.isExecutable(p) ? java.util.Optional.of(p) : java.util.Optional.empty();
    }
    String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
    for (String dir : (path + ":/usr/local/sbin:/usr/sbin:/sbin").split(":")) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, program);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) return java.util.Optional.of(p);
    }
    return java.util.Optional.empty();
  }

  /** The outcome of a host command. */
  record Run(int status, String stdout, String stderr) {
    Run orFail(List<String> argv) throws IOException {
      if (status != 0) {
        throw new IOException(
            String.join(" ", argv) + " failed with status " + status + ": " + stderr.strip());
      }
      return this;
    }
  }

  /** Runs {@code argv} in {@code dir} (null: the current directory), killed after {@code limit}. */
  static Run run(List<String> argv, Path dir, Duration limit)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("sanctl-kernel-", ".out");
    Path err = Files.createTempFile("sanctl-kernel-", ".err");
    try {
      ProcessBuilder pb =
          new ProcessBuilder(argv)
              .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
              .redirectOutput(out.toFile())
              .redirectError(err.toFile());
      if (dir != null) pb.directory(dir.toFile());
      Process p = pb.start();
      if (!p.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly().waitFor();
        throw new IOException(String.join(" ", argv) + " did not finish within " + limit);
      }
      return new Run(
          p.exitValue(),
          Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8));
    } finally {
      Files.deleteIfExists(out);
      Files.deleteIfExists(err);
    }
  }
}
