package dev.sanctl.spi.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.values.UnsafeValueException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ZfsClientTest {
  @Test
  void aVolumeIsCreatedWithSizeFirstThenSparseBlockSizeAndPropertiesInTheMapsOrder() {
    Map<String, String> props = new LinkedHashMap<>();
    props.put("compression", "on");
    props.put("org.example:snaprotate_schedule", "DAILY");
    Command c = ZfsCommands.createVolume("tank/vm/a", 1073741824L, true, 8192L, props);
    assertEquals(
        List.of(
            "zfs",
            "create",
            "-V",
            "1073741824",
            "-s",
            "-b",
            "8192",
            "-o",
            "compression=on",
            "-o",
            "org.example:snaprotate_schedule=DAILY",
            "tank/vm/a"),
        c.argv());
    assertTrue(c.mutating());
  }

  @Test
  void aPropertyValueThatZfsGetCannotPrintBackIsRefusedBeforeItReachesArgv() {
    UnsafeValueException e =
        assertThrows(
            UnsafeValueException.class,
            () -> ZfsCommands.set("org.example:owner", "a\nb", "tank/vm"));
    assertTrue(e.getMessage().contains("tank/vm org.example:owner"), e.getMessage());
  }

  @Test
  void readsAreNotMutatingAndKeepTheirOptionOrder() {
    Command get = ZfsCommands.get("name,property,value", "volsize", List.of("a/b", "a/c"));
    assertEquals(
        List.of("zfs", "get", "-H", "-p", "-o", "name,property,value", "volsize", "a/b", "a/c"),
        get.argv());
    assertFalse(get.mutating());
    Command list =
        ZfsCommands.list(true, "snapshot", 1, "createtxg", "name,guid", false, List.of("a/b"));
    assertEquals(
        List.of(
            "zfs",
            "list",
            "-H",
            "-p",
            "-t",
            "snapshot",
            "-d",
            "1",
            "-s",
            "createtxg",
            "-o",
            "name,guid",
            "a/b"),
        list.argv());
  }

  @Test
  void propertiesAndSnapshotNamesAreReadFromTabSeparatedOutput() {
    Map<String, Map<String, String>> p =
        ZfsOutput.properties(
            "a/b\tvolsize\t1024\na/b\ttype\tvolume\nbroken line\n\na/c\ttype\t-\n");
    assertEquals(Map.of("volsize", "1024", "type", "volume"), p.get("a/b"));
    assertNull(ZfsOutput.unset(p.get("a/c").get("type")));
    Map<String, List<String>> snaps =
        ZfsOutput.snapshotNames("a/b@s1\na/bb@x\na/b@s2\nother@y\n", List.of("a/b", "a/z"));
    assertEquals(List.of("s1", "s2"), snaps.get("a/b"));
    assertEquals(List.of(), snaps.get("a/z"));
    assertTrue(ZfsOutput.missingDataset("cannot open 'a/q': dataset does not exist"));
    assertEquals("/dev/zvol/rdsk/a/b", ZfsOutput.devicePath("illumos", "a/b"));
    assertEquals("/dev/zvol/a/b", ZfsOutput.devicePath("linux", "a/b"));
  }
}
