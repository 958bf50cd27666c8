package dev.sanctl.sim.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** A device path names an LV exactly when it is the path lvm renders for it, in either form. */
class LvDevicePathTest {
  @Test
  void bothFormsNameTheVolumeAndDashesRoundTrip() {
    for (String[] n :
        new String[][] {{"vg0", "vol1"}, {"my-vg", "my--lv"}, {"a-", "b"}, {"vg_san1", "lv-"}}) {
      LvDevicePath want = new LvDevicePath(n[0], n[1]);
      assertEquals(want, LvDevicePath.parse(Lvm.lvPath(n[0], n[1])));
      assertEquals(want, LvDevicePath.parse(Lvm.dmPath(n[0], n[1])));
    }
  }

  @Test
  void otherPathsNameNoVolume() {
    assertNull(LvDevicePath.parse("/dev/sda"));
    assertNull(LvDevicePath.parse("/dev/mapper/vg0"));
    assertNull(LvDevicePath.parse("/dev/mapper/control"));
    assertNull(LvDevicePath.parse("/dev/vg0/"));
    assertNull(LvDevicePath.parse("/srv/vg0/vol1"));
  }
}
