package dev.sanctl.sim.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zfs-fuse dialect of the simulator against outputs captured from the real zfs-fuse 0.7
 * (fixtures/zfs, pool {@code zcap} there, {@code tank} here).
 */
class ZfsFuseDialectTest {
  @TempDir Path dir;
  Host arch;

  @BeforeEach
  void init() throws Exception {
    SimCluster cluster = SimCluster.init(dir, ZfsToolTest.state(), 1L << 30);
    cluster.setFlag("arch1", ZfsTool.DIALECT, "zfs-fuse");
    arch = cluster.host("arch1");
    assertTrue(
        run("zfs", "create", "-o", "compression=on", "-o", "org.example:x=1", "tank/a").ok());
    assertTrue(run("zfs", "create", "-p", "-o", "atime=off", "tank/b/c").ok());
  }

  private CommandResult run(String... argv) throws Exception {
    return arch.run(Command.change(argv));
  }

  private static String captured(String name) throws Exception {
    return Files.readString(Path.of("../../fixtures/zfs").resolve(name)).replace("zcap", "tank");
  }

  @Test
  void listingsAndPropertiesAsZfsFusePrintsThem() throws Exception {
    assertEquals(
        captured("zfs-fuse-list-names.txt"),
        run("zfs", "list", "-H", "-t", "filesystem,volume", "-o", "name,type", "-r", "tank").out());
    assertEquals(
        captured("zfs-fuse-get-properties.txt"),
        run(
                "zfs",
                "get",
                "-Hp",
                "-o",
                "name,property,value,source",
                "compression,org.example:x,atime",
                "tank",
                "tank/a",
                "tank/b/c")
            .out());
    assertEquals(
        captured("zfs-fuse-get-volume-props-of-filesystem.txt"),
        run(
                "zfs",
                "get",
                "-Hp",
                "-o",
                "name,property,value,source",
                "volsize,volblocksize,refreservation",
                "tank/a")
            .out());
  }

  @Test
  void errorsAsZfsFusePrintsThem() throws Exception {
    CommandResult lz4 = run("zfs", "set", "compression=lz4", "tank/a");
    assertEquals(1, lz4.exitStatus());
    assertEquals(captured("zfs-fuse-set-compression-lz4.err"), lz4.err());
    CommandResult listP = run("zfs", "list", "-Hp", "-o", "name", "tank");
    assertEquals(2, listP.exitStatus());
    assertTrue(captured("zfs-fuse-list-p.err").startsWith(listP.err().substring(0, 120)));
    CommandResult vol = run("zfs", "create", "-V", "1G", "tank/v");
    assertEquals(134, vol.exitStatus());
    assertEquals(captured("zfs-fuse-create-volume.err"), vol.err());
  }
}
