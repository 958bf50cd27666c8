package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Size- and identity-like ZFS properties are refused under properties:, where they are written. */
class ZfsPropertyRulesTest {
  private static List<String> zvolProperties(String properties) {
    return Validated.errors(
        "pools:\n"
            + "  tank:\n"
            + "    nodes: [zfs-a]\n"
            + "    volumes:\n"
            + "      tank/vol1: {size: 10G, properties: "
            + properties
            + "}\n");
  }

  @Test
  void volsizeOfAZvolIsRefusedWithTheSizeFieldAsFix() {
    assertEquals(
        List.of(
            "c.yaml:10:43: volsize is the size of a volume; under properties it would be set as"
                + " written (a smaller value shrinks the volume and loses the data past the new"
                + " end) (use size: (grown, never shrunk))"),
        zvolProperties("{volsize: 1G}"));
  }

  @Test
  void volsizeInVolumeDefaultsIsRefusedThere() {
    assertEquals(
        List.of(
            "c.yaml:9:35: volsize is the size of a volume; under properties it would be set as"
                + " written (a smaller value shrinks the volume and loses the data past the new"
                + " end) (use size: (grown, never shrunk))"),
        Validated.errors(
            "pools:\n"
                + "  tank:\n"
                + "    nodes: [zfs-a]\n"
                + "    volumeDefaults: {properties: {volsize: 1G, compression: lz4}}\n"));
  }

  @Test
  void blockSizeScheduleReadOnlyEncryptionAndFilesystemOnlyPropertiesOfAZvol() {
    assertEquals(
        List.of(
            "c.yaml:10:43: volblocksize is fixed when a volume is created (use blockSize:)",
            "c.yaml:10:61: sanctl:snaprotate_schedule is the property sanctl writes for"
                + " snapshotSchedule (use snapshotSchedule:)",
            "c.yaml:10:92: 'guid' is a read-only ZFS property (remove it)",
            "c.yaml:10:101: 'encryption' needs an encryption key when the dataset is created;"
                + " sanctl handles no ZFS keys (create an encrypted parent filesystem by hand"
                + " (its children inherit encryption))",
            "c.yaml:10:119: 'refquota' does not apply to volumes (zfs set refuses it) (a volume's"
                + " size is its limit: use size:)"),
        zvolProperties(
            "{volblocksize: 8K, sanctl:snaprotate_schedule: S, guid: 1, encryption: \"on\","
                + " refquota: 1G, refreservation: none}"));
  }

  @Test
  void filesystemsMayHaveQuotasButNoVolsize() {
    assertEquals(
        List.of(
            "c.yaml:10:41: volsize is the size of a volume; under properties it would be set"
                + " as written (a smaller value shrinks the volume and loses the data past the new"
                + " end) (remove it: filesystems have no volsize)"),
        Validated.errors(
            "pools:\n"
                + "  tank:\n"
                + "    nodes: [zfs-a]\n"
                + "    datasets:\n"
                + "      tank/fs: {properties: {quota: 1G, volsize: 1G, mountpoint: /tank/fs}}\n"));
  }
}
