package dev.sanctl.cli.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the CLI on the simulator: a stmf-ha target dropped from the YAML would vanish at the next
 * failover, so {@code apply --auto-approve} refuses it without {@code --allow-disruptive}; refused,
 * the pool's stmf-ha.conf keeps the target and the other head serves it after a failover; approved,
 * the next failover leaves it out and the plan is empty.
 */
class StmfHaOmissionCommandTest {
  static final String TARGET02 = "iqn.2010-08.org.illumos:stmf-ha:target02";
  @TempDir Path tmp;

  @Test
  void aDroppedTargetNeedsAllowDisruptiveAndSurvivesAFailoverUntilApproved() throws Exception {
    Path config = tmp.resolve("config");
    Path examples = CliRun.examples().resolve("stmf-ha");
    Files.createDirectories(config);
    try (Stream<Path> files = Files.list(examples)) {
      for (Path f : files.toList()) Files.copy(f, config.resolve(f.getFileName()));
    }
    Path sim = tmp.resolve("sim");
    assertEquals(
        ExitCodes.OK, CliRun.run("sim", "init", sim.toString(), "-C", config.toString()).exit());
    assertEquals(ExitCodes.OK, sanctl(config, sim, "apply", "--auto-approve").exit());

    Path zfs = config.resolve("zfs.yaml");
    String yaml = Files.readString(zfs);
    String without =
        yaml.replace("        target02: {tpg: tpg02}\n", "")
            .replace("[target01, target02]", "[target01]");
    assertFalse(without.equals(yaml));
    Files.writeString(zfs, without);

    CliRun.Result plan = sanctl(config, sim, "plan");
    assertTrue(plan.out().contains("target target02 is no longer exported"), plan.toString());
    CliRun.Result refused = sanctl(config, sim, "apply", "--auto-approve");
    assertEquals(ExitCodes.REFUSED, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("needs --allow-disruptive"), refused.toString());
    assertTrue(run(sim, "san1", "cat", "/tank/stmf-ha.conf").contains("target02"));

    assertEquals(0, CliRun.run("sim", "failover", sim.toString(), "tank", "san2").exit());
    assertTrue(
        run(sim, "san2", "itadm", "list-target").contains(TARGET02),
        "the refused change left the target in the file the other head starts from");

    assertEquals(
        ExitCodes.OK, sanctl(config, sim, "apply", "--auto-approve", "--allow-disruptive").exit());
    assertEquals(ExitCodes.OK, sanctl(config, sim, "plan", "--detailed-exitcode").exit());
    assertEquals(0, CliRun.run("sim", "failover", sim.toString(), "tank", "san1").exit());
    assertFalse(run(sim, "san1", "itadm", "list-target").contains(TARGET02));
    assertEquals(ExitCodes.OK, sanctl(config, sim, "plan", "--detailed-exitcode").exit());
  }

  private CliRun.Result sanctl(Path config, Path sim, String command, String... args) {
    List<String> argv =
        new ArrayList<>(
            List.of(
                "-C",
                config.toString(),
                command,
                "--sim",
                sim.toString(),
                "--state-dir",
                tmp.resolve("state").toString()));
    argv.addAll(List.of(args));
    return CliRun.run(argv.toArray(String[]::new));
  }

  private static String run(Path sim, String node, String... argv) {
    List<String> a = new ArrayList<>(List.of("sim", "run", sim.toString(), node, "--"));
    a.addAll(List.of(argv));
    return SimCommandTest.sanctl("", a.toArray(String[]::new)).out();
  }
}
