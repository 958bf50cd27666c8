package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.model.VolumeRef;
import dev.sanctl.spi.values.UnsafeValueException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Issue #14: the IET renderer and ietadm commands refuse what validation would have refused. */
class IetInjectionTest {
  static DesiredTarget.LunSpec lun(String path, String serial) {
    return new DesiredTarget.LunSpec(0, VolumeRef.parse("vg/lv"), path, "blockio", serial);
  }

  @Test
  void aSerialCannotMakeTheTargetServeAnotherVolume() {
    DesiredTarget.LunSpec l = lun("/dev/vg/lv", "S,Path=/dev/v/db");
    UnsafeValueException e = assertThrows(UnsafeValueException.class, l::params);
    assertTrue(e.getMessage().contains("serial 'S,Path=/dev/v/db' contains ','"), e.getMessage());
    assertThrows(UnsafeValueException.class, () -> IetCommands.newLun(1, l));
    assertEquals(
        "Path=/dev/vg/lv,Type=blockio,ScsiId=S1,ScsiSN=S1", lun("/dev/vg/lv", "S1").params());
  }

  @Test
  void aPathCannotAddLunParameters() {
    assertThrows(UnsafeValueException.class, () -> lun("/srv/a,Type=nullio", null).params());
    assertThrows(UnsafeValueException.class, () -> lun("/srv/a b", null).params());
  }

  @Test
  void aGlobalOptionCannotInjectAStanza() {
    for (String v : new String[] {"No\nTarget iqn.2001-04.com.evil:t", "No\u2028x", "No\rx"}) {
      assertThrows(
          UnsafeValueException.class,
          () -> IetConfigRenderer.globals(Map.of("iSNSAccessControl", v)),
          v);
    }
    assertThrows(
        UnsafeValueException.class,
        () -> IetConfigRenderer.globals(Map.of("Target", "iqn.2001-04.com.evil:t")));
    assertEquals(
        "iSNSAccessControl No\n", IetConfigRenderer.globals(Map.of("iSNSAccessControl", "No")));
  }

  @Test
  void chapAccountsCannotAddParameters() {
    assertThrows(
        UnsafeValueException.class,
        () -> IetCommands.newUser(1, "IncomingUser", "u,Password=x", "secret123456"));
    UnsafeValueException e =
        assertThrows(
            UnsafeValueException.class,
            () -> IetCommands.newUser(1, "IncomingUser", "u", "s3cret,MaxConnections=9"));
    assertTrue(!e.getMessage().contains("s3cret"), "a secret is never shown: " + e.getMessage());
  }
}
