package dev.sanctl.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.codegen.docgen.manpage.ManPageGenerator;

/**
 * Builds the Debian package with {@code ci/package} from the jar this build made, checks its
 * control data and contents with {@code dpkg-deb}, extracts it into a temporary root and runs the
 * installed wrapper through a symlink (as {@code /usr/local/bin/sanctl} would be), checks that bash
 * loads the completion script and that the man pages are troff; and runs the checkout's {@code
 * ./sanctl} launcher through a symlink.
 */
class DebianPackageIT {
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path JAR = ROOT.resolve("reconciler/reconciler-cli/target/sanctl.jar");
  static Path deb;
  static String version;

  @BeforeAll
  static void build() throws Exception {
    Path codegen =
        Path.of(ManPageGenerator.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    Path out = Path.of("target/deb").toAbsolutePath();
    Run r =
        run(
            ROOT,
            ROOT.resolve("ci/package").toString(),
            "--jar",
            JAR.toString(),
            "--codegen",
            codegen.toString(),
            "--out",
            out.toString());
    assertEquals(0, r.exit, r.toString());
    deb = Path.of(r.out.strip());
    Matcher m = Pattern.compile("sanctl_(.+)_all\\.deb").matcher(deb.getFileName().toString());
    assertTrue(m.matches(), deb.toString());
    version = m.group(1);
    assertTrue(Files.isRegularFile(deb), deb.toString());
  }

  @Test
  void controlDataNamesTheJavaRuntimeDependency() throws Exception {
    Run info = run(ROOT, "dpkg-deb", "-I", deb.toString());
    assertEquals(0, info.exit, info.toString());
    for (String line :
        List.of(
            "Package: sanctl",
            "Version: " + version,
            "Architecture: all",
            "Depends: default-jre-headless (>= 2:1.17) | java17-runtime-headless")) {
      assertTrue(info.out.contains(" " + line + "\n"), line + " in\n" + info.out);
    }
    String pomVersion =
        Files.readString(ROOT.resolve("pom.xml")).replaceAll("(?s).*?</parent>", "");
    assertTrue(pomVersion.contains("<version>" + version.replace('~', '-') + "</version>"));
  }

  @Test
  void contentsAreTheWrapperTheJarManPagesAndCompletion() throws Exception {
    Run list = run(ROOT, "dpkg-deb", "-c", deb.toString());
    assertEquals(0, list.exit, list.toString());
    for (String entry :
        List.of(
            "-rwxr-xr-x root/root .* ./usr/bin/sanctl",
            "-rw-r--r-- root/root .* ./usr/share/sanctl/sanctl.jar",
            "-rw-r--r-- root/root .* ./usr/share/man/man1/sanctl.1.gz",
            "-rw-r--r-- root/root .* ./usr/share/man/man1/sanctl-plan.1.gz",
            "-rw-r--r-- root/root .* ./usr/share/man/man1/sanctl-snaprotate-run.1.gz",
            "-rw-r--r-- root/root .* ./usr/share/bash-completion/completions/sanctl")) {
      assertTrue(
          Pattern.compile("(?m)^" + entry.replace(".*", "\\s.*") + "$").matcher(list.out).find(),
          entry + " in\n" + list.out);
    }
  }

  @Test
  void theExtractedPackageRunsThroughASymlink(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("root");
    Run x = run(ROOT, "dpkg-deb", "-x", deb.toString(), root.toString());
    assertEquals(0, x.exit, x.toString());
    Path bin = Files.createDirectories(tmp.resolve("local/bin"));
    Path link = Files.createSymbolicLink(bin.resolve("sanctl"), root.resolve("usr/bin/sanctl"));

    Run v = run(tmp, link.toString(), "--version");
    assertEquals(0, v.exit, v.toString());
    assertEquals("sanctl " + version.replace('~', '-'), v.out.strip());
    Run validate =
        run(tmp, link.toString(), "-C", ROOT.resolve("examples/amherst").toString(), "validate");
    assertEquals(0, validate.exit, validate.toString());
    assertTrue(validate.out.startsWith("valid: "), validate.toString());

    Path completion = root.resolve("usr/share/bash-completion/completions/sanctl");
    Run complete =
        run(tmp, "bash", "-c", "source \"$1\" && complete -p sanctl", "-", completion.toString());
    assertEquals(0, complete.exit, complete.toString());
    assertTrue(complete.out.startsWith("complete ") && complete.out.strip().endsWith(" sanctl"));

    try (InputStream in =
        new GZIPInputStream(
            Files.newInputStream(root.resolve("usr/share/man/man1/sanctl-apply.1.gz")))) {
      String page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(page.contains(".TH \"SANCTL\\-APPLY\" \"1\""), page);
      assertTrue(page.contains("\\-\\-rev"), page);
    }
  }

  @Test
  void theCheckoutLauncherWorksThroughASymlink(@TempDir Path tmp) throws Exception {
    Path link =
        Files.createSymbolicLink(
            Files.createDirectories(tmp.resolve("bin")).resolve("sanctl"), ROOT.resolve("sanctl"));
    Run v = run(tmp, link.toString(), "--version");
    assertEquals(0, v.exit, v.toString());
    assertEquals("sanctl " + version.replace('~', '-'), v.out.strip());
  }

  @Test
  void bothLaunchersChooseTheJvmOptionsByCommand(@TempDir Path tmp) throws Exception {
    Path root = tmp.resolve("root");
    assertEquals(0, run(ROOT, "dpkg-deb", "-x", deb.toString(), root.toString()).exit);
    String plainGc = gc(run(tmp, Map.of(), "java", "-XX:+PrintCommandLineFlags", "-version").out);
    Path thpMode = Path.of("/sys/kernel/mm/transparent_hugepage/enabled");
    boolean hugePagesOnRequest =
        Files.isReadable(thpMode) && Files.readString(thpMode).contains("[madvise]");
    for (Path launcher : List.of(root.resolve("usr/bin/sanctl"), ROOT.resolve("sanctl"))) {
      String shortCommand = flags(tmp, launcher, "", "validate", "--help");
      assertEquals("-XX:+UseSerialGC", gc(shortCommand), launcher + ": " + shortCommand);
      assertTrue(shortCommand.contains(" -XX:TieredStopAtLevel=1 "), shortCommand);
      assertTrue(flags(tmp, launcher, "", "--version").contains(" -XX:TieredStopAtLevel=1 "));
      assertEquals(
          hugePagesOnRequest,
          shortCommand.contains(" -XX:+UseTransparentHugePages "),
          launcher + ": " + shortCommand);

      String apply = flags(tmp, launcher, "", "-q", "apply", "--help");
      assertEquals("-XX:+UseSerialGC", gc(apply), launcher + ": " + apply);
      assertTrue(!apply.contains("TieredStopAtLevel"), apply);

      String ddless = flags(tmp, launcher, "", "ddless", "--help");
      assertEquals(plainGc, gc(ddless), launcher + ": " + ddless);
      assertTrue(!ddless.contains("TieredStopAtLevel"), ddless);
      assertTrue(!ddless.contains("UseTransparentHugePages"), ddless);

      // $SANCTL_JAVA_OPTS wins, a collector of its own included
      String own = flags(tmp, launcher, "-XX:+UseParallelGC -XX:TieredStopAtLevel=4", "plan", "-h");
      assertEquals("-XX:+UseParallelGC", gc(own), launcher + ": " + own);
      assertTrue(own.contains(" -XX:TieredStopAtLevel=4 "), own);
    }
  }

  /** The flags line the JVM prints (-XX:+PrintCommandLineFlags) for {@code launcher args}. */
  private static String flags(Path dir, Path launcher, String opts, String... args)
      throws Exception {
    List<String> argv = new ArrayList<>(List.of(launcher.toString()));
    argv.addAll(List.of(args));
    Run r =
        run(
            dir,
            Map.of("SANCTL_JAVA_OPTS", ("-XX:+PrintCommandLineFlags " + opts).strip()),
            argv.toArray(String[]::new));
    assertEquals(0, r.exit, r.toString());
    return r.out.lines().findFirst().orElseThrow() + " ";
  }

  /** The collector named in a flags line. */
  private static String gc(String flags) {
    Matcher m = Pattern.compile("-XX:\\+Use\\w+GC\\b").matcher(flags);
    assertTrue(m.find(), flags);
    return m.group();
  }

  record Run(int exit, String out, String err) {
    @Override
    public String toString() {
      return "exit " + exit + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
  }

  static Run run(Path dir, String... argv) throws IOException, InterruptedException {
    return run(dir, Map.of(), argv);
  }

  static Run run(Path dir, Map<String, String> extraEnv, String... argv)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(new ArrayList<>(List.of(argv))).directory(dir.toFile());
    Map<String, String> env = pb.environment();
    env.remove("JAVA_TOOL_OPTIONS");
    env.remove("SANCTL_JAVA_OPTS");
    env.putAll(extraEnv);
    Path err = Files.createTempFile("sanctl-dist", ".err");
    pb.redirectError(err.toFile());
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(10, TimeUnit.MINUTES)) p.destroyForcibly();
    String stderr = Files.readString(err);
    Files.delete(err);
    return new Run(p.exitValue(), out, stderr);
  }
}
