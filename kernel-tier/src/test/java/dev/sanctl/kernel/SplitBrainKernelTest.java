package dev.sanctl.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two guests attached to one disk image, an HA pair: the volume group is active on {@code sb1};
 * sanctl plans for the group on {@code sb1} only. Once it is also activated on {@code sb2} ({@code
 * vgchange -ay}, the split brain an HA manager must prevent) plan, apply and drift refuse to touch
 * the group on either guest, and nothing changes on the shared disk.
 */
@Tag("splitbrain")
@ExtendWith(GuestLogsExtension.class)
class SplitBrainKernelTest {
  static final Path WORK =
      Path.of("target", "kernel-tier", "SplitBrainKernelTest").toAbsolutePath();
  static final long DISK = 512L << 20;
  static Guest sb1;
  static Guest sb2;
  static Path image;
  static Path config;

  @BeforeAll
  static void bootTwoGuestsOnOneDisk() throws Exception {
    DebianKernel.deleteTree(WORK);
    image = WORK.resolve("shared.img");
    GuestDisk shared = GuestDisk.sharedImage(image, DISK);
    sb1 = Guest.boot(GuestSpec.builder("sb1").disk(shared).build(), WORK.resolve("sb1"));
    sb2 = Guest.boot(GuestSpec.builder("sb2").disk(shared).build(), WORK.resolve("sb2"));
    sb1.check("pvcreate", "-y", "/dev/vda");
    sb1.check("vgcreate", "vg0", "/dev/vda");
    sb1.check("lvcreate", "-y", "-L", "64M", "-n", "lun_a", "vg0");
    config = Files.createDirectories(WORK.resolve("config"));
    Files.writeString(
        config.resolve("cluster.yaml"),
        """
        apiVersion: sanctl/v1
        cluster: {name: ksb, iqnPrefix: "iqn.2026-12.dev.sanctl:ksb"}
        transport: {connectTimeout: 60s, commandTimeout: 180s}
        nodes:
        %s%svolumeGroups:
          vg0:
            nodes: [sb1, sb2]
            volumes:
              lun_a: {size: 96M}
              lun_b: {size: 32M}
        """
            .formatted(SanctlCli.node("sb1", sb1, "lvm"), SanctlCli.node("sb2", sb2, "lvm")));
    SanctlCli.knownHosts(config, sb1, sb2);
  }

  @AfterAll
  static void close() {
    if (sb2 != null) sb2.close();
    if (sb1 != null) sb1.close();
  }

  @Test
  void aGroupActiveOnBothGuestsIsRefusedAndTheDiskIsUntouched() throws Exception {
    // sb2 sees the group (same disk) with nothing active: sb1 holds it
    assertEquals("-wi-------", attr(sb2, "lun_a"));
    assertEquals("-wi-a-----", attr(sb1, "lun_a"));
    SanctlCli held = SanctlCli.run(config, "plan", "--detailed-exitcode");
    assertEquals(2, held.exitCode(), held::toString);
    assertTrue(held.out().contains("# sb1/lvm.volume/vg0/lun_a will be updated"), held::toString);
    assertTrue(held.out().contains("# sb1/lvm.volume/vg0/lun_b will be created"), held::toString);
    assertFalse(held.out().contains("sb2/lvm.volume"), held::toString);

    sb2.check("vgchange", "-ay", "vg0");
    assertEquals("-wi-a-----", attr(sb2, "lun_a"));
    byte[] before = metadataDigest();
    String lvsBefore = lvs(sb1);

    SanctlCli plan = SanctlCli.run(config, "plan", "--detailed-exitcode");
    assertEquals(1, plan.exitCode(), plan::toString);
    assertTrue(
        (plan.out() + plan.err())
            .contains("volume group vg0 is active on sb1 and sb2 (split brain)"),
        plan::toString);
    assertFalse(plan.out().contains("lvm.volume/vg0/lun_b will be created"), plan::toString);
    // regression: the plan used to end with "No changes. Storage matches the desired state."
    assertFalse(plan.out().contains("Storage matches the desired state"), plan::toString);

    SanctlCli apply = SanctlCli.run(config, "apply", "--auto-approve");
    assertEquals(1, apply.exitCode(), apply::toString);
    assertTrue((apply.out() + apply.err()).contains("split brain"), apply::toString);
    assertFalse(apply.out().contains(": applied"), apply::toString);

    // drift's codes are 0, 2 and 4: a group active on two nodes is drift
    SanctlCli drift = SanctlCli.run(config, "drift");
    assertEquals(2, drift.exitCode(), drift::toString);
    assertFalse(drift.out().contains("Storage matches the desired state"), drift::toString);
    assertTrue((drift.out() + drift.err()).contains("split brain"), drift::toString);

    assertArrayEquals(before, metadataDigest(), "the LVM metadata on the shared disk is unchanged");
    assertEquals(lvsBefore, lvs(sb1));
    assertEquals(lvsBefore, lvs(sb2));
  }

  static String attr(Guest g, String lv) {
    return g.check("lvs", "--noheadings", "-o", "lv_attr", "vg0/" + lv).strip();
  }

  static String lvs(Guest g) {
    return g.check("lvs", "--noheadings", "--units", "b", "-o", "lv_name,lv_size", "vg0");
  }

  /** SHA-256 of the PV's label and metadata area (the first MiB of the shared image). */
  static byte[] metadataDigest() throws Exception {
    byte[] head = new byte[1 << 20];
    try (RandomAccessFile f = new RandomAccessFile(image.toFile(), "r")) {
      f.readFully(head);
    } catch (IOException e) {
      throw new AssertionError("cannot read " + image, e);
    }
    return MessageDigest.getInstance("SHA-256").digest(head);
  }
}
