package dev.sanctl.backup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Target;
import dev.sanctl.testkit.MutableClock;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The test cluster of {@code src/test/resources/backup-cluster}: {@code san1} holds {@code vg0}
 * with {@code lv_data} (8 MiB, exported by an IET target, so it has a ddmap) and {@code lv_plain}
 * (4 MiB, no target), {@code arch1} (illumos) has pool {@code archive}.
 */
final class BackupCluster {
  static final long MIB = 1L << 20;
  final DesiredState desired;
  final SimCluster sim;
  final String iqn;
  final MutableClock clock = new MutableClock(Instant.parse("2026-11-21T10:00:00Z"));

  BackupCluster(Path dir) throws IOException {
    desired = load();
    sim = SimCluster.init(dir, desired, 1L << 30, clock);
    iqn = desired.iqnOf(desired.targets().get(0));
    ok("san1", "lvcreate", "-L", "8M", "-n", "lv_data", "vg0");
    ok("san1", "lvcreate", "-L", "4M", "-n", "lv_plain", "vg0");
    startTarget();
    sim.write("san1", iqn, 0, 8 * MIB);
    byte[] plain = new byte[(int) (3 * MIB)];
    new java.util.Random(42).nextBytes(plain);
    CommandResult w =
        sim.host("san1")
            .run(
                dev.sanctl.spi.host.Command.change(
                    plain, "dd", "of=/dev/vg0/lv_plain", "status=none"));
    assertEquals(0, w.exitStatus(), w.err());
  }

  static DesiredState load() {
    try {
      Path dir =
          Path.of(BackupCluster.class.getResource("/backup-cluster/cluster.yaml").toURI())
              .getParent();
      LoadResult r = ConfigLoader.loadDirectory(dir);
      if (!r.ok()) throw new IllegalStateException(r.diagnostics().toString());
      return r.state();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  void startTarget() throws IOException {
    ok("san1", "ietadm", "--op", "new", "--tid=1", "--params", "Name=" + iqn);
    addLunZero(sim, "/dev/vg0/lv_data");
  }

  /** {@code device} becomes LUN 0 (blockio) of tid 1 on san1. */
  static void addLunZero(SimCluster sim, String device) throws IOException {
    ok(
        sim,
        "san1",
        "ietadm",
        "--op",
        "new",
        "--tid=1",
        "--lun=0",
        "--params",
        "Path=" + device + ",Type=blockio");
  }

  /** The target goes away (its ddmap proc entry with it). */
  void stopTarget() throws IOException {
    ok("san1", "ietadm", "--op", "delete", "--tid=1", "--lun=0");
    ok("san1", "ietadm", "--op", "delete", "--tid=1");
  }

  /** The target goes away and comes back: the kernel map starts empty. */
  void restartTarget() throws IOException {
    stopTarget();
    startTarget();
  }

  CommandResult ok(String node, String... argv) throws IOException {
    return ok(sim, node, argv);
  }

  private static CommandResult ok(SimCluster sim, String node, String... argv) throws IOException {
    CommandResult r = sim.run(node, argv);
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + ": " + r.err());
    return r;
  }

  byte[] bytes(String node, String device) throws IOException {
    return ok(node, "cat", device).stdout();
  }

  Hosts hosts() {
    return sim::host;
  }

  Target target() {
    return desired.targets().get(0);
  }
}
