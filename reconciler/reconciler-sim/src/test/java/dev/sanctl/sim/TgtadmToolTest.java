package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.sim.tgt.TgtadmTool;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated tgtadm against output captured from the real tgt 1.0.85 (fixtures/tgt). */
class TgtadmToolTest {
  static final Path CAPTURE = Path.of("../../fixtures/tgt/1.0.85/two-targets");

  @TempDir Path dir;
  SimCluster c;
  SimHost san1;

  @BeforeEach
  void init() throws Exception {
    c = TestClusters.amherstWithTgtOnSan1(dir.resolve("sim"));
    san1 = c.host("san1");
  }

  private CommandResult tgtadm(String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("tgtadm", "-C", "9", "--lld", "iscsi"));
    argv.addAll(List.of(args));
    return san1.run(new Command(argv, null, null, true, null));
  }

  private void ok(String... args) throws Exception {
    CommandResult r = tgtadm(args);
    assertEquals(0, r.exitStatus(), r.err());
    assertEquals("", r.out());
  }

  /** tgtadm's arguments creating target {@code tid} named {@code name}. */
  private static String[] newTarget(String tid, String name) {
    return new String[] {"--op", "new", "--mode", "target", "--tid", tid, "--targetname", name};
  }

  /**
   * tgtadm's arguments creating LUN {@code lun} of {@code tid} on {@code store}, then {@code more}.
   */
  private static String[] newLun(String tid, String lun, String store, String... more) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "--op",
                "new",
                "--mode",
                "logicalunit",
                "--tid",
                tid,
                "--lun",
                lun,
                "--backing-store",
                store));
    a.addAll(List.of(more));
    return a.toArray(String[]::new);
  }

  /** tgtadm's arguments admitting the initiator {@code iqn} to {@code tid}. */
  private static String[] bindInitiatorName(String tid, String iqn) {
    return new String[] {"--op", "bind", "--mode", "target", "--tid", tid, "--initiator-name", iqn};
  }

  @Test
  void reproducesTheCapturedShowOutputByteForByte() throws Exception {
    san1.run(Command.change("mkdir", "-p", "/tmp/tgtt"));
    san1.run(Command.change("truncate", "-s", "100M", "/tmp/tgtt/lun1.img"));
    san1.run(Command.change("truncate", "-s", "50M", "/tmp/tgtt/lun2.img"));
    ok(newTarget("1", "iqn.2024-01.edu.example:vol1"));
    ok(newLun("1", "1", "/tmp/tgtt/lun1.img"));
    ok(
        "--op",
        "update",
        "--mode",
        "logicalunit",
        "--tid",
        "1",
        "--lun",
        "1",
        "--params",
        "scsi_sn=SN0001,scsi_id=ID0001");
    ok("--op", "bind", "--mode", "target", "--tid", "1", "--initiator-address", "127.0.0.1");
    ok(bindInitiatorName("1", "iqn.1993-08.org.debian:01:abc"));
    ok("--op", "new", "--mode", "account", "--user", "alice", "--password", "secretsecret");
    ok("--op", "bind", "--mode", "account", "--tid", "1", "--user", "alice");
    ok("--op", "new", "--mode", "account", "--user", "bob", "--password", "secretsecret2");
    ok("--op", "bind", "--mode", "account", "--tid", "1", "--user", "bob", "--outgoing");
    ok(newTarget("2", "iqn.2024-01.edu.example:vol2"));
    ok(newLun("2", "1", "/tmp/tgtt/lun2.img"));
    ok("--op", "bind", "--mode", "target", "--tid", "2", "--initiator-address", "ALL");
    ok("--op", "new", "--mode", "portal", "--param", "portal=127.0.0.1:3279");
    c.onNode(
        "san1",
        n -> {
          TgtadmTool.addSession(
              n,
              "iqn.2024-01.edu.example:vol2",
              "iqn.1993-08.org.debian:01:perfclient",
              "127.0.0.1");
          TgtadmTool.addSession(
              n,
              "iqn.2024-01.edu.example:vol2",
              "iqn.1993-08.org.debian:01:perfclient",
              "127.0.0.1");
          return null;
        });
    assertEquals(
        Files.readString(CAPTURE.resolve("show-target.txt")),
        tgtadm("--op", "show", "--mode", "target").out());
    assertEquals(
        Files.readString(CAPTURE.resolve("show-portal.txt")),
        tgtadm("--op", "show", "--mode", "portal").out());
    assertEquals(
        Files.readString(CAPTURE.resolve("show-account.txt")),
        tgtadm("--op", "show", "--mode", "account").out());
  }

  @Test
  void isNotInstalledWhereTheTgtServiceDoesNotRun() throws Exception {
    CommandResult r =
        c.host("san2")
            .run(Command.read("tgtadm", "--lld", "iscsi", "--op", "show", "--mode", "target"));
    assertEquals(127, r.exitStatus());
  }

  @Test
  void answersWithTgtsErrorTable() throws Exception {
    ok(newTarget("1", "iqn.2024-01.edu.example:a"));
    CommandResult dup = tgtadm(newTarget("1", "iqn.2024-01.edu.example:b"));
    assertEquals(22, dup.exitStatus());
    assertEquals("tgtadm: this target already exists\n", dup.err());
    CommandResult missing = tgtadm(newLun("1", "1", "/nope.img"));
    assertEquals("tgtadm: invalid request\n", missing.err());
    CommandResult params = tgtadm(newLun("1", "1", "/x", "--params", "scsi_sn=1"));
    assertEquals("tgtadm: logicalunit mode: option '-P' is not allowed/supported\n", params.err());
    CommandResult noTarget = tgtadm("--op", "delete", "--mode", "target", "--tid", "7");
    assertEquals("tgtadm: can't find the target\n", noTarget.err());
    ok(bindInitiatorName("1", "iqn.1993-08.org.debian:01:x"));
    assertEquals(
        "tgtadm: this access control rule already exists\n",
        tgtadm(bindInitiatorName("1", "iqn.1993-08.org.debian:01:x")).err());
    c.onNode(
        "san1",
        n -> {
          TgtadmTool.addSession(
              n, "iqn.2024-01.edu.example:a", "iqn.1993-08.org.debian:01:x", "10.0.0.9");
          return null;
        });
    assertEquals(
        "tgtadm: this target is still active\n",
        tgtadm("--op", "delete", "--mode", "target", "--tid", "1").err());
    ok("--op", "delete", "--mode", "target", "--tid", "1", "--force");
  }

  /**
   * tgtd's tgt_target_create takes letters, digits, ':', '.' and '-' only (checked against the real
   * tgtd on this machine: "tgtadm: invalid request", exit 22, for an '_'); upper case and names
   * longer than 223 bytes pass.
   */
  @Test
  void aTargetNameWithCharactersTgtdRefusesIsAnInvalidRequest() throws Exception {
    CommandResult bad = tgtadm(newTarget("1", "iqn.2024-01.org.example:a_b"));
    assertEquals(22, bad.exitStatus());
    assertEquals("tgtadm: invalid request\n", bad.err());
    ok(newTarget("2", "IQN.2024-01.Org.Example:" + "x".repeat(300)));
  }

  @Test
  void optionsAreTgtadmsGetoptLongOptions() throws Exception {
    ok("--op", "new", "--mode", "portal", "-P", "portal=127.0.0.1:3260");
    ok("--op", "new", "--mode", "portal", "--params=portal=127.0.0.1:3261");
    ok("--op", "new", "--mode", "portal", "--param", "portal=127.0.0.1:3262");
    assertEquals(
        "Portal: 127.0.0.1:3260,1\nPortal: 127.0.0.1:3261,1\nPortal: 127.0.0.1:3262,1\n",
        tgtadm("--op", "show", "--mode", "portal").out(),
        "--param abbreviates --params, -P is its short form");
    CommandResult r = tgtadm("--op", "show", "--mode", "target", "--bogus=1");
    assertEquals(22, r.exitStatus());
    assertEquals("tgtadm: unrecognized option '--bogus=1'\n", r.err());
  }
}
