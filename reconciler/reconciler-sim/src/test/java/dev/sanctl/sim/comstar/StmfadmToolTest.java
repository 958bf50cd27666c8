package dev.sanctl.sim.comstar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** stmfadm, sbdadm and itadm of the simulator against the captured formats. */
class StmfadmToolTest {
  static final String GUID = "600144F721DCA2888BA402E411EE3AF1";
  static final String DEV = "/dev/zvol/rdsk/pool1/vm-109-disk-1";
  @TempDir Path dir;
  Host head;

  static DesiredState state() {
    return TestClusters.state(
        Map.of("head1", TestClusters.nodeOn("head1", "head1", "illumos", "zfs", "comstar")),
        Map.of(),
        Map.of("pool1", TestClusters.pool("pool1", "head1")));
  }

  @BeforeEach
  void init() throws Exception {
    head = SimCluster.init(dir, state(), 1L << 30).host("head1");
    assertTrue(run("zfs", "create", "-s", "-V", "6G", "pool1/vm-109-disk-1").ok());
  }

  private CommandResult run(String... argv) throws Exception {
    return head.run(Command.change(argv));
  }

  private static String fixture(String name) throws Exception {
    return Files.readString(Path.of("../../fixtures/comstar").resolve(name));
  }

  @Test
  void listingsMatchTheOmniosCapturesByteForByte() throws Exception {
    CommandResult created = run("stmfadm", "create-lu", "-p", "guid=" + GUID.toLowerCase(), DEV);
    assertEquals("Logical unit created: " + GUID + "\n", created.out());
    assertTrue(run("stmfadm", "add-view", GUID).ok());
    assertEquals(fixture("omnios-stmfadm-list-lu-v.txt"), run("stmfadm", "list-lu", "-v").out());
    assertEquals(fixture("omnios-sbdadm-list-lu.txt"), run("sbdadm", "list-lu").out());
    assertEquals(
        "View Entry: 0\n    Host group   : All\n    Target group : All\n"
            + "    LUN          : 0\n",
        run("stmfadm", "list-view", "-l", GUID).out());
    CommandResult again = run("stmfadm", "create-lu", "-p", "guid=" + GUID, DEV);
    assertEquals("stmfadm: filename " + DEV + ": in use\n", again.err());
    assertEquals(1, again.exitStatus());
  }

  @Test
  void viewsGroupsAndTheirErrors() throws Exception {
    run("stmfadm", "create-lu", "-p", "guid=" + GUID, DEV);
    assertTrue(run("stmfadm", "create-hg", "esx-cluster").ok());
    assertTrue(
        run(
                "stmfadm",
                "add-hg-member",
                "-g",
                "esx-cluster",
                "IQN.1998-01.com.vmware:esx01-6a1b2c3d",
                "wwn.2100001b32a1b2c3")
            .ok());
    assertEquals(
        "Host Group: esx-cluster\n\tMember: iqn.1998-01.com.vmware:esx01-6a1b2c3d\n"
            + "\tMember: wwn.2100001B32A1B2C3\n",
        run("stmfadm", "list-hg", "-v").out());
    assertEquals(
        "stmfadm: invalid host group\n", run("stmfadm", "add-view", "-h", "nope", GUID).err());
    assertTrue(run("stmfadm", "add-view", "-h", "esx-cluster", "-n", "3", GUID).ok());
    assertEquals(
        "View Entry: 0\n    Host group   : esx-cluster\n    Target group : All\n"
            + "    LUN          : 3\n",
        run("stmfadm", "list-view", "-l", GUID).out());
    assertEquals(
        "stmfadm: esx-cluster: group is in use by existing view entry\n",
        run("stmfadm", "delete-hg", "esx-cluster").err());
    assertTrue(run("stmfadm", "remove-view", "-l", GUID, "0").ok());
    CommandResult none = run("stmfadm", "list-view", "-l", GUID);
    assertEquals("stmfadm: " + GUID.toLowerCase() + ": no views found\n", none.err());
    assertEquals(1, none.exitStatus());
    assertEquals("stmfadm: nope: not found\n", run("stmfadm", "list-hg", "nope").err());
  }

