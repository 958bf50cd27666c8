package dev.sanctl.sim.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The zfs SimTool through a simulated cluster: formats and messages of live-state-formats 3. */
public class ZfsToolTest {
  static final Instant T0 = Instant.parse("2024-11-04T09:35:27Z");
  static final String COLS =
      "name,guid,createtxg,creation,userrefs,clones,defer_destroy,edu.amherst:snap_time,"
          + "edu.amherst:snaprotate_rule";
  @TempDir Path dir;
  SimCluster cluster;
  Host arch;

  public static DesiredState state() {
    Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    nodes.put("arch1", TestClusters.nodeOn("arch1", "arch1", "linux", "zfs", "cron"));
    nodes.put("head1", TestClusters.nodeOn("head1", "head1", "illumos", "zfs", "cron"));
    return TestClusters.state(nodes, Map.of(), Map.of("tank", TestClusters.pool("tank", "arch1")));
  }

  @BeforeEach
  void init() throws Exception {
    cluster = SimCluster.init(dir, state(), 1L << 30, Clock.fixed(T0, ZoneOffset.UTC));
    arch = cluster.host("arch1");
    assertTrue(run("zfs", "create", "-s", "-V", "10G", "tank/vol1").ok());
  }

  private CommandResult run(String... argv) throws Exception {
    return arch.run(Command.change(argv));
  }

  /** {@code zfs get -H -p -o COLUMNS PROPERTIES DATASET...}. */
  private CommandResult zfsGet(String columns, String properties, String... datasets)
      throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("zfs", "get", "-H", "-p", "-o", columns, properties));
    argv.addAll(List.of(datasets));
    return run(argv.toArray(String[]::new));
  }

  @Test
  void snapshotWithUserPropertiesAndTheRotationListing() throws Exception {
    assertTrue(
        run(
                "zfs",
                "snapshot",
                "-o",
                "edu.amherst:snap_time=2024-11-04T09:35:27Z",
                "-o",
                "edu.amherst:snaprotate_rule=D60",
                "tank/vol1@2024-11-04_09.35.27")
            .ok());
    assertTrue(run("zfs", "snapshot", "tank/vol1@manual").ok());
    CommandResult r =
        run(
            "zfs",
            "list",
            "-H",
            "-p",
            "-t",
            "snapshot",
            "-d",
            "1",
            "-s",
            "createtxg",
            "-o",
            COLS,
            "tank/vol1");
    String[] lines = r.out().split("\n");
    assertEquals(2, lines.length);
    String[] f = lines[0].split("\t", -1);
    assertEquals(9, f.length);
    assertEquals("tank/vol1@2024-11-04_09.35.27", f[0]);
    assertTrue(f[1].matches("\\d+"));
    assertEquals(Long.toString(T0.getEpochSecond()), f[3]);
    assertEquals(
        List.of("0", "-", "off", "2024-11-04T09:35:27Z", "D60"),
        List.of(f[4], f[5], f[6], f[7], f[8]));
    assertTrue(lines[1].endsWith("\t0\t-\toff\t-\t-"));
    assertTrue(r.out().endsWith("\n"));
    CommandResult get =
        zfsGet(
            "name,property,value,source",
            "edu.amherst:snaprotate_rule",
            "tank/vol1@2024-11-04_09.35.27",
            "tank/vol1@manual");
    assertEquals(
        "tank/vol1@2024-11-04_09.35.27\tedu.amherst:snaprotate_rule\tD60\tlocal\n"
            + "tank/vol1@manual\tedu.amherst:snaprotate_rule\t-\t-\n",
        get.out());
    CommandResult missing = run("zfs", "list", "-H", "-o", "name", "tank/nope");
    assertEquals(1, missing.exitStatus());
    assertEquals("cannot open 'tank/nope': dataset does not exist\n", missing.err());
  }

  @Test
  void commaDestroyIsAtomicAndNamesEveryHeldOrClonedSnapshot() throws Exception {
    for (String s : List.of("a", "b", "c", "d"))
      assertTrue(run("zfs", "snapshot", "tank/vol1@" + s).ok());
    assertTrue(run("zfs", "hold", "keep", "tank/vol1@b").ok());
    assertTrue(run("zfs", "clone", "tank/vol1@c", "tank/clone").ok());
    CommandResult r = run("zfs", "destroy", "tank/vol1@a,b,c,zz");
    assertEquals(1, r.exitStatus());
    assertEquals(
        "cannot destroy snapshot tank/vol1@b: dataset is busy\n"
            + "cannot destroy snapshot tank/vol1@c: snapshot is cloned\n",
        r.err());
    assertEquals(
        "tank/vol1@a\ntank/vol1@b\ntank/vol1@c\ntank/vol1@d\n",
        run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", "tank/vol1").out());
    assertTrue(run("zfs", "destroy", "tank/vol1@a,zz,d").ok());
    CommandResult none = run("zfs", "destroy", "tank/vol1@zz");
    assertEquals("could not find any snapshots to destroy; check snapshot names.\n", none.err());
    assertEquals(1, none.exitStatus());
    CommandResult get =
        zfsGet(
            "name,property,value",
            "guid,userrefs,clones,defer_destroy",
            "tank/vol1@b",
            "tank/vol1@c",
            "tank/vol1@a");
    assertEquals(1, get.exitStatus());
    assertEquals("cannot open 'tank/vol1@a': dataset does not exist\n", get.err());
    assertTrue(get.out().contains("tank/vol1@b\tuserrefs\t1\n"));
    assertTrue(get.out().contains("tank/vol1@c\tclones\ttank/clone\n"));
    assertTrue(run("zfs", "destroy", "-d", "tank/vol1@b").ok());
    assertTrue(get.out().contains("tank/vol1@b\tdefer_destroy\toff\n"));
    assertTrue(
        run("zfs", "get", "-H", "-o", "value", "defer_destroy", "tank/vol1@b")
            .out()
            .equals("on\n"));
    assertTrue(run("zfs", "release", "keep", "tank/vol1@b").ok());
    assertEquals(
        "tank/vol1@c\n",
        run("zfs", "list", "-H", "-t", "snapshot", "-o", "name", "-r", "tank/vol1").out());
  }

  @Test
  void zfsFuseDialectHasNoParseableListNoClonesAndNoCommaSyntax() throws Exception {
    cluster.setFlag("arch1", ZfsTool.DIALECT, "zfs-fuse");
    assertTrue(run("zfs", "-?").out().contains("\tdestroy [-rRd] <snapshot>\n"));
    assertEquals(2, run("zfs", "list", "-H", "-p", "-o", "name", "tank/vol1").exitStatus());
    CommandResult clones = run("zfs", "get", "-H", "clones", "tank/vol1");
    assertEquals("bad property list: invalid property 'clones'\n", clones.err());
    assertTrue(run("zfs", "snapshot", "tank/vol1@a").ok());
    assertTrue(run("zfs", "snapshot", "tank/vol1@b").ok());
    assertEquals(
        "cannot open 'tank/vol1@a,b': invalid dataset name\n",
        run("zfs", "destroy", "tank/vol1@a,b").err());
    assertTrue(run("zfs", "hold", "keep", "tank/vol1@a").ok());
    assertEquals(
        "cannot destroy 'tank/vol1@a': dataset is busy\n",
        run("zfs", "destroy", "tank/vol1@a").err());
  }
}
