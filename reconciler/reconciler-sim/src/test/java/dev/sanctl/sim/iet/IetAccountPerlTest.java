package dev.sanctl.sim.iet;

import static dev.sanctl.sim.TestClusters.sh;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated {@code perl -e <iet-account-new.pl> TID} with the account on standard input. */
class IetAccountPerlTest {
  @TempDir Path dir;
  SimCluster c;

  @BeforeEach
  void init() throws Exception {
    c = TestClusters.amherst(dir.resolve("sim"));
    assertEquals(
        0,
        sh(c, "san1", "ietadm --op new --tid=1 --params Name=iqn.2001-04.edu.amherst:v1")
            .exitStatus());
  }

  private CommandResult perl(String tid, String body) throws Exception {
    return c.execute(
        "san1",
        new Command(
            List.of("perl", "-e", IetAccountPerl.SCRIPT, tid),
            body.getBytes(StandardCharsets.UTF_8),
            null,
            true,
            null));
  }

  @Test
  void addsTheAccountAsIetadmDoes() throws Exception {
    CommandResult r = perl("1", "IncomingUser=joe,Password=secret12chars");
    assertEquals(0, r.exitStatus(), r.err());
    assertEquals("", r.out() + r.err());
    assertEquals(0, perl("1", "OutgoingUser=jim,Password=othersecret12").exitStatus());
    assertEquals(0, perl("1", "OutgoingUser=jo,Password=othersecret13").exitStatus());
    assertEquals(
        "IncomingUser joe\nOutgoingUser jo\n",
        sh(c, "san1", "ietadm --op show --tid=1 --user").out());
    assertEquals(
        "IncomingUser joe secret12chars\n",
        sh(c, "san1", "ietadm --op show --tid=1 --user --params=IncomingUser=joe").out());
  }

  @Test
  void aMissingTargetIsIetdsEnoent() throws Exception {
    CommandResult r = perl("9", "IncomingUser=joe,Password=secret12chars");
    assertEquals(254, r.exitStatus());
    assertEquals("No such file or directory.\n", r.err());
  }

  @Test
  void refusesWhatTheScriptRefuses() throws Exception {
    for (String body :
        List.of(
            "", "IncomingUser=joe", "IncomingUser=joe,Password=a b", "Password=x,IncomingUser=j")) {
      CommandResult r = perl("1", body);
      assertEquals(234, r.exitStatus(), body);
      assertEquals("Username and password must be specified\n", r.err(), body);
    }
    assertEquals(234, perl("one", "IncomingUser=joe,Password=secret12chars").exitStatus());
    CommandResult other =
        c.execute("san1", new Command(List.of("perl", "-e", "print 1"), null, null, true, null));
    assertEquals(2, other.exitStatus());
  }
}
