package dev.sanctl.cli.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.gitops.TestConfigs;
import dev.sanctl.testkit.CliRunner;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.snakeyaml.engine.v2.api.Load;
import org.snakeyaml.engine.v2.api.LoadSettings;

/**
 * What the shipped CI templates run on: a bare config repository with a {@code main} commit and a
 * pull-request branch, a checkout of that branch (the job's workspace), a runner home, a simulated
 * cluster, and {@code sanctl} on the PATH: this build's CLI, which logs each invocation and talks
 * to the simulated cluster ({@code --sim}) for {@code plan}. {@code sanctl-real} is the same CLI
 * without the simulator (for checking where it looks for SSH credentials).
 */
final class TemplateHarness {
  static final Path CI = Path.of("../../ci").toAbsolutePath().normalize();

  final Path tmp;
  final Path bare;
  final Path admin;
  final Path workspace;
  final Path home;
  final Path bin;
  final Path sim;
  final Path invocations;
  final int closedPort;

  TemplateHarness(Path tmp) throws IOException {
    this.tmp = tmp;
    bare = tmp.resolve("origin.git");
    admin = tmp.resolve("admin");
    workspace = tmp.resolve("workspace");
    home = Files.createDirectories(tmp.resolve("home"));
    bin = Files.createDirectories(tmp.resolve("bin"));
    sim = tmp.resolve("sim");
    invocations = tmp.resolve("sanctl-invocations.log");
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    writeLaunchers();
  }

  /** cluster.yaml of a one-node cluster; its address refuses connections (nothing listens). */
  String clusterYaml() {
    return "apiVersion: sanctl/v1\n"
        + "cluster: {name: lab, iqnPrefix: iqn.2024-01.org.example:lab}\n"
        + "nodes:\n"
        + "  san-a: {address: 127.0.0.1, port: "
        + closedPort
        + ", os: linux, services: [files]}\n";
  }

  /** The files volume group of the test config with these volume lines. */
  static String volumes(String... lines) {
    return TestConfigs.volumes(lines);
  }

  private void writeLaunchers() throws IOException {
    String cp =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    // user.home from $HOME, as on a runner whose HOME is the account's home directory
    executable(
        bin.resolve("sanctl-real"),
        "#!/bin/sh\nexec '"
            + java
            + "' -XX:TieredStopAtLevel=1 -Xshare:auto -Duser.home=\"$HOME\" -cp '"
            + cp
            + "' dev.sanctl.cli.Main \"$@\"\n");
    executable(
        bin.resolve("sanctl"),
        "#!/bin/bash\n"
            + "printf '%s\\n' \"$*\" >> '"
            + invocations
            + "'\n"
            + "for a in \"$@\"; do\n"
            + "  case \"$a\" in plan|apply|--repo) exec '"
            + bin.resolve("sanctl-real")
            + "' \"$@\" --sim '"
            + sim
            + "';; esac\n"
            + "done\n"
            + "exec '"
            + bin.resolve("sanctl-real")
            + "' \"$@\"\n");
  }

  static void executable(Path file, String text) throws IOException {
    Files.writeString(file, text);
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Creates the bare repository with {@code main} holding these files (name, text, ...). */
  void main(String... nameAndText) throws Exception {
    git(tmp, "init", "-q", "--bare", "-b", "main", bare.toString());
    git(tmp, "clone", "-q", bare.toString(), admin.toString());
    commit("config", nameAndText);
    git(admin, "push", "-q", "origin", "HEAD:main");
  }

  /** Commits these files on branch {@code pr}, pushes it and checks it out as the workspace. */
  void pullRequest(String message, String... nameAndText) throws Exception {
    git(admin, "checkout", "-q", "-B", "pr");
    commit(message, nameAndText);
    git(admin, "push", "-q", "-f", "origin", "pr");
    if (!Files.exists(workspace)) git(tmp, "clone", "-q", bare.toString(), workspace.toString());
    git(workspace, "fetch", "-q", "origin");
    git(workspace, "checkout", "-q", "-B", "pr", "origin/pr");
  }

  /** Commits everything in the admin clone (e.g. what import wrote) on main and pushes it. */
  String commitMain(String message) throws Exception {
    git(admin, "checkout", "-q", "main");
    git(admin, "add", "-A");
    git(admin, "commit", "-q", "-m", message);
    git(admin, "push", "-q", "origin", "HEAD:main");
    return run(admin, baseEnv(), List.of("git", "rev-parse", "HEAD")).output().strip();
  }

  private void commit(String message, String... nameAndText) throws Exception {
    for (int i = 0; i < nameAndText.length; i += 2) {
      Path f = admin.resolve(nameAndText[i]);
      Files.createDirectories(f.getParent());
      Files.writeString(f, nameAndText[i + 1]);
    }
    git(admin, "add", "-A");
    git(admin, "commit", "-q", "-m", message);
  }

  /** {@code sanctl sim init} of the configuration on {@code main}. */
  void simInit() {
    var r = CliRunner.run("sim", "init", sim.toString(), "-C", admin.toString());
    assertEquals(0, r.exitCode(), r.out() + r.err());
  }

  /** The lines {@code sanctl} was invoked with (arguments joined by spaces). */
  List<String> invocations() throws IOException {
    return Files.exists(invocations) ? Files.readAllLines(invocations) : List.of();
  }

  /** The environment of a job: the harness PATH first, HOME the runner home, git quiet. */
  Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("PATH", bin + ":/usr/local/bin:/usr/bin:/bin");
    env.put("HOME", home.toString());
    env.put("GIT_CONFIG_NOSYSTEM", "1");
    env.put("LANG", "C.UTF-8");
    env.put("TMPDIR", Files.isDirectory(tmp) ? tmp.toString() : "/tmp");
    return env;
  }

  /** Runs argv in dir with exactly this environment; returns exit code and combined output. */
  static Shell run(Path dir, Map<String, String> env, List<String> argv) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(argv).directory(dir.toFile()).redirectErrorStream(true);
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("timed out: " + argv + "\n" + out);
    }
    return new Shell(p.exitValue(), out);
  }

  /** A finished process. */
  record Shell(int exit, String output) {}

  private void git(Path dir, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("git", "-c", "user.name=Admin"));
    argv.addAll(List.of("-c", "user.email=admin@example.org", "-c", "init.defaultBranch=main"));
    argv.addAll(List.of(args));
    Shell r = run(dir, baseEnv(), argv);
    assertEquals(0, r.exit(), "git " + String.join(" ", args) + "\n" + r.output());
  }

  /** Parses a YAML template. */
  static Object yaml(Path file) throws IOException {
    return new Load(LoadSettings.builder().build()).loadFromString(Files.readString(file));
  }
}
