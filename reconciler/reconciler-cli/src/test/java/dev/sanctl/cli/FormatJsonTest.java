package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import dev.sanctl.spi.json.Json;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One way to ask for machine output: {@code --format json} on every command with output (#19). */
class FormatJsonTest {
  @TempDir Path tmp;

  /** Standard output is exactly one JSON document (nothing else on it). */
  static Map<?, ?> json(CliRun.Result r) {
    Object doc = Json.parse(r.out());
    assertTrue(doc instanceof Map<?, ?>, r.toString());
    assertEquals("1", ((Map<?, ?>) doc).get("formatVersion"), r.toString());
    return (Map<?, ?>) doc;
  }

  private static CliRun.Result backupStatus(CliRun c, String... format) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "-C",
                c.config.toString(),
                "backup",
                "status",
                "--state-dir",
                c.stateDir.toString()));
    args.addAll(List.of(format));
    return CliRun.run(args.toArray(String[]::new));
  }

  @Test
  void everyClusterCommandSpeaksJsonWithFormatJson() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result validate = CliRun.run("-C", c.config.toString(), "validate", "--format", "json");
    assertEquals(true, json(validate).get("valid"));

    CliRun.Result apply = c.cluster("apply", "--auto-approve", "--format", "json");
    assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
    Map<?, ?> applied = json(apply);
    assertEquals("applied", applied.get("kind"));
    assertEquals("ok", applied.get("status"));
    assertEquals("0", String.valueOf(applied.get("exit")));
    List<?> outcomes = (List<?>) applied.get("outcomes");
    assertFalse(outcomes.isEmpty(), apply.toString());
    assertEquals("applied", ((Map<?, ?>) outcomes.get(0)).get("status"));

    CliRun.Result again = c.cluster("apply", "--auto-approve", "--format", "json");
    assertEquals("nothing_to_do", json(again).get("kind"));

    Map<?, ?> status = json(c.cluster("status", "--format", "json"));
    assertEquals("ok", ((Map<?, ?>) status.get("lastApply")).get("status"));
    assertFalse(status.containsKey("live"));

    CliRun.Result liveRun = c.cluster("status", "--live", "--format", "json");
    assertEquals(ExitCodes.OK, liveRun.exit(), liveRun.toString());
    Map<?, ?> nodes = (Map<?, ?>) ((Map<?, ?>) json(liveRun).get("live")).get("nodes");
    Map<?, ?> sanA = (Map<?, ?>) nodes.get("san-a");
    assertEquals(true, sanA.get("known"));
    assertFalse(((List<?>) sanA.get("status")).isEmpty(), liveRun.toString());

    json(c.cluster("drift", "--format", "json"));
    json(c.cluster("plan", "--format", "json"));

    Map<?, ?> backups = json(backupStatus(c, "--format", "json"));
    assertEquals(List.of(), backups.get("lastRuns"));

    // import needs a config without the sections it writes (as in ImportCommandTest)
    java.nio.file.Files.delete(c.config.resolve("lvm.yaml"));
    String iscsi = java.nio.file.Files.readString(c.config.resolve("iscsi.yaml"));
    c.write("iscsi.yaml", iscsi.substring(0, iscsi.indexOf("targetDefaults:")));
    c.write(
        "cluster.yaml",
        java.nio.file.Files.readString(c.config.resolve("cluster.yaml"))
            .replace("lvm, files, iet", "lvm, iet"));
    Path out = tmp.resolve("imported.yaml");
    CliRun.Result imported = c.cluster("import", "--out", out.toString(), "--format", "json");
    Map<?, ?> summary = json(imported);
    assertEquals(out.toString(), summary.get("written"), imported.toString());
    assertEquals(false, summary.get("incomplete"));
  }

  @Test
  void theOlderJsonFlagIsAHiddenAliasOfFormatJson() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    Map<?, ?> backups = json(backupStatus(c, "--json"));
    assertEquals(List.of(), backups.get("lastRuns"));
    CliRun.Result help = CliRun.run("backup", "run", "--help");
    assertTrue(help.out().contains("--format=FORMAT"), help.out());
    assertFalse(help.out().contains("--json"), help.out());
  }

  @Test
  void anUnknownFormatIsAUsageError() throws Exception {
    CliRun c = CliRun.quickstart(tmp);
    CliRun.Result r = c.cluster("status", "--format", "yaml");
    assertEquals(ExitCodes.USAGE, r.exit(), r.toString());
    assertTrue(r.err().startsWith("sanctl: error: Invalid value for option '--format'"), r.err());
  }
}
