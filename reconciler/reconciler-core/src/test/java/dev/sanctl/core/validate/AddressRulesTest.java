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
}
