package dev.sanctl.spi.provider;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.util.List;
import org.junit.jupiter.api.Test;

class ResourceAddressTest {

  @Test
  void rendersNodeProviderKindAndNameLeavingOutWhatIsAbsent() {
    assertEquals(
        "node1/lvm.volume/vg_dsk_0/lv_a",
        ResourceAddress.of("node1", "lvm", "volume", "vg_dsk_0/lv_a").toString());
    assertEquals("zfs.pool/tank", ResourceAddress.cluster("zfs", "pool", "tank").toString());
    assertEquals("node1/tgt.portal", ResourceAddress.of("node1", "tgt", "portal", null).toString());
    assertEquals("iet.values", ResourceAddress.cluster("iet", "values", null).toString());
  }

  @Test
  void aVolumeIsAddressedByTheProviderOfItsGroupsType() {
    VolumeRef ref = new VolumeRef("vg", "lv");
    assertEquals(
        "n1/lvm.volume/vg/lv", ResourceAddress.volume("n1", VolumeGroup.Type.LVM, ref).toString());
    assertEquals(
        "n1/files.volume/vg/lv",
        ResourceAddress.volume("n1", VolumeGroup.Type.FILES, ref).toString());
    assertEquals("n1/zfs.volume/tank/v", ResourceAddress.zfsVolume("n1", "tank/v").toString());
    assertEquals(
        "n1/zfs.filesystem/tank/fs", ResourceAddress.zfsFilesystem("n1", "tank/fs").toString());
  }

  @Test
  void partsThatWouldMakeTheRenderingAmbiguousAreRefused() {
    assertThrows(
        IllegalArgumentException.class, () -> ResourceAddress.of("a/b", "lvm", "volume", "x"));
    assertThrows(
        IllegalArgumentException.class, () -> ResourceAddress.of("n", "l.vm", "volume", "x"));
    assertThrows(
        IllegalArgumentException.class, () -> ResourceAddress.of("n", "lvm", "vol/ume", "x"));
  }

  @Test
  void aChangeKeepsItsAddressPartsOnceAndRendersThem() {
    Change c =
        new Change(
            ResourceAddress.of("n1", "lvm", "volume", "vg/lv"),
            Action.CREATE,
            Impact.NONE,
            "not present on node",
            List.of(),
            List.of(),
            List.of(),
            List.of(ResourceAddress.of("n1", "files", "directory", "vg")));
    assertEquals("n1/lvm.volume/vg/lv", c.address());
    assertEquals("n1", c.node());
    assertEquals("lvm", c.provider());
    assertEquals("volume", c.kind());
    assertEquals("vg/lv", c.name());
    assertEquals(List.of("n1/files.directory/vg"), c.dependsOnAddresses());
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new Change(
                ResourceAddress.cluster("zfs", "pool", "tank"),
                Action.CREATE,
                Impact.NONE,
                null,
                List.of(),
                List.of(),
                List.of(),
                List.of()));
  }

  @Test
  void findingFactoriesReportOnTheNodeOfTheirAddress() {
    ResourceAddress at = ResourceAddress.of("n1", "zfs", "volume", "tank/v");
    Finding f = Finding.error(at, "volume tank/v would shrink", "grow it instead", null);
    assertEquals(Finding.Kind.ERROR, f.kind());
    assertEquals("n1", f.node());
    assertEquals("n1/zfs.volume/tank/v", f.address());
    assertEquals(Finding.Kind.WARNING, Finding.warning(at, "m", null, null).kind());
    assertEquals(Finding.Kind.UNMANAGED, Finding.unmanaged(at, "m", null, null).kind());
    assertEquals(Finding.Kind.DRIFT, Finding.drift(at, "m", null, null).kind());
    Finding pool =
        Finding.warning(ResourceAddress.cluster("zfs", "pool", "tank"), "m", null, null).on("n2");
    assertEquals("n2", pool.node());
    assertEquals("zfs.pool/tank", pool.address());
  }

  @Test
  void worstImpactIsTheLaterInItsOrder() {
    assertEquals(Impact.BREAKING, Impact.worst(Impact.BREAKING, Impact.DISRUPTIVE));
    assertEquals(Impact.DESTRUCTIVE, Impact.worst(Impact.NONE, Impact.DESTRUCTIVE));
    assertEquals(Impact.NONE, Impact.worst(Impact.NONE, Impact.NONE));
  }
}
