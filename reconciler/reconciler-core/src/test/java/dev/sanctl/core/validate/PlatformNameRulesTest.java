package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Names valid for the platform that receives them: stmf-ha names become bash variables and IQNs
 * itadm checks, ZFS names and the snapshot names derived from them follow zfs_namecheck.c.
 */
class PlatformNameRulesTest {
  private static final String POOL = "pools:\n  tank:\n    nodes: [zfs-a]\n";

  @Test
  void stmfHaTargetNamesWithUnderscoreOrDashAndGroupsWithDash() {
    assertEquals(
        List.of(
            "c.yaml:11:17: stmf-ha target name 'target_01' cannot be used: its IQN"
                + " iqn.2010-08.org.illumos:stmf-ha:target_01 is not one itadm accepts (letters,"
                + " digits, '-', '.', ':' only, at most 223 characters) (use letters and digits"
                + " only, starting with a letter)",
            "c.yaml:11:41: stmf-ha target name 't-2' cannot be used: it prefixes bash variables"
                + " (t-2_type, ...), which take letters, digits and '_' only, not starting with a"
                + " digit (use letters and digits only, starting with a letter)",
            "c.yaml:12:20: stmf-ha name 'hg-1' cannot be used: it prefixes bash variables"
                + " (hg-1_members, ...), which take letters, digits and '_' only, not starting with"
                + " a digit (use letters, digits and '_' only, starting with a letter)"),
        Validated.errors(
            POOL
                + "    stmfHa:\n"
                + "      targetPortalGroups: {tpg1: [10.0.0.1]}\n"
                + "      targets: {target_01: {tpg: tpg1}, t-2: {tpg: tpg1}, t3: {tpg: tpg1}}\n"
                + "      hostGroups: {hg-1: [iqn.1994-05.com.redhat:web01]}\n"));
  }

  @Test
  void zfsComponentsDotAndDotDot() {
    assertEquals(
        List.of(
            "c.yaml:10:7: volume name 'tank/..' is not a valid ZFS name: it has a component '..'"
                + " (a parent reference)",
            "c.yaml:11:7: volume name 'tank/./v' is not a valid ZFS name: it has a component '.'"
                + " (a self reference)"),
        Validated.errors(
            POOL + "    volumes:\n      tank/..: {size: 1G}\n      tank/./v: {size: 1G}\n"));
  }

  @Test
  void aScheduledZvolWhoseSnapshotNamesWouldBeTooLong() {
    String name = "tank/" + "v".repeat(231);
    assertEquals(
        List.of(
            "c.yaml:10:7: the snapshots of volume "
                + name
                + " ("
                + name
                + "@yyyy-MM-dd_HH.mm.ss) would be longer than the 255 characters zfs allows"
                + " (shorten the name to at most 235 characters)"),
        Validated.errors(
            POOL
                + "    volumes:\n      "
                + name
                + ": {size: 1G, snapshotSchedule: S}\n      "
                + name.substring(0, 235)
                + ": {size: 1G, snapshotSchedule: S}\n"
                + "snapshotSchedules:\n  S: {rules: [{name: D, freq: daily, n: 7}]}\n"));
  }

  @Test
  void aComstarTargetIqnWithMonth13() {
    assertEquals(
        List.of(
            "c.yaml:10:27: COMSTAR target IQN iqn.2024-13.org.example:t1 is not one itadm accepts"
                + " (iqn.YYYY-MM.reversed.domain[:suffix] with a month from 01 to 12, at most 223"
                + " characters)"),
        Validated.errors(
            POOL + "    comstar:\n      targets: {t1: {iqn: iqn.2024-13.org.example:t1}}\n"));
  }
}
