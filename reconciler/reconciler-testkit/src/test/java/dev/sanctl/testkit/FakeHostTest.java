package dev.sanctl.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.HostUnreachableException;
import java.util.List;
import org.junit.jupiter.api.Test;

class FakeHostTest {
  @Test
  void repliesAsScriptedNewestRuleFirstAndRecords() throws Exception {
    FakeHost h = FakeHost.named("n1");
    h.onPrefix("vgs").reply(0, "old\n");
    h.on("lvcreate", "-n", "a", "vg")
        .respond(
            c -> {
              h.on("vgs", "--json").reply(0, "new\n");
              return CommandResult.of(0, "", "");
            });
    assertEquals("old\n", h.run(Command.read("vgs", "--json")).out());
    h.run(Command.change("lvcreate", "-n", "a", "vg"));
    assertEquals("new\n", h.run(Command.read("vgs", "--json")).out());
    assertEquals("old\n", h.run(Command.read("vgs", "-o", "x")).out());
    assertEquals(4, h.commands().size());
  }

  @Test
  void unknownCommandsFailLoudlyAndUnreachableThrows() {
    FakeHost h = FakeHost.named("n1");
    AssertionError e = assertThrows(AssertionError.class, () -> h.run(Command.read("zpool")));
    assertEquals("FakeHost n1: no reply scripted for: zpool", e.getMessage());
    h.unreachable("host key changed");
    assertEquals(
        "host key changed",
        assertThrows(HostUnreachableException.class, () -> h.run(Command.read("x"))).getMessage());
  }

  @Test
  void recordingHostSeesMutatingCommandsAndMasksSecrets() throws Exception {
    FakeHost h = FakeHost.named("n1");
    h.onPrefix("ietadm").reply(0, "");
    RecordingHost r = new RecordingHost(h);
    r.run(Command.read("ietadm", "--op", "show"));
    r.run(Command.change("ietadm", "--op", "new", "--params", "Password=pw1").withSecret("pw1"));
    assertEquals(1, r.mutating().size());
    assertEquals(
        List.of("ietadm --op show", "ietadm --op new --params 'Password=(sensitive value)'"),
        r.lines());
  }
}
