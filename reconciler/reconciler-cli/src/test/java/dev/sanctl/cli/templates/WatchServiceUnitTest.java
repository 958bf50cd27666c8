package dev.sanctl.cli.templates;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.templates.TemplateHarness.Shell;
import dev.sanctl.gitops.WatchState;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ci/systemd/sanctl-watch.service} as shipped: its {@code ExecStart} started as systemd
 * would (paths pointed at the harness, the cluster simulated) and, once it applied the branch and
 * waits for the next poll, stopped with its {@code KillSignal}: it must exit within seconds (not
 * after the ten minutes a shutdown hook joining the main thread took) with the exit code the docs
 * name and the unit counts as success. The unit passes {@code systemd-analyze verify}.
 */
class WatchServiceUnitTest {
  static final Path UNIT = TemplateHarness.CI.resolve("systemd/sanctl-watch.service");

  @TempDir Path tmp;
  TemplateHarness h;
  Path state;
  Path etc;
  Map<String, String> service;

  @BeforeEach
  void setUp() throws Exception {
    h = new TemplateHarness(tmp);
    state = Files.createDirectories(tmp.resolve("var-lib-sanctl"));
    etc = Files.createDirectories(tmp.resolve("etc-sanctl"));
    service = section("Service");
  }

  @Test
  void sigtermStopsWatchWithinSecondsAfterTheStepWithAnExitCodeTheUnitCountsAsSuccess()
      throws Exception {
    h.main(
        "cluster.yaml",
        h.clusterYaml() + "policy: {autoApply: true}\n",
        "lvm.yaml",
        TemplateHarness.volumes("base: {size: 32M}"));
    h.simInit();
    assertEquals("SIGTERM", service.get("KillSignal"));
    Started w = start();
    Process p = w.process();
    StringBuffer out = w.out();
    CountDownLatch following = w.following();
    Thread reader = w.reader();
    try {
      assertTrue(following.await(2, TimeUnit.MINUTES), out.toString());
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (WatchState.read(state).map(WatchState::lastApplied).isEmpty()) {
        assertTrue(System.nanoTime() < deadline && p.isAlive(), "no apply:\n" + out);
        Thread.sleep(200);
      }
      // the first step is done: watch waits for the next poll (--interval 1m)
      Shell kill = TemplateHarness.run(tmp, h.baseEnv(), List.of("kill", "-TERM", "" + p.pid()));
      assertEquals(0, kill.exit(), kill.output());
      long t0 = System.nanoTime();
      assertTrue(p.waitFor(20, TimeUnit.SECONDS), "still running 20 s after SIGTERM:\n" + out);
      long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);
      reader.join(5000);
      assertEquals(143, p.exitValue(), out.toString());
      assertTrue(
          Arrays.asList(service.get("SuccessExitStatus").split("\\s+")).contains("143"),
          "the unit counts the exit code as success");
      assertTrue(seconds < 20);
      assertTrue(out.toString().contains("stopped"), out.toString());
    } finally {
      p.destroyForcibly();
    }
  }

  @Test
  void sigtermDuringAnApplyLetsTheApplyFinish() throws Exception {
    h.main(
        "cluster.yaml",
        h.clusterYaml() + "policy: {autoApply: true}\n",
        "lvm.yaml",
        TemplateHarness.volumes("base: {size: 32M}", "more: {size: 32M}"));
    h.simInit();
    var slow =
        dev.sanctl.testkit.CliRunner.run(
            "sim", "fault", h.sim.toString(), "san-a", "--slow", "0.5");
    assertEquals(0, slow.exitCode(), slow.err());
    Started w = start();
    try {
      long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
      while (!Files.exists(state.resolve("apply.lock"))) { // the commit's step has begun
        assertTrue(System.nanoTime() < deadline && w.process().isAlive(), w.out().toString());
        Thread.sleep(50);
      }
      Shell kill =
          TemplateHarness.run(tmp, h.baseEnv(), List.of("kill", "-TERM", "" + w.process().pid()));
      assertEquals(0, kill.exit(), kill.output());
      assertTrue(w.process().waitFor(2, TimeUnit.MINUTES), w.out().toString());
      w.reader().join(5000);
      assertEquals(143, w.process().exitValue(), w.out().toString());
      WatchState ws = WatchState.read(state).orElseThrow();
      assertTrue(ws.lastApplied() != null, "the apply in progress finished:\n" + w.out());
      assertTrue(w.out().toString().contains("applied: Apply complete!"), w.out().toString());
    } finally {
      w.process().destroyForcibly();
    }
  }

  /** A running watch started from the unit's ExecStart, its output collected. */
  record Started(Process process, StringBuffer out, CountDownLatch following, Thread reader) {}

  private Started start() throws java.io.IOException {
    List<String> argv = new ArrayList<>(Arrays.asList(substitute(service.get("ExecStart"))));
    ProcessBuilder pb =
        new ProcessBuilder(argv)
            .directory(Path.of(substitute(service.get("WorkingDirectory"))[0]).toFile())
            .redirectErrorStream(true);
    pb.environment().putAll(h.baseEnv());
    Process p = pb.start();
    CountDownLatch following = new CountDownLatch(1);
    StringBuffer out = new StringBuffer();
    Thread reader =
        new Thread(
            () -> {
              try (BufferedReader r =
                  new BufferedReader(
                      new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String l = r.readLine(); l != null; l = r.readLine()) {
                  out.append(l).append('\n');
                  if (l.contains("following")) following.countDown();
                }
              } catch (java.io.IOException e) {
                out.append(e);
              }
            });
    reader.start();
    return new Started(p, out, following, reader);
  }

  @Test
  void theUnitPassesSystemdAnalyzeVerify() throws Exception {
    String unit =
        Files.readString(UNIT).replace("/usr/local/bin/sanctl", h.bin.resolve("sanctl").toString());
    Path copy = tmp.resolve("units/sanctl-watch.service");
    Files.createDirectories(copy.getParent());
    Files.writeString(copy, unit);
    Shell r =
        TemplateHarness.run(
            tmp, h.baseEnv(), List.of("systemd-analyze", "verify", copy.toString()));
    assertEquals(0, r.exit(), r.output());
    assertEquals("", r.output().strip());
  }

  private String[] substitute(String value) {
    return value
        .replace("/usr/local/bin/sanctl", h.bin.resolve("sanctl").toString())
        .replace("/etc/sanctl", etc.toString())
        .replace("/var/lib/sanctl", state.toString())
        .replace("ssh://git@git.example.edu/storage/san-config.git", h.bare.toString())
        .strip()
        .split("\\s+");
  }

  /** The keys of a section of the unit, continuation lines joined. */
  private static Map<String, String> section(String name) throws java.io.IOException {
    String text = Files.readString(UNIT).replace("\\\n", " ");
    Map<String, String> keys = new LinkedHashMap<>();
    boolean in = false;
    for (String l : text.split("\n")) {
      if (l.startsWith("[")) in = l.equals("[" + name + "]");
      else if (in && !l.startsWith("#") && l.contains("=")) {
        keys.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1).strip());
      }
    }
    return keys;
  }
}
