package dev.sanctl.core.apply;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** What a successful command printed, as shown when its change did not take. */
class CommandOutputTest {
  @Test
  void whatAToolSaysIsShownWithItsCommand() {
    Command c = Command.change("stmf-ha", "start", "tank_1");
    assertEquals(
        Optional.of("`stmf-ha start tank_1`: Invalid name tank_1"),
        CommandOutput.of(c, CommandResult.of(0, "", "Invalid name tank_1\n")));
    assertEquals(Optional.empty(), CommandOutput.of(c, CommandResult.of(0, "", "")));
  }

  @Test
  void whatTeeMerelyEchoesIsNotShown() {
    byte[] file = "Target iqn.x:y\n    IncomingUser u s3cr3t\n".getBytes(StandardCharsets.UTF_8);
    Command tee = Command.change(file, "tee", "/etc/iet/ietd.conf");
    assertEquals(
        Optional.empty(),
        CommandOutput.of(tee, CommandResult.of(0, new String(file, StandardCharsets.UTF_8), "")));
  }

  @Test
  void secretsAreRedactedAndLongOutputIsCut() {
    Command c = Command.change("ietadm", "--op", "new").withSecret("s3cr3t");
    assertEquals(
        Optional.of("`" + c + "`: a / b (sensitive value) / c / ..."),
        CommandOutput.of(c, CommandResult.of(0, "", "a\nb s3cr3t\nc\nd\n")));
    assertEquals(
        "; the commands printed: `x`: a; `y`: b",
        CommandOutput.summary(List.of("`x`: a", "`y`: b")));
  }
}
