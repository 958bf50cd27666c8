package dev.sanctl.sim.lvm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.Fixtures;
import dev.sanctl.sim.NodeFlags;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.TestClusters;
import dev.sanctl.spi.host.CommandResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LvmToolTest {
  private static final String[] JSON = {"--reportformat", "json", "--units", "b", "--nosuffix"};
  private static final String LVS_COLUMNS =
      "lv_name,vg_name,lv_size,lv_attr,origin,pool_lv,lv_uuid,lv_path,lv_dm_path,lv_active,"
          + "lv_time,snap_percent,data_percent,lv_tags";

  @TempDir Path dir;
  SimCluster c;

  @BeforeEach
  void init() throws Exception {
    c = TestClusters.amherst(dir.resolve("sim"));
  }

  private CommandResult run(String node, String... argv) throws Exception {
    return c.run(node, argv);
  }

  /** {@code lvs --noheadings --separator : --units b ARGS} on san1. */
  private CommandResult lvsOnSan1ByColons(String... args) throws Exception {
    List<String> argv =
        new ArrayList<>(List.of("lvs", "--noheadings", "--separator", ":", "--units", "b"));
    argv.addAll(List.of(args));
    return run("san1", argv.toArray(String[]::new));
  }

  private static String[] json(String... rest) {
    String[] a = new String[JSON.length + rest.length + 1];
    a[0] = rest[0];
    System.arraycopy(JSON, 0, a, 1, JSON.length);
    System.arraycopy(rest, 1, a, 1 + JSON.length, rest.length - 1);
    return Arrays.copyOf(a, JSON.length + rest.length);
  }

  @Test
  void missingVolumeGroupPrintsTheEmptyEnvelopeAndLvmErrors() throws Exception {
    CommandResult r = run("san1", json("lvs", "-o", "lv_name,vg_name,lv_size", "nosuchvg"));
    assertEquals(5, r.exitStatus());
    assertEquals(Fixtures.text("lvm/2.03.16/missing-vg.stdout"), r.out());
    assertEquals(Fixtures.text("lvm/2.03.16/missing-vg.stderr"), r.err());

    r = run("san1", "vgs", "--reportformat", "json", "nosuchvg");
    assertEquals(5, r.exitStatus());
    assertEquals(
        Fixtures.text("lvm/2.03.16/missing-vg.stdout").replace("\"lv\"", "\"vg\""), r.out());
    assertEquals(Fixtures.text("lvm/2.03.16/missing-vg.stderr"), r.err());
  }

  @Test
  void missingLogicalVolume() throws Exception {
    CommandResult r = run("san1", "lvs", "--reportformat", "json", "-o", "lv_name", "vg0/missing");
    assertEquals(5, r.exitStatus());
    assertEquals(Fixtures.text("lvm/2.03.16/missing-vg.stdout"), r.out());
    assertEquals("  Failed to find logical volume \"vg0/missing\"\n", r.err());
  }

  @Test
  void newerLvmPutsErrorsInTheJsonLogArray() throws Exception {
    String expected = Fixtures.text("lvm/2.03.16/missing-vg-log-2.03.26.stdout");
    CommandResult r =
        run(
            "san1",
            json("lvs", "--config", "log/report_command_log=1", "-o", "lv_name", "nosuchvg"));
    assertEquals(5, r.exitStatus());
    assertEquals(expected, r.out());
    assertEquals("", r.err());

    c.setFlag("san2", NodeFlags.LVM_REPORT_LOG, "true");
    r = run("san2", json("lvs", "-o", "lv_name", "nosuchvg"));
    assertEquals(expected, r.out());
    r = run("san2", json("lvs", "-o", "lv_name", "vg0"));
    assertTrue(r.out().endsWith("      ,\n      \"log\": [\n      ]\n  }\n"), r.out());
    assertEquals(0, r.exitStatus());
  }

  /** Rows with every value blanked: the layout (keys, order, separators, indent) remains. */
  private static List<String> layout(String report) {
    List<String> out = new ArrayList<>();
    for (String l : report.split("\n", -1)) out.add(l.replaceAll("\":\"[^\"]*\"", "\":\"\""));
    return out;
  }

  private static String row(String report, String lvName) {
    return Arrays.stream(report.split("\n"))
        .filter(l -> l.contains("{\"lv_name\":\"" + lvName + "\""))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void lvsReportHasTheCapturedLayoutAndLiveAttributes() throws Exception {
    assertEquals(0, run("san1", "lvcreate", "-L", "12582912b", "-n", "vol2", "vg0").exitStatus());
    String captured = Fixtures.text("lvm/2.03.16/lvs-json-report.stdout");
    String passive = run("san2", json("lvs", "-o", LVS_COLUMNS, "vg0")).out();
    String capturedRow = row(captured, "vol2");
    String ourRow = row(passive, "vol2");
    String uuid = ourRow.replaceAll(".*\"lv_uuid\":\"([^\"]*)\".*", "$1");
    assertTrue(uuid.matches("[A-Za-z0-9]{6}(-[A-Za-z0-9]{4}){5}-[A-Za-z0-9]{6}"), uuid);
    // On the node not holding vg0 the LV is inactive: "-wi-------" and lv_active "" where the
    // capture (activation disabled) shows the unknown state X and "unknown".
    assertEquals(
        capturedRow
            .replace("feHc5B-mMHx-HeSJ-7IEC-055C-8S4m-a87pbY", uuid)
            .replace("-wi-XX----", "-wi-------")
            .replace("\"lv_active\":\"unknown\"", "\"lv_active\":\"\"")
            .replaceAll(",$", ""),
        ourRow.replaceAll(",$", ""));
    List<String> capturedLayout = layout(captured);
    List<String> ourLayout = layout(passive);
    assertEquals(capturedLayout.subList(0, 5), ourLayout.subList(0, 5));
    assertEquals(capturedLayout.get(5), ourLayout.get(5).replaceAll("\\}$", "},"));
    assertEquals(
        capturedLayout.subList(capturedLayout.size() - 6, capturedLayout.size()),
        ourLayout.subList(ourLayout.size() - 6, ourLayout.size()));

    String holder =
        run("san1", json("lvs", "-o", "lv_name,lv_attr,lv_active,lv_device_open")).out();
    assertTrue(
        holder.contains(
            "{\"lv_name\":\"vol2\", \"lv_attr\":\"-wi-a-----\", \"lv_active\":\"active\","
                + " \"lv_device_open\":\"\"}"),
        holder);
  }

  @Test
  void vgsReportHasTheCapturedLayoutAndAccountsFreeSpace() throws Exception {
    String columns =
        "vg_name,vg_size,vg_free,vg_extent_size,vg_extent_count,vg_free_count,lv_count,"
            + "snap_count,vg_attr,vg_uuid";
    String before = run("san1", json("vgs", "-o", columns)).out();
    assertEquals(layout(Fixtures.text("lvm/2.03.16/vgs-json-report.stdout")), layout(before));
    assertTrue(before.contains("\"vg_free\":\"107374182400\""), before);
    assertTrue(before.contains("\"vg_size\":\"107382571008\""), before);

    run("san1", "lvcreate", "-L", "1G", "-n", "vol1", "vg0");
    String after = run("san2", json("vgs", "-o", "vg_name,vg_free,vg_free_count,lv_count")).out();
    assertTrue(
        after.contains(
            "{\"vg_name\":\"vg0\", \"vg_free\":\"106300440576\", \"vg_free_count\":\"25344\","
                + " \"lv_count\":\"2\"}"),
        after);
  }

  @Test
  void changeMessagesAreLvmsOwn() throws Exception {
    SimCluster small =
        SimCluster.init(
            dir.resolve("small"),
            TestClusters.amherst(),
            31 * LvmState.EXTENT_SIZE,
            TestClusters.CLOCK);
    small.run("san1", "lvcreate", "-L", "12M", "-n", "vol2", "vg0");
    List<String[]> argvs =
        List.of(
            new String[] {"lvcreate", "-L", "4M", "-n", "vol3", "vg0"},
            new String[] {"lvcreate", "-L", "20M", "-n", "vol2", "vg0"},
            new String[] {"lvcreate", "-L", "2G", "-n", "big", "vg0"},
            new String[] {"lvcreate", "-L", "4M", "-n", "x", "nosuchvg"},
            new String[] {"lvextend", "-L", "8M", "vg0/vol3"},
            new String[] {"lvextend", "-L", "8M", "vg0/vol3"},
            new String[] {"lvremove", "-y", "vg0/vol3"},
            new String[] {"lvremove", "-y", "vg0/vol3"});
    List<List<String>> expected = new ArrayList<>();
    List<Integer> codes = new ArrayList<>();
    for (String line : Fixtures.text("lvm/2.03.16/change-messages.txt").split("\n")) {
      if (line.startsWith("$ ")) {
        expected.add(new ArrayList<>());
        continue;
      }
      if (line.contains("[rc=")) {
        codes.add(Integer.parseInt(line.replaceAll(".*\\[rc=(\\d+)\\]$", "$1")));
        line = line.replaceAll("\\s+\\[rc=\\d+\\]$", "");
      }
      expected.get(expected.size() - 1).add(line);
    }
    assertEquals(argvs.size(), expected.size());
    for (int i = 0; i < argvs.size(); i++) {
      if (i == 5) small.run("san1", "lvextend", "-L", "12M", "vg0/vol3"); // "(now 3 extents)"
      CommandResult r = small.run("san1", argvs.get(i));
      String text = String.join("\n", expected.get(i)) + "\n";
      assertEquals(text, r.out() + r.err(), String.join(" ", argvs.get(i)));
      assertEquals(codes.get(i), r.exitStatus(), String.join(" ", argvs.get(i)));
    }
  }

  @Test
  void extendBeyondFreeSpaceAndShrinkAreRefused() throws Exception {
    SimCluster small =
        SimCluster.init(
            dir.resolve("small"),
            TestClusters.amherst(),
            10 * LvmState.EXTENT_SIZE,
            TestClusters.CLOCK);
    small.run("san1", "lvcreate", "-L", "8388608b", "-n", "v", "vg0");
    CommandResult r = small.run("san1", "lvextend", "-L", "104857600b", "vg0/v");
    assertEquals(5, r.exitStatus());
    assertEquals("  Insufficient free space: 23 extents needed, but only 8 available\n", r.err());
    r = small.run("san1", "lvextend", "-L", "4194304b", "vg0/v");
    assertEquals(5, r.exitStatus());
    assertEquals(
        "  New size given (1 extents) not larger than existing size (2 extents)\n", r.err());
    r = small.run("san1", "lvextend", "-L", "+4M", "vg0/v");
    assertEquals(0, r.exitStatus(), r.err());
    assertEquals(12L << 20, Files.size(small.dir().resolve("_san/lv/vg0/v.img")));
  }

  @Test
  void createOnTheNodeNotHoldingTheGroupFails() throws Exception {
    CommandResult r = run("san2", "lvcreate", "-L", "4M", "-n", "x", "vg0");
    assertEquals(5, r.exitStatus());
    assertEquals("  Aborting. Failed to activate new LV to wipe the start of it.\n", r.err());
    assertEquals("", run("san1", "lvs", "--noheadings", "-o", "lv_name", "vg0/x").out());
  }

  @Test
  void anLvServedByATargetIsOpenAndCannotBeRemoved() throws Exception {
    run("san1", "lvcreate", "-L", "64M", "-n", "vol1", "vg0");
    TestClusters.serve(
        c, "san1", 1, "iqn.2001-04.edu.amherst:t1", "Path=/dev/vg0/vol1,Type=blockio");
    assertEquals(
        "  -wi-ao----\n", run("san1", "lvs", "--noheadings", "-o", "lv_attr", "vg0/vol1").out());
    CommandResult r = run("san1", "lvremove", "-f", "vg0/vol1");
    assertEquals(5, r.exitStatus());
    assertEquals("  Logical volume vg0/vol1 in use.\n", r.err());
    run("san1", "ietadm", "--op", "delete", "--tid=1");
    r = run("san1", "lvremove", "-f", "vg0/vol1");
    assertEquals(0, r.exitStatus());
    assertEquals("  Logical volume \"vol1\" successfully removed.\n", r.out());
    assertTrue(Files.notExists(c.dir().resolve("_san/lv/vg0/vol1.img")));
  }

  @Test
  void basicReportsWithSeparatorAndDefaults() throws Exception {
    run("san1", "lvcreate", "-L", "1G", "-n", "vol1", "vg0");
    assertEquals(
        "  lv_meta:8388608\n  vol1:1073741824\n",
        lvsOnSan1ByColons("--nosuffix", "-o", "lv_name,lv_size", "vg0").out());
    assertEquals(
        "  LV      VG  Attr       LSize Pool Origin Data%  Meta%  Move Log Cpy%Sync Convert\n"
            + "  lv_meta vg0 -wi-ao---- 8.00m"
            + " ".repeat(52)
            + "\n  vol1    vg0 -wi-a----- 1.00g"
            + " ".repeat(52)
            + "\n",
        run("san1", "lvs").out());
    assertEquals("  vg0:1073741824B\n", lvsOnSan1ByColons("-o", "vg_name,size", "vg0/vol1").out());
  }

  @Test
  void unknownFieldsAndOptionsAreRejected() throws Exception {
    CommandResult r = run("san1", "lvs", "-o", "lv_name,nope");
    assertEquals(5, r.exitStatus());
    assertTrue(r.err().startsWith("  Logical Volume Fields\n"), "lvm2 lists the fields first");
    assertTrue(
        r.err()
            .endsWith(
                "    ?                           - Show help.\n   \n"
                    + "  Unrecognised field: nope\n"),
        r.err());
    r = run("san1", "vgs", "-o", "lv_name");
    assertEquals("  LV     \n  lv_meta\n", r.out(), "a vgs with an LV field reports the LVs");
    r = run("san1", "lvs", "--bogus");
    assertEquals(3, r.exitStatus());
    assertEquals(
        "lvs: unrecognized option '--bogus'\n  Error during parsing of command line.\n", r.err());
    r = run("san1", "lvs", "--reportformat", "json_std");
    assertEquals(3, r.exitStatus());
    assertEquals(
        "  Invalid argument for --reportformat: json_std\n"
            + "  Error during parsing of command line.\n",
        r.err());
  }

  @Test
  void sortOrderAndUnsupportedSelect() throws Exception {
    run("san1", "lvcreate", "-L", "1G", "-n", "big", "vg0");
    run("san1", "lvcreate", "-L", "4M", "-n", "small", "vg0");
    assertEquals(
        "  big    \n  lv_meta\n  small  \n",
        run("san1", "lvs", "--noheadings", "-o", "lv_name").out(),
        "default order: VG, then LV name");
    assertEquals(
        "  big    \n  lv_meta\n  small  \n",
        run("san1", "lvs", "--noheadings", "-o", "lv_name", "-O", "-lv_size").out());
    assertEquals(
        "  small  \n  lv_meta\n  big    \n",
        run("san1", "lvs", "--noheadings", "-o", "lv_name", "-O", "size").out());
    CommandResult r = run("san1", "lvs", "-S", "lv_name=big");
    assertEquals(5, r.exitStatus());
    assertTrue(r.err().contains("--select is not implemented"), r.err());
  }

  @Test
  void vgchangeActivatesAndDeactivatesOnOneNode() throws Exception {
    run("san1", "lvcreate", "-L", "4M", "-n", "vol1", "vg0");
    CommandResult r = run("san2", "vgchange", "-ay", "vg0");
    assertEquals("  2 logical volume(s) in volume group \"vg0\" now active\n", r.out());
    assertEquals(
        "  -wi-a-----\n", run("san2", "lvs", "--noheadings", "-o", "lv_attr", "vg0/vol1").out());
    assertEquals(
        "  -wi-a-----\n",
        run("san1", "lvs", "--noheadings", "-o", "lv_attr", "vg0/vol1").out(),
        "active on both nodes: a split brain");
    run("san2", "ietadm", "--op", "new", "--tid=1", "--params", "Name=iqn.2001-04.edu.amherst:x");
    run("san2", "ietadm", "--op", "new", "--tid=1", "--lun=0", "--params", "Path=/dev/vg0/vol1");
    r = run("san2", "vgchange", "-a", "n", "vg0");
    assertEquals(5, r.exitStatus());
    assertEquals(
        "  Can't deactivate volume group \"vg0\" with 1 open logical volume(s)\n", r.err());
    run("san2", "ietadm", "--op", "delete", "--tid=1");
    r = run("san2", "vgchange", "-an", "vg0");
    assertEquals("  0 logical volume(s) in volume group \"vg0\" now active\n", r.out());
    assertEquals(
        "  -wi-------\n", run("san2", "lvs", "--noheadings", "-o", "lv_attr", "vg0/vol1").out());
    r = run("san1", "vgchange", "-an", "vg0");
    assertEquals(
        "  Can't deactivate volume group \"vg0\" with 1 open logical volume(s)\n",
        r.err(),
        "the meta volume is mounted on san1");
    r = run("san1", "lvremove", "-f", "vg0/lv_meta");
    assertEquals("  Logical volume vg0/lv_meta contains a filesystem in use.\n", r.err());
  }

  /**
   * lvcreate refuses what lvm2's validate_restricted_lvname_param refuses, before it reads the
   * group, with lvm2's messages (lib/misc/lvm-string.c, tools/lvcreate.c) and EINVALID_CMD_LINE.
   */
  @Test
  void lvcreateRefusesTheNamesLvm2Refuses() throws Exception {
    for (String[] c :
        List.of(
            new String[] {".", "  Logical volume name \".\" is invalid.\n"},
            new String[] {"..", "  Logical volume name \"..\" is invalid.\n"},
            new String[] {"-x", "  Logical volume name \"-x\" is invalid.\n"},
            new String[] {"a b", "  Logical volume name \"a b\" is invalid.\n"},
            new String[] {
              "pvmove0",
              "  Names starting \"pvmove\" are reserved. Please choose a different LV" + " name.\n"
            },
            new String[] {
              "lv_rimage_0",
              "  Names including \"_rimage\" are reserved. Please choose a"
                  + " different LV name.\n"
            })) {
      CommandResult r = run("san1", "lvcreate", "-L", "4M", "-n", c[0], "vg0");
      assertEquals(3, r.exitStatus(), c[0]);
      assertEquals(c[1] + "  Run `lvcreate --help' for more information.\n", r.err(), c[0]);
      assertEquals("", r.out(), c[0]);
    }
    assertEquals(
        "  Volume group name v@g has invalid characters\n"
            + "  Run `lvcreate --help' for more information.\n",
        run("san1", "lvcreate", "-L", "4M", "-n", "ok", "v@g").err());
    assertEquals(0, run("san1", "lvcreate", "-L", "4M", "-n", "...", "vg0").exitStatus());
  }
}
