package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Volume names lvm2 refuses are refused by validate, where they are written. */
class LvmNameRulesTest {
  private static List<String> volumes(String vg, String volumes) {
    return Validated.errors(
        "volumeGroups:\n  " + vg + ":\n    nodes: [san-a]\n    volumes:\n" + volumes);
  }

  @Test
  void dotAndDotDotAreNoNames() {
    assertEquals(
        List.of(
            "c.yaml:10:7: volume name '.' is not a valid LVM name: '.' and '..' are not names (use"
                + " letters, digits, '.', '_', '-' and '+', not starting with '-')",
            "c.yaml:11:7: volume name '..' is not a valid LVM name: '.' and '..' are not names (use"
                + " letters, digits, '.', '_', '-' and '+', not starting with '-')"),
        volumes("vg_a", "      \".\": {size: 1G}\n      \"..\": {size: 1G}\n"));
  }

  @Test
  void reservedPrefixesAndComponentSuffixes() {
    assertEquals(
        List.of(
            "c.yaml:10:7: volume name 'snapshot1': lvm2 reserves names starting \"snapshot\" for"
                + " its own volumes (choose a different name)",
            "c.yaml:11:7: volume name 'data_tmeta': lvm2 reserves names including \"_tmeta\" for"
                + " its own volumes (choose a different name)"),
        volumes("vg_a", "      snapshot1: {size: 1G}\n      data_tmeta: {size: 1G}\n"));
  }

  @Test
  void aGroupNamedDotDot() {
    assertEquals(
        List.of(
            "c.yaml:7:3: volume group name '..' is not a valid LVM name: '.' and '..' are not names"
                + " (rename the volume group)"),
        volumes("\"..\"", "      lv: {size: 1G}\n"));
  }

  @Test
  void aNameThatDoesNotFitBesideItsGroup() {
    String vg = "v".repeat(60);
    String lv = "l".repeat(66);
    assertEquals(
        List.of(
            "c.yaml:10:7: volume name '"
                + lv
                + "' is too long for volume group '"
                + vg
                + "': lvm2 allows at most 65 characters (128 less the group name and 3) (choose a"
                + " shorter name)"),
        volumes(vg, "      " + lv + ": {size: 1G}\n      " + "l".repeat(65) + ": {size: 1G}\n"));
  }
}
