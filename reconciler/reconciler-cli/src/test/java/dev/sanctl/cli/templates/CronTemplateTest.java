package dev.sanctl.cli.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.templates.TemplateHarness.Shell;
import dev.sanctl.gitops.WatchState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ci/cron/sanctl-drift.cron} as shipped: the job line's command run by {@code /bin/sh} with
 * the file's {@code PATH}, as cron runs it, with the state directory, config directory and
 * repository URL pointed at the harness and {@code logger} a stub that records what reaches syslog.
 */
class CronTemplateTest {
  static final Path CRON = TemplateHarness.CI.resolve("cron/sanctl-drift.cron");

  @TempDir Path tmp;
  TemplateHarness h;
  Path state;
  Path etc;
  Path syslog;

  @BeforeEach
  void setUp() throws Exception {
    h = new TemplateHarness(tmp);
    state = tmp.resolve("var-lib-sanctl");
    etc = Files.createDirectories(tmp.resolve("etc-sanctl"));
    syslog = tmp.resolve("syslog");
    TemplateHarness.executable(
        h.bin.resolve("logger"),
        "#!/bin/sh\nwhile IFS= read -r line; do printf '%s: %s\\n' \"$2\" \"$line\"; done >> '"
            + syslog
            + "'\n");
    h.main(
        "cluster.yaml",
        h.clusterYaml() + "policy: {autoApply: true}\n",
        "lvm.yaml",
        TemplateHarness.volumes("base: {size: 32M}"));
    h.simInit();
  }

  @Test
  void theWatchLineAppliesTheBranchAndLogsToSyslogWithItsExitCode() throws Exception {
    Files.createDirectories(state);
    Shell run = runJobLine();
    assertEquals("", run.output(), "cron would mail this (or drop it without an MTA)");
    String log = Files.readString(syslog);
    assertTrue(log.contains("sanctl-watch: sanctl watch --once: exit 0"), log);
    assertTrue(h.invocations().get(0).contains("watch --once"), h.invocations().toString());
    WatchState w = WatchState.read(state).orElseThrow();
    assertTrue(w.lastApplied() != null, log);
  }

  @Test
  void aRunThatCannotStartIsLoggedNotSilent() throws Exception {
    Shell run = runJobLine(); // the state directory was never created
    assertEquals("", run.output());
    String log = Files.readString(syslog);
    assertTrue(log.contains("sanctl-watch: flock: cannot open lock file"), log);
    assertTrue(log.contains("sanctl-watch: sanctl watch --once: exit 66"), log);
  }

  private Shell runJobLine() throws Exception {
    List<String> lines = Files.readAllLines(CRON);
    String path = null;
    String command = null;
    for (String l : lines) {
      if (l.startsWith("PATH=")) path = l.substring(5);
      else if (!l.isBlank() && !l.startsWith("#") && !l.contains("=")) {
        String[] f = l.strip().split("\\s+", 7);
        assertEquals("sanctl", f[5], "the user field");
        command = f[6];
      }
    }
    assertTrue(!command.contains("%"), "cron turns % into a newline");
    command =
        command
            .replace("/var/lib/sanctl", state.toString())
            .replace("/etc/sanctl", etc.toString())
            .replace("ssh://git@git.example.edu/storage/san-config.git", h.bare.toString());
    Map<String, String> env = h.baseEnv();
    env.put("PATH", h.bin + ":" + path);
    env.put("SHELL", "/bin/sh");
    return TemplateHarness.run(h.home, env, List.of("/bin/sh", "-c", command));
  }
}
