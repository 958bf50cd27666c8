package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Through the CLI: removals that used to pass as impact {@code none} (daemon settings dropped, as
 * after {@code sanctl import}) need {@code --allow-disruptive}, and a failover plans nothing.
 */
class OmissionGateCommandTest {
  @TempDir Path tmp;

  @Test
  void droppingIetGlobalsIsRefusedWithoutAllowDisruptiveEvenWithAutoApprove() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    String iscsi = Files.readString(c.config.resolve("iscsi.yaml"));
    c.write(
        "iscsi.yaml", iscsi + "iet:\n  global: {TgtNotFoundRespondServiceUnavailable: \"Yes\"}\n");
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    c.write("iscsi.yaml", iscsi);

    CliRun.Result plan = c.cluster("plan");
    assertTrue(
        plan.out().contains("iet.file//etc/iet/ietd.conf will be updated in-place [disruptive]"),
        plan.out());
    assertTrue(
        plan.out().contains("removes settings global: TgtNotFoundRespondServiceUnavailable"),
        plan.out());
    assertTrue(
        plan.out()
            .contains("disruptive: san-a/iet.file//etc/iet/ietd.conf will be updated in-place"),
        "listed in the attention section:\n" + plan.out());
    CliRun.Result refused = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.REFUSED, refused.exit(), refused.toString());
    assertTrue(refused.err().contains("needs --allow-disruptive"), refused.err());
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve", "--allow-disruptive").exit());
    assertEquals(ExitCodes.OK, c.cluster("plan", "--detailed-exitcode").exit());
  }

  @Test
  void afterSimFailoverThePlanIsEmpty() throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    assertEquals(ExitCodes.OK, c.cluster("apply", "--auto-approve").exit());
    for (String node : new String[] {"san-b", "san-a"}) {
      CliRun.Result moved = CliRun.run("sim", "failover", c.simDir.toString(), "vg_san", node);
      assertEquals(0, moved.exit(), moved.toString());
      CliRun.Result plan = c.cluster("plan", "--detailed-exitcode");
      assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
    }
  }
}
