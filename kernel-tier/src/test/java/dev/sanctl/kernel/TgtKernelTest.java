package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.providers.tgt.TgtShowParser;
import dev.sanctl.providers.tgt.TgtTarget;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The tgt provider against a real {@code tgtd} in a guest, through the CLI over SSH: sanctl creates
 * the LVs (lvm) and the targets, LUNs, serials and ACLs (tgt); the initiators are open-iscsi in the
 * guest (the kernel's iSCSI initiator: discovery, login, {@code /dev/sdX}, VPD page 0x80 from
 * sysfs, data read through iSCSI) and libiscsi on the host through the forwarded iSCSI port. A
 * restarted tgtd ({@code tgt-admin -e} of the persisted file, as the tgt service does) restores
 * exactly the applied ACLs. dm-multipath (tag {@code multipath}) assembles one map per target over
 * the two portals the portal group declares (127.0.0.1 and 10.0.2.15), both paths active.
 */
@Tag("tgt")
@ExtendWith(GuestLogsExtension.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TgtKernelTest {
  static final Path WORK = Path.of("target", "kernel-tier", "TgtKernelTest").toAbsolutePath();
  static final String PREFIX = "iqn.2026-12.dev.sanctl:kt";
  static final String IQN_A = PREFIX + ".pg1.vg0.lun-a";
  static final String IQN_B = PREFIX + ".pg1.vg0.lun-b";
  static final String HOST_IQN = "iqn.2007-10.com.github:sahlberg:libiscsi:kt-host";
  static final String UNLISTED = "iqn.2026-12.dev.sanctl:kt-unlisted";
  static final long MIB = 1L << 20;

  static Guest guest;
  static Path config;
  static String guestIqn;
  static boolean applied;

  @BeforeAll
  static void bootGuestWithTgtd() throws Exception {
    DebianKernel.deleteTree(WORK);
    guest =
        Guest.boot(
            GuestSpec.builder("tgt1")
                .disk(GuestDisk.of(WORK.resolve("vda.img"), 1L << 30))
                .forwardPort(3260)
                .build(),
            WORK.resolve("tgt1"));
    // the volume group is infrastructure (made once by the installer); sanctl manages its LVs
    guest.check("pvcreate", "-y", "/dev/vda");
    guest.check("vgcreate", "vg0", "/dev/vda");
    startTgtd();
    guestIqn =
        guest.check("sed", "-n", "s/^InitiatorName=//p", "/etc/iscsi/initiatorname.iscsi").strip();
    config = Files.createDirectories(WORK.resolve("config"));
    Files.writeString(
        config.resolve("cluster.yaml"),
        """
        apiVersion: sanctl/v1
        cluster: {name: kt, iqnPrefix: "%s"}
        transport: {connectTimeout: 60s, commandTimeout: 180s}
        nodes:
        %svolumeGroups:
          vg0:
            nodes: [tgt1]
            volumes:
              lun_a: {size: 64M}
              lun_b: {size: 32M}
        portalGroups:
          pg1: {port: 3260, portals: {tgt1: [127.0.0.1, 10.0.2.15]}}
        initiatorGroups:
          ig_guest: ["%s"]
          ig_host: ["%s"]
        targets:
          - {volume: vg0/lun_a, serial: KT-LUN-A-0001, portalGroup: pg1, initiators: [ig_guest, ig_host]}
          - {volume: vg0/lun_b, serial: KT-LUN-B-0002, portalGroup: pg1, initiators: [ig_guest]}
        """
            .formatted(PREFIX, SanctlCli.node("tgt1", guest, "lvm, tgt"), guestIqn, HOST_IQN));
    SanctlCli.knownHosts(config, guest);
  }

  /** tgtd on the loopback portal only; sanctl adds the portal group's second portal. */
  static void startTgtd() {
    guest.check(
        "sh",
        "-c",
        "mkdir -p /var/run/tgtd /etc/tgt/conf.d && tgtd --iscsi portal=127.0.0.1:3260"
            + " && for i in $(seq 1 60); do tgtadm --op show --mode sys >/dev/null 2>&1 && exit 0;"
            + " sleep 0.5; done; exit 1");
  }

  @AfterAll
  static void close() {
    if (guest != null) guest.close();
  }

  /** Applies the config once (also when a later test runs alone, e.g. {@code --only multipath}). */
  static synchronized void applyOnce() {
    if (applied) return;
    SanctlCli apply = SanctlCli.run(config, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply::toString);
    applied = true;
  }

  @Test
  @Order(1)
  void appliesLvsTargetsSerialsAndAclsThenReplansEmpty() throws Exception {
    SanctlCli validate = SanctlCli.run(config, "validate");
    assertEquals(0, validate.exitCode(), validate::toString);
    SanctlCli plan = SanctlCli.run(config, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("Plan: 6 to add, 0 to change, 0 to destroy."), plan::toString);
    applyOnce();
    SanctlCli replan = SanctlCli.run(config, "plan", "--detailed-exitcode");
    assertEquals(0, replan.exitCode(), replan::toString);
    SanctlCli drift = SanctlCli.run(config, "drift");
    assertEquals(0, drift.exitCode(), drift::toString);

    Map<String, List<String>> acls = acls();
    assertEquals(
        Map.of(
            IQN_A, List.of("255.255.255.255", guestIqn, HOST_IQN),
            IQN_B, List.of("255.255.255.255", guestIqn)),
        acls);
    assertTrue(guest.check("lvs", "--noheadings", "-o", "lv_name", "vg0").contains("lun_a"));
    assertEquals(
        List.of("Portal: 10.0.2.15:3260,1", "Portal: 127.0.0.1:3260,1"),
        guest
            .check("tgtadm", "--lld", "iscsi", "--op", "show", "--mode", "portal")
            .lines()
            .sorted()
            .toList());
  }

  @Test
  @Order(2)
  void openIscsiInTheGuestReadsTheSerialAndTheDataOfTheLv() throws Exception {
    applyOnce();
    // known data on the LV, written on the target side
    guest.check(
        "dd",
        "if=/dev/urandom",
        "of=/dev/vg0/lun_a",
        "bs=1M",
        "count=4",
        "oflag=direct",
        "status=none");
    startIscsid();
    guest.check("iscsiadm", "-m", "discovery", "-t", "sendtargets", "-p", "127.0.0.1:3260");
    guest.check("iscsiadm", "-m", "node", "-T", IQN_A, "-p", "127.0.0.1:3260", "--login");
    String dev = disk("127.0.0.1", IQN_A);
    assertEquals("KT-LUN-A-0001", vpdSerial(dev));
    assertEquals(Long.toString(64 * MIB), guest.check("blockdev", "--getsize64", dev).strip());
    GuestResult same =
        guest.exec(
            "bash",
            "-c",
            "cmp <(dd if="
                + dev
                + " bs=1M count=4 iflag=direct status=none)"
                + " <(dd if=/dev/vg0/lun_a bs=1M count=4 iflag=direct status=none)");
    assertEquals(0, same.status(), () -> "data read through iSCSI differs from the LV: " + same);
    guest.check("iscsiadm", "-m", "node", "-T", IQN_A, "-p", "127.0.0.1:3260", "--logout");
  }

  @Test
  @Order(3)
  void libiscsiOnTheHostThroughTheForwardedPort() throws Exception {
    applyOnce();
    int port = guest.forwardedPort(3260);
    assertEquals("KT-LUN-A-0001", hostSerial(HOST_IQN, port, IQN_A));
    assertEquals(
        Long.toString(64 * MIB),
        host("iscsi-readcapacity16", "-s", "-i", HOST_IQN, url(port, IQN_A)).out().strip());
    assertFalse(host("iscsi-inq", "-i", HOST_IQN, url(port, IQN_B)).ok(), "host not in B's ACL");
    assertFalse(host("iscsi-inq", "-i", UNLISTED, url(port, IQN_A)).ok(), "unlisted initiator");
  }

  @Test
  @Order(4)
  void aRestartedTgtdRestoresExactlyTheAppliedAcls() throws Exception {
    applyOnce();
    Map<String, List<String>> before = acls();
    guest.exec("iscsiadm", "-m", "node", "--logoutall=all");
    // stop tgtd as the tgt service does, start a fresh one and restore the persisted file
    guest.check(
        "sh",
        "-c",
        "tgtadm --op update --mode sys --name State -v offline;"
            + " for t in $(tgtadm --lld iscsi --op show --mode target"
            + " | sed -n 's/^Target \\([0-9]*\\):.*/\\1/p'); do"
            + " tgtadm --lld iscsi --op delete --force --mode target --tid $t; done;"
            + " tgtadm --op delete --mode sys;"
            + " for i in $(seq 1 60); do pgrep -x tgtd >/dev/null || exit 0; sleep 0.5; done;"
            + " exit 1");
    startTgtd();
    assertEquals(Map.of(), acls(), "a fresh tgtd serves nothing");
    guest.check("tgt-admin", "-e", "-c", "/etc/tgt/conf.d/sanctl.conf");
    assertEquals(before, acls(), "the restart restores exactly the applied ACLs");

    // targets.conf has no portals: the fresh tgtd listens on 127.0.0.1 only (its command line),
    // so the plan re-adds the portal group's 10.0.2.15, where the host's forwarded connections
    // arrive, and nothing else
    SanctlCli plan = SanctlCli.run(config, "plan", "--detailed-exitcode");
    assertEquals(2, plan.exitCode(), plan::toString);
    assertTrue(plan.out().contains("tgt.portal \"10.0.2.15:3260\""), plan::toString);
    assertTrue(plan.out().contains("Plan: 1 to add, 0 to change, 0 to destroy."), plan::toString);
    SanctlCli apply = SanctlCli.run(config, "apply", "--auto-approve");
    assertEquals(0, apply.exitCode(), apply::toString);
    SanctlCli replan = SanctlCli.run(config, "plan", "--detailed-exitcode");
    assertEquals(0, replan.exitCode(), replan::toString);

    int port = guest.forwardedPort(3260);
    assertEquals("KT-LUN-A-0001", hostSerial(HOST_IQN, port, IQN_A));
    assertFalse(host("iscsi-inq", "-i", UNLISTED, url(port, IQN_A)).ok(), "unlisted initiator");
    assertFalse(host("iscsi-inq", "-i", UNLISTED, url(port, IQN_B)).ok(), "unlisted initiator");
    assertFalse(host("iscsi-inq", "-i", HOST_IQN, url(port, IQN_B)).ok(), "host not in B's ACL");
  }

  @Test
  @Order(5)
  @Tag("multipath")
  void multipathAssemblesOneMapPerTargetOverBothPortals() throws Exception {
    applyOnce();
    startIscsid();
    for (String portal : List.of("127.0.0.1:3260", "10.0.2.15:3260")) {
      guest.check("iscsiadm", "-m", "discovery", "-t", "sendtargets", "-p", portal);
      guest.exec("iscsiadm", "-m", "node", "-T", IQN_A, "-p", portal, "--login");
    }
    String viaLoopback = disk("127.0.0.1", IQN_A);
    String viaEth0 = disk("10.0.2.15", IQN_A);
    assertEquals("KT-LUN-A-0001", vpdSerial(viaEth0));
    guest.check("sh", "-c", "pgrep -x multipathd >/dev/null || multipathd");
    String ll = "";
    for (int i = 0; i < 60; i++) {
      guest.exec("multipath", "-v0");
      ll = guest.exec("multipath", "-ll").stdout();
      if (activePaths(ll) == 2) break;
      TimeUnit.SECONDS.sleep(1);
    }
    List<String> maps = ll.lines().filter(l -> l.matches("^\\S+ \\(\\w+\\) dm-\\d+ .*")).toList();
    assertEquals(1, maps.size(), ll);
    assertEquals(2, activePaths(ll), ll);
    String[] names = {base(viaLoopback), base(viaEth0)};
    for (String n : names) assertTrue(ll.contains(" " + n + " "), n + " in\n" + ll);
    String map = maps.get(0).split(" ")[0];
    GuestResult same =
        guest.exec(
            "bash",
            "-c",
            "cmp <(dd if=/dev/mapper/"
                + map
                + " bs=1M count=4 iflag=direct status=none)"
                + " <(dd if=/dev/vg0/lun_a bs=1M count=4 iflag=direct status=none)");
    assertEquals(0, same.status(), () -> "data through multipath differs from the LV: " + same);
    guest.exec("multipath", "-F");
    guest.exec("iscsiadm", "-m", "node", "--logoutall=all");
  }

  // --- helpers

  static void startIscsid() {
    guest.check("sh", "-c", "pgrep -x iscsid >/dev/null || { iscsid && sleep 1; }");
  }

  static int activePaths(String multipathLl) {
    return (int) multipathLl.lines().filter(l -> l.contains("active ready running")).count();
  }

  static String base(String dev) {
    return dev.substring(dev.lastIndexOf('/') + 1);
  }

  /** The /dev/sdX of {@code iqn}'s LUN 1 logged in through {@code address}. */
  static String disk(String address, String iqn) throws InterruptedException {
    String link = "/dev/disk/by-path/ip-" + address + ":3260-iscsi-" + iqn + "-lun-1";
    for (int i = 0; i < 60; i++) {
      GuestResult r = guest.exec("readlink", "-f", link);
      if (r.ok() && r.stdout().strip().startsWith("/dev/sd")) return r.stdout().strip();
      guest.exec("udevadm", "settle", "--timeout=5");
      TimeUnit.MILLISECONDS.sleep(500);
    }
    throw new AssertionError("no disk for " + link + "\n" + guest.exec("lsblk"));
  }

  /** The unit serial (VPD page 0x80) the kernel read, tgt's leading space padding stripped. */
  static String vpdSerial(String dev) {
    String page =
        guest.check("sh", "-c", "tail -c +5 /sys/block/" + base(dev) + "/device/vpd_pg80");
    return page.replace("\0", "").strip();
  }

  static String url(int port, String iqn) {
    return "iscsi://127.0.0.1:" + port + "/" + iqn + "/1";
  }

  private static final Pattern SERIAL = Pattern.compile("^Unit Serial Number:\\[\\s*(\\S*)\\]$");

  static String hostSerial(String initiator, int port, String iqn) throws Exception {
    Run r = host("iscsi-inq", "-i", initiator, "-e", "1", "-c", "128", url(port, iqn));
    for (String line : r.out().split("\n")) {
      Matcher m = SERIAL.matcher(line);
      if (m.matches()) return m.group(1);
    }
    throw new AssertionError("no unit serial from iscsi-inq: " + r);
  }

  /** Target IQN to its ACL, as the guest's tgtd shows them. */
  static Map<String, List<String>> acls() throws Exception {
    Map<String, List<String>> out = new TreeMap<>();
    String shown = guest.check("tgtadm", "--lld", "iscsi", "--op", "show", "--mode", "target");
    for (TgtTarget t : TgtShowParser.targets(shown)) out.put(t.iqn(), new ArrayList<>(t.acl()));
    return out;
  }

  record Run(int status, String out) {
    boolean ok() {
      return status == 0;
    }
  }

  /** A host command (libiscsi), 60 s at most. */
  static Run host(String... argv) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      return new Run(-1, "timed out: " + String.join(" ", argv));
    }
    return new Run(
        p.exitValue(), new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8));
  }
}
