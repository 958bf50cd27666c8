package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Mount points and directories that are system directories, or that two groups or filesystems on
 * one node share, are refused by validate (they used to fail at plan with "two changes share the
 * address").
 */
class MountRulesTest {
  private static String group(String name, String nodes, String mountPoint) {
    return "  "
        + name
        + ":\n    nodes: "
        + nodes
        + "\n    metaVolume: {name: lv_meta, size: 1G, mountPoint: "
        + mountPoint
        + "}\n";
  }

  @Test
  void aMetaVolumeMountedOnEtcIsRefused() {
    assertEquals(
        List.of(
            "c.yaml:9:55: the mount point of the meta volume of volume group 'vg_a' is the system"
                + " directory /etc, which belongs to the operating system (use a directory of its"
                + " own, e.g. /srv/sanctl/<name> or /mnt/<name>)"),
        Validated.errors("volumeGroups:\n" + group("vg_a", "[san-a]", "/etc/")));
  }

  @Test
  void insideEtcIsRefusedToo() {
    assertEquals(
        List.of(
            "c.yaml:9:55: the mount point of the meta volume of volume group 'vg_a' is /etc/iet,"
                + " inside /etc, which belongs to the operating system (use a directory of its"
                + " own, e.g. /srv/sanctl/<name> or /mnt/<name>)"),
        Validated.errors("volumeGroups:\n" + group("vg_a", "[san-a]", "/mnt/../etc/iet")));
  }

  @Test
  void twoGroupsOfOneNodeWithOneMountPointWrittenDifferently() {
    assertEquals(
        List.of(
            "c.yaml:12:55: the mount point of the meta volume of volume group 'vg_b' /mnt/meta is"
                + " also the mount point of the meta volume of volume group 'vg_a' (c.yaml:9:55)"
                + " (give each its own directory)"),
        Validated.errors(
            "volumeGroups:\n"
                + group("vg_a", "[san-a]", "/mnt/meta")
                + group("vg_b", "[san-a]", "/mnt//meta/")));
  }

  @Test
  void groupsThatNeverShareANodeMayUseOneMountPoint() {
    assertEquals(
        List.of(),
        Validated.errors(
            "volumeGroups:\n"
                + group("vg_a", "[san-a]", "/mnt/meta")
                + group("vg_b", "[zfs-a]", "/mnt/meta")));
  }

  @Test
  void aFilesGroupInsideAMetaMountPoint() {
    assertEquals(
        List.of(
            "c.yaml:13:11: the path of files group 'vg_f' /mnt/meta/files lies inside the mount"
                + " point of the meta volume of volume group 'vg_a' /mnt/meta (c.yaml:9:55); one"
                + " would hide or overwrite the other (give each a directory of its own, outside"
                + " the other)"),
        Validated.errors(
            "volumeGroups:\n"
                + group("vg_a", "[san-a]", "/mnt/meta")
                + "  vg_f:\n"
                + "    type: files\n"
                + "    nodes: [san-a]\n"
                + "    path: /mnt/meta/files\n"));
  }

  @Test
  void zfsMountpointsSharedExplicitlyOrByInheritanceAndOnASystemDirectory() {
    assertEquals(
        List.of(
            "c.yaml:11:41: the mountpoint of filesystem tank/b /srv/a/x is also the mountpoint of"
                + " filesystem tank/a/x (inherited from tank/a) (c.yaml:10:41) (give each its own"
                + " directory)",
            "c.yaml:13:41: the mountpoint of filesystem tank/c is the system directory /var, which"
                + " belongs to the operating system (use a directory of its own, e.g."
                + " /srv/sanctl/<name> or /mnt/<name>)"),
        Validated.errors(
            "pools:\n"
                + "  tank:\n"
                + "    nodes: [zfs-a]\n"
                + "    datasets:\n"
                + "      tank/a: {properties: {mountpoint: /srv/a}}\n"
                + "      tank/b: {properties: {mountpoint: /srv/a/x}}\n"
                + "      tank/a/x: {}\n"
                + "      tank/c: {properties: {mountpoint: /var}}\n"));
  }
}
