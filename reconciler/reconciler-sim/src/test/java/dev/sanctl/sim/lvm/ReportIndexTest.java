package dev.sanctl.sim.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.CommandResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows of one report share a {@link ReportIndex} (snapshot origins, pools in use and LUN paths
 * looked up once per report): a whole-group report says of every volume what a report of that
 * volume alone says, for each kind the index answers about.
 */
class ReportIndexTest {
  private static final String FIELDS = "lv_name,lv_attr,origin,origin_size,pool_lv,lv_device_open";

  @TempDir Path dir;

  @Test
  void aWholeGroupReportSaysOfEachVolumeWhatItsOwnReportSays() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    ok(c, "lvcreate", "-L", "20M", "-n", "origin", "vg0");
    ok(c, "lvcreate", "-L", "8M", "-s", "-n", "origin_snap", "vg0/origin");
    ok(c, "lvcreate", "-L", "20M", "-n", "served", "vg0");
    TestClusters.serve(c, "san1", 1, "iqn.2001-04.edu.amherst:t1", "Path=/dev/vg0/served");
    ok(c, "lvcreate", "-L", "20M", "-n", "mapped", "vg0");
    TestClusters.serve(c, "san1", 2, "iqn.2001-04.edu.amherst:t2", "Path=/dev/mapper/vg0-mapped");
    ok(c, "lvcreate", "-L", "20M", "-n", "plain", "vg0");
    ok(c, "lvcreate", "--type", "thin-pool", "-L", "16M", "-n", "busypool", "vg0");
    ok(c, "lvcreate", "-V", "8M", "--thin", "-n", "thin", "vg0/busypool");
    ok(c, "lvcreate", "--type", "thin-pool", "-L", "16M", "-n", "idlepool", "vg0");
    ok(c, "lvcreate", "-V", "8M", "--thin", "-n", "idle", "vg0/idlepool");
    ok(c, "lvcreate", "-s", "-n", "idle_snap", "vg0/idle"); // a thin snapshot: skipped, inactive
    ok(c, "lvremove", "-f", "vg0/idle"); // the pool holds only an inactive volume

    String whole = lvs(c, "vg0");
    List<String> one = new ArrayList<>();
    for (String line : whole.lines().toList()) {
      String name = line.strip().split(":")[0];
      one.add(lvs(c, "vg0/" + name).stripTrailing());
    }
    assertEquals(String.join("\n", one) + "\n", whole);
    // each kind the index answers is present (the comparison above is not vacuous)
    assertEquals(
        List.of(
            "busypool:twi-aotz--::::",
            "idle_snap:Vwi---tz-k:::idlepool:",
            "idlepool:twi-a-tz--::::",
            "lv_meta:-wi-ao----::::open",
            "mapped:-wi-ao----::::open",
            "origin:owi-a-s---::20971520::",
            "origin_snap:swi-a-s---:origin:20971520::",
            "plain:-wi-a-----::::",
            "served:-wi-ao----::::open",
            "thin:Vwi-a-tz--:::busypool:"),
        whole.lines().map(String::strip).sorted().toList());
  }

  private static String lvs(SimCluster c, String what) throws Exception {
    return ok(
            c,
            "lvs",
            "--noheadings",
            "--separator",
            ":",
            "--units",
            "b",
            "--nosuffix",
            "-o",
            FIELDS,
            what)
        .out();
  }

  private static CommandResult ok(SimCluster c, String... argv) throws Exception {
    CommandResult r = c.run("san1", argv);
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + ": " + r.err());
    return r;
  }
}
