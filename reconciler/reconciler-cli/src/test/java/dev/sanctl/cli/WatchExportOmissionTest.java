package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.gitops.GitFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sanctl watch} holds export drops as {@code apply} without {@code --allow-disruptive} does:
 * under a policy with {@code allowDisruptive: false} a served IET target set {@code state: absent}
 * (with or without a live session) is not applied (the commit waits and says why), and a target
 * dropped from the YAML stays served and persisted, nothing applied for it.
 */
class WatchExportOmissionTest {
  static final String LAB = "iqn.2024-01.org.example:san.pg-storage.vg-lab.lun-lab01";
  static final String WEB01 = "iqn.1994-05.com.redhat:web01";
  static final String LAB_TARGET =
      "  - volume: vg_lab/lun_lab01\n"
          + "    serial: QSLAB-0001\n"
          + "    portalGroup: pg_storage\n"
          + "    initiators: [iqn.1994-05.com.redhat:web01]\n"
          + "    comment: lab scratch LUN\n";

  @TempDir Path tmp;
  CliRun c;
  GitFixture git;

  @BeforeEach
  void setUp() throws Exception {
    CliRun.assumeProviders();
    c =
        CliRun.quickstart(
            tmp.resolve("q"),
            (file, text) ->
                file.equals("cluster.yaml")
                    ? text.replace("autoApply: false", "autoApply: true")
                    : text);
    git = new GitFixture(tmp);
    List<String> files = new ArrayList<>();
    for (String f : List.of("cluster.yaml", "iscsi.yaml", "lvm.yaml")) {
      files.add(f);
      files.add(Files.readString(c.config.resolve(f)));
    }
    git.push("quickstart", files.toArray(String[]::new));
    CliRun.Result first = watchOnce();
    // exit 2: the first drift check finds the vmhost target without its expected sessions
    assertTrue(first.out().contains(" applied: Apply complete!"), first.toString());
    assertTrue(
        served(),
        () -> {
          try {
            return "the lab target is served after the first commit: "
                + node("cat", "/proc/net/iet/volume")
                + node("cat", "/etc/iet/ietd.conf")
                + node("cat", "/etc/iet/initiators.allow");
          } catch (IOException e) {
            return e.toString();
          }
        });
  }

  @AfterEach
  void tearDown() {
    if (git != null) git.close();
  }

  private CliRun.Result watchOnce() {
    return CliRun.run(
        "-C",
        tmp.toString(),
        "watch",
        "--once",
        "--repo",
        git.bare.toString(),
        "--state-dir",
        c.stateDir.toString(),
        "--sim",
        c.simDir.toString(),
        "--drift-interval",
        "1d");
  }

  private String iscsi() throws IOException {
    String text = Files.readString(c.config.resolve("iscsi.yaml"));
    assertTrue(text.contains(LAB_TARGET), text);
    return text;
  }

  private String node(String... argv) throws IOException {
    return c.sim.run("san-a", argv).out();
  }

  /** Served in the runtime, persisted in ietd.conf and admitted by initiators.allow. */
  private boolean served() throws IOException {
    return node("cat", "/proc/net/iet/volume").contains("name:" + LAB)
        && node("cat", "/etc/iet/ietd.conf").contains("Target " + LAB)
        && node("cat", "/etc/iet/initiators.allow")
            .lines()
            .anyMatch(l -> l.equals(LAB + " " + WEB01.replace(".", "\\.")));
  }

  private String status() {
    return CliRun.run("-C", tmp.toString(), "status", "--state-dir", c.stateDir.toString()).out();
  }

  @Test
  void aServedTargetSetAbsentWhileItHasASessionWaitsForAHuman() throws Exception {
    c.sim.addSession("san-a", LAB, WEB01, "10.20.0.50");
    String absent =
        git.push(
            "lab target absent",
            "iscsi.yaml",
            iscsi().replace(LAB_TARGET, LAB_TARGET + "    state: absent\n"));
    CliRun.Result r = watchOnce();
    assertEquals(ExitCodes.CHANGES, r.exit(), r.toString());
    assertTrue(r.out().contains("not allowed by policy"), r.out());
    assertTrue(r.out().contains(WEB01), "names the initiator with a session: " + r.out());
    assertTrue(r.out().contains("needs --allow-disruptive"), r.out());
    assertTrue(served(), "nothing of the drop is applied");
    String status = status();
    assertTrue(status.contains("revision " + absent), status);
    assertTrue(status.contains("needs --allow-disruptive"), status);
    assertFalse(status.contains("last applied revision " + absent), status);

    CliRun.Result again = watchOnce();
    assertTrue(served(), "a second poll does not apply it either: " + again);
  }

  @Test
  void aServedTargetSetAbsentWithNoSessionWaitsForAHuman() throws Exception {
    assertFalse(node("cat", "/proc/net/iet/session").contains(WEB01), "no session");
    String absent =
        git.push(
            "lab target absent",
            "iscsi.yaml",
            iscsi().replace(LAB_TARGET, LAB_TARGET + "    state: absent\n"));
    CliRun.Result r = watchOnce();
    assertEquals(ExitCodes.CHANGES, r.exit(), r.toString());
    assertTrue(r.out().contains("not allowed by policy"), r.out());
    assertTrue(r.out().contains("san-a/iet.target/" + LAB), "names the dropped export: " + r.out());
    assertTrue(r.out().contains("needs --allow-disruptive"), r.out());
    assertTrue(served(), "nothing of the drop is applied, runtime or files");
    String status = status();
    assertTrue(status.contains("revision " + absent), status);
    assertTrue(status.contains("needs --allow-disruptive"), status);
    assertFalse(status.contains("last applied revision " + absent), status);
  }

  @Test
  void aTargetDroppedFromTheYamlStaysServedAndNothingIsAppliedForIt() throws Exception {
    c.sim.addSession("san-a", LAB, WEB01, "10.20.0.50");
    String before = node("cat", "/etc/iet/ietd.conf");
    String allow = node("cat", "/etc/iet/initiators.allow");
    git.push("lab target dropped", "iscsi.yaml", iscsi().replace(LAB_TARGET, ""));
    CliRun.Result r = watchOnce();
    assertTrue(
        r.exit() == ExitCodes.OK || r.exit() == ExitCodes.CHANGES, "no failure: " + r.toString());
    assertFalse(r.out().contains(" failed"), r.out());
    assertTrue(served(), "an undeclared live target stays exactly as it is");
    assertEquals(before, node("cat", "/etc/iet/ietd.conf"), "ietd.conf untouched");
    assertEquals(allow, node("cat", "/etc/iet/initiators.allow"), "initiators.allow untouched");
    assertTrue(node("cat", "/proc/net/iet/session").contains(WEB01), "the session is still there");
  }
}
