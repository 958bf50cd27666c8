package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Declarations that would give two planned changes one address are refused by validate. */
class AddressRulesTest {
  private static final String POOL = "pools:\n  tank:\n    nodes: [zfs-a]\n";

  @Test
  void aFilesystemAndAVolumeOfOneName() {
    assertEquals(
        List.of(
            "c.yaml:12:7: tank/x is declared both as a filesystem (c.yaml:10:7) and as a volume (a"
                + " dataset is one or the other: keep one of the two)"),
        Validated.errors(
            POOL + "    datasets:\n      tank/x: {}\n    volumes:\n      tank/x: {size: 1G}\n"));
  }

  @Test
  void twoComstarLogicalUnitsOfOneZvolAndTwoViewsForTheSameGroups() {
    assertEquals(
        List.of(
            "c.yaml:14:18: zvol tank/v as a logical unit is used twice (also at c.yaml:13:18)",
            "c.yaml:17:16: a view of logical unit tank/v for host group All and target group All"
                + " is used twice (also at c.yaml:16:16)"),
        Validated.errors(
            POOL
                + "    volumes:\n"
                + "      tank/v: {size: 1G}\n"
                + "    comstar:\n"
                + "      logicalUnits:\n"
                + "        - {zvol: tank/v, guid: 600144F0000000000000000000000001}\n"
                + "        - {zvol: tank/v, guid: 600144F0000000000000000000000002}\n"
                + "      views:\n"
                + "        - {lu: tank/v, lun: 0}\n"
                + "        - {lu: tank/v, lun: 1}\n"));
  }

  @Test
  void twoPoolsOfOneNodeDeclaringOneComstarTpg() {
    assertEquals(
        List.of(
            "c.yaml:13:22: COMSTAR TPG 'tpg1' is also declared by pool 'tank' (c.yaml:10:14), which"
                + " can be imported on the same node; COMSTAR TPGs belong to the node, not to a"
                + " pool (declare it in one pool only, or give each its own name)"),
        Validated.errors(
            POOL
                + "    comstar:\n"
                + "      tpgs: {tpg1: [10.0.0.1]}\n"
                + "  tank2:\n"
                + "    nodes: [zfs-a]\n"
                + "    comstar: {tpgs: {tpg1: [10.0.0.2]}}\n"));
  }
}
