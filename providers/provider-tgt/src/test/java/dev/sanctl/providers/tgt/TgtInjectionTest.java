package dev.sanctl.providers.tgt;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.model.TargetState;
import dev.sanctl.spi.values.UnsafeValueException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Issue #14: tgtadm parameters and the targets.conf lines tgt-admin hands to a shell refuse what
 * validation would have refused.
 */
class TgtInjectionTest {
  static final String IQN = "iqn.2026-01.dev.sanctl:lab.t";

  static String render(String serial, String path, String user, String secret) {
    return TgtConfigRenderer.render(
        "lab",
        List.of(
            new DesiredTgtTarget(
                IQN,
                TargetState.ONLINE,
                List.of(new DesiredTgtTarget.DesiredLun(1, path, 1 << 20, serial)),
                List.of(),
                List.of(new DesiredTgtTarget.Account(user, secret)),
                null)),
        java.util.Map.of());
  }

  @Test
  void aSerialIsNeverRunByTgtAdmin() {
    UnsafeValueException e =
        assertThrows(
            UnsafeValueException.class,
            () -> render("$(id>/tmp/p)", "/srv/f.img", "web", "secret123456"));
    assertTrue(e.getMessage().contains("'$' at character 1"), e.getMessage());
    assertTrue(render("S1", "/srv/f.img", "web", "secret123456").contains("\t\tscsi_sn S1\n"));
  }

  @Test
  void aSerialCannotMakeALunReadOnly() {
    TgtCommands c = new TgtCommands(null);
    assertThrows(UnsafeValueException.class, () -> c.setSerial(1, 1, "S,readonly=1"));
    assertThrows(UnsafeValueException.class, () -> c.setSerial(1, 1, "S\nx"));
  }

  @Test
  void pathsUsersAndSecretsAreCheckedToo() {
    assertThrows(
        UnsafeValueException.class, () -> render("S1", "/srv/a>\n<target x", "web", "secret"));
    assertThrows(UnsafeValueException.class, () -> render("S1", "/srv/f.img", "w;id", "secret"));
    UnsafeValueException e =
        assertThrows(
            UnsafeValueException.class, () -> render("S1", "/srv/f.img", "web", "s3c`id`"));
    assertTrue(!e.getMessage().contains("s3c"), e.getMessage());
    assertThrows(UnsafeValueException.class, () -> new TgtCommands(null).newPortal("1.2.3.4,x"));
  }
}