  @Test
  void itadmTargetsAndPortalGroups() throws Exception {
    assertTrue(run("itadm", "create-tpg", "tpg1", "192.168.10.5", "192.168.11.5").ok());
    String iqn = "iqn.2010-08.org.illumos:02:e2a1c2b4-0f6e-4a5e-9d1c-8c0a5f0b1a22";
    assertEquals(
        "Target " + iqn + " successfully created\n",
        run("itadm", "create-target", "-n", "iqn." + iqn.substring(4).toUpperCase(), "-t", "tpg1")
            .out());
    assertEquals(
        "TARGET NAME                                                  STATE    SESSIONS \n"
            + iqn
            + "\tonline   0        \n"
            + "\talias:              \t-\n"
            + "\tauth:               \tnone (defaults)\n"
            + "\ttargetchapuser:     \t-\n"
            + "\ttargetchapsecret:   \tunset\n"
            + "\ttpg-tags:           \ttpg1 = 2\n",
        run("itadm", "list-target", "-v").out());
    assertEquals(
        "TARGET PORTAL GROUP           PORTAL COUNT\n"
            + "tpg1                          2        \n"
            + "    portals:\t192.168.10.5:3260,192.168.11.5:3260\n",
        run("itadm", "list-tpg", "-v").out());
    CommandResult busy = run("itadm", "delete-tpg", "tpg1");
    assertEquals(
        "Target portal group associated with one or more targets.  Cannot delete.\n"
            + "itadm delete-tpg failed with error 1\n",
        busy.err());
  }

  /**
   * itadm create-target: a name without the exact prefix "iqn." or "eui." is an "Invalid name"
   * (EINVAL), one libiscsit's validate_iscsi_name refuses an "Invalid iSCSI name" (EFAULT), each
   * with "itadm create-target failed with error N" and N as exit status (itadm.c).
   */
  @Test
  void itadmRefusesTheNamesIllumosRefuses() throws Exception {
    CommandResult prefix = run("itadm", "create-target", "-n", "IQN.2010-08.org.illumos:x");
    assertEquals(22, prefix.exitStatus());
    assertEquals(
        "Invalid name IQN.2010-08.org.illumos:x\nitadm create-target failed with error 22\n",
        prefix.err());
    for (String bad :
        List.of(
            "iqn.2010-08.org.illumos:stmf-ha:target_01",
            "iqn.2010-13.org.illumos:x",
            "iqn.2010-08.org.illumos:" + "x".repeat(200),
            "eui.0123456789ABCDEG")) {
      CommandResult r = run("itadm", "create-target", "-n", bad);
      assertEquals(14, r.exitStatus(), bad);
      assertEquals(
          "Invalid iSCSI name " + bad + "\nitadm create-target failed with error 14\n",
          r.err(),
          bad);
    }
    assertTrue(run("itadm", "create-target", "-n", "iqn.2010-08.org.illumos:stmf-ha:t-1").ok());
  }

  @Test
  void optionsAreReadByGetoptAttachedValuesAndUndeclaredLettersRefused() throws Exception {
    assertTrue(run("stmfadm", "create-lu", "-pguid=" + GUID, DEV).ok());
    assertTrue(run("stmfadm", "list-lu", "-v").out().contains("LU Name: " + GUID));
    CommandResult unknown = run("stmfadm", "list-lu", "-x");
    assertEquals(1, unknown.exitStatus());
    assertEquals("stmfadm: invalid option -- 'x'\n", unknown.err());
    CommandResult missing = run("itadm", "create-target", "-n");
    assertEquals(1, missing.exitStatus());
    assertEquals("itadm: option requires an argument -- 'n'\n", missing.err());
  }
}
