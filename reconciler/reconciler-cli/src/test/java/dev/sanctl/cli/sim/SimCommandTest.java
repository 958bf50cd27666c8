package dev.sanctl.cli.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.ExitCodes;
import dev.sanctl.cli.Main;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimCommandTest {
  private static final String IQN = "iqn.2001-04.edu.amherst:san1.vol1";

  @TempDir Path tmp;
  Path dir;

  /** What one CLI invocation printed and returned. */
  record Run(int status, String out, String err) {}

  static NodeSpec node(String name) {
    return new NodeSpec(
        name, name, "linux", List.of("lvm", "iet"), null, null, null, null, null, null, null);
  }

  @BeforeEach
  void cluster() throws Exception {
    Map<String, NodeSpec> nodes = new LinkedHashMap<>();
    nodes.put("san1", node("san1"));
    nodes.put("san2", node("san2"));
    Map<String, VolumeGroup> vgs = new LinkedHashMap<>();
    vgs.put(
        "vg0",
        new VolumeGroup(
            "vg0",
            VolumeGroup.Type.LVM,
            null,
            List.of("san1", "san2"),
            new VolumeGroup.MetaVolume("lv_meta", 8 << 20, "/mnt/iscsi-target/vg0", null),
            Map.of(),
            null));
    DesiredState state =
        new DesiredState(
            null, nodes, null, null, null, vgs, Map.of(), Map.of(), null, null, List.of(), Map.of(),
            Map.of(), null, Map.of(), null);
    dir = tmp.resolve("sim");
    SimCluster.init(dir, state, 1L << 30);
  }

  /** Runs sanctl with {@code stdin}, capturing the raw stdout/stderr bytes. */
  /** {@code sanctl sim run DIR NODE -- ARGV} with nothing on standard input. */
  private Run simRun(String node, String... argv) {
    List<String> args = new ArrayList<>(List.of("sim", "run", dir.toString(), node, "--"));
    args.addAll(List.of(argv));
    return sanctl("", args.toArray(String[]::new));
  }

  static Run sanctl(String stdin, String... args) {
    InputStream oldIn = System.in;
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    StringWriter cliOut = new StringWriter();
    StringWriter cliErr = new StringWriter();
    try {
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      CommandLine cl = Main.commandLine();
      cl.setOut(new PrintWriter(cliOut, true));
      cl.setErr(new PrintWriter(cliErr, true));
      int status = cl.execute(args);
      return new Run(
          status,
          out.toString(StandardCharsets.UTF_8) + cliOut,
          err.toString(StandardCharsets.UTF_8) + cliErr);
    } finally {
      System.setIn(oldIn);
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void runPassesStdinPrintsOutputAndExitsWithTheStatus() {
    Run r = simRun("san1", "lvcreate", "-L", "12M", "-n", "vol1", "vg0");
    assertEquals(new Run(0, "  Logical volume \"vol1\" created.\n", ""), r);
    r =
        sanctl(
            "Target " + IQN + "\n",
            "sim",
            "run",
            dir.toString(),
            "san1",
            "--",
            "tee",
            "/etc/iet/ietd.conf");
    assertEquals(new Run(0, "Target " + IQN + "\n", ""), r);
    r = simRun("san1", "cat", "/etc/iet/ietd.conf", "/x");
    assertEquals(new Run(1, "Target " + IQN + "\n", "cat: /x: No such file or directory\n"), r);
    r = simRun("san1", "ietadm", "--op", "delete", "--tid=3");
    assertEquals(new Run(254, "", "No such file or directory.\n"), r);
    r = simRun("san1", "nosuchtool");
    assertEquals(new Run(127, "", "sh: 1: nosuchtool: not found\n"), r);
  }

  @Test
  void sessionsWritesAndFailover() {
    simRun("san1", "lvcreate", "-L", "4M", "-n", "vol1", "vg0");
    simRun("san1", "ietadm", "--op", "new", "--tid=1", "--params", "Name=" + IQN);
    simRun(
        "san1",
        "ietadm",
        "--op",
        "new",
        "--tid=1",
        "--lun=0",
        "--params",
        "Path=/dev/vg0/vol1,Type=blockio");
    Run add =
        sanctl(
            "",
            "sim",
            "session",
            dir.toString(),
            "san1",
            "add",
            "--target",
            IQN,
            "--initiator",
            "iqn.1998-01.com.vmware:esx1",
            "--ip",
            "10.0.1.50");
    assertEquals(new Run(0, "", ""), add);
    String session = simRun("san1", "cat", "/proc/net/iet/session").out();
    assertTrue(
        session.contains(" initiator:iqn.1998-01.com.vmware:esx1\n\t\tcid:0 ip:10.0.1.50 "),
        session);

    assertEquals(
        0,
        sanctl(
                "",
                "sim",
                "write",
                dir.toString(),
                "san1",
                "--target",
                IQN,
                "--offset",
                "16384",
                "--length",
                "100")
            .status());
    Run beyond =
        sanctl(
            "",
            "sim",
            "write",
            dir.toString(),
            "san1",
            "--target",
            IQN,
            "--offset",
            "4194300",
            "--length",
            "100");
    assertEquals(ExitCodes.ERROR, beyond.status());
    assertTrue(
        beyond.err().startsWith("sanctl: error: write [4194300, 4194400) beyond the end"),
        beyond.err());

    assertEquals(
        0,
        sanctl(
                "",
                "sim",
                "session",
                dir.toString(),
                "san1",
                "remove",
                "--target",
                IQN,
                "--initiator",
                "iqn.1998-01.com.vmware:esx1")
            .status());
    assertEquals(new Run(0, "", ""), sanctl("", "sim", "failover", dir.toString(), "vg0", "san2"));
    assertEquals(
        "  -wi-a-----\n", simRun("san2", "lvs", "--noheadings", "-o", "lv_attr", "vg0/vol1").out());
    Run bad = sanctl("", "sim", "failover", dir.toString(), "vg0", "nowhere");
    assertEquals(ExitCodes.ERROR, bad.status());
  }

  @Test
  void faults() {
    assertEquals(
        0,
        sanctl("", "sim", "fault", dir.toString(), "san1", "--fail", "lvs", "--times", "1")
            .status());
    assertEquals(
        new Run(1, "", "lvs: Input/output error\n"),
        simRun("san1", "lvs", "--noheadings", "-o", "lv_name"));
    assertEquals(0, simRun("san1", "lvs").status());
    assertEquals(0, sanctl("", "sim", "fault", dir.toString(), "san2", "--unreachable").status());
    Run unreachable = simRun("san2", "lvs");
    assertEquals(ExitCodes.ERROR, unreachable.status());
    assertTrue(unreachable.err().contains("No route to host"), unreachable.err());
    assertEquals(0, sanctl("", "sim", "fault", dir.toString(), "san2", "--clear").status());
    assertEquals(0, simRun("san2", "lvs").status());
    assertEquals(0, sanctl("", "sim", "fault", dir.toString(), "san2", "--slow", "0.05").status());
    assertEquals(0, simRun("san2", "vgs").status());
    assertEquals(
        ExitCodes.USAGE,
        sanctl("", "sim", "fault", dir.toString(), "san2", "--clear", "--unreachable").status());
    assertEquals(ExitCodes.USAGE, sanctl("", "sim", "fault", dir.toString(), "san2").status());
    assertEquals(
        ExitCodes.ERROR,
        sanctl("", "sim", "fault", dir.toString(), "nosuchnode", "--clear").status());
  }

  @Test
  void everySubcommandTakesSimDirLikeTheOtherCommands() {
    String d = dir.toString();
    Run created =
        sanctl(
            "",
            "sim",
            "run",
            "--sim",
            d,
            "san1",
            "--",
            "lvcreate",
            "-L",
            "4M",
            "-n",
            "vol1",
            "vg0");
    assertEquals(new Run(0, "  Logical volume \"vol1\" created.\n", ""), created);
    simRun("san1", "ietadm", "--op", "new", "--tid=1", "--params", "Name=" + IQN);
    simRun(
        "san1",
        "ietadm",
        "--op",
        "new",
        "--tid=1",
        "--lun=0",
        "--params",
        "Path=/dev/vg0/vol1,Type=blockio");
    String[] add = {
      "sim",
      "session",
      "san1",
      "add",
      "--sim",
      d,
      "--target",
      IQN,
      "--initiator",
      "iqn.1998-01.com.vmware:esx1",
      "--ip",
      "10.0.1.50"
    };
    assertEquals(new Run(0, "", ""), sanctl("", add));
    assertTrue(simRun("san1", "cat", "/proc/net/iet/session").out().contains("ip:10.0.1.50"));
    String[] write = {
      "sim", "write", "--sim", d, "san1", "--target", IQN, "--offset", "0", "--length", "100"
    };
    assertEquals(new Run(0, "", ""), sanctl("", write));
    assertEquals(
        new Run(0, "", ""), sanctl("", "sim", "fault", "--sim", d, "san2", "--unreachable"));
    assertEquals(ExitCodes.ERROR, simRun("san2", "lvs").status());
    assertEquals(new Run(0, "", ""), sanctl("", "sim", "fault", "san2", "--clear", "--sim", d));
    assertEquals(0, simRun("san2", "lvs").status());
    String[] remove = {
      "sim",
      "session",
      "--sim",
      d,
      "san1",
      "remove",
      "--target",
      IQN,
      "--initiator",
      "iqn.1998-01.com.vmware:esx1"
    };
    assertEquals(new Run(0, "", ""), sanctl("", remove));
    assertEquals(new Run(0, "", ""), sanctl("", "sim", "failover", "--sim", d, "vg0", "san2"));
    assertEquals(
        "  -wi-a-----\n", simRun("san2", "lvs", "--noheadings", "-o", "lv_attr", "vg0/vol1").out());
  }

  @Test
  void missingOrExtraWordsOfSimSubcommandsAreUsageErrors() {
    String d = dir.toString();
    Run noNode = sanctl("", "sim", "fault", "--sim", d, "--clear");
    assertEquals(ExitCodes.USAGE, noNode.status(), noNode.toString());
    assertTrue(
        noNode.err().startsWith("sanctl: error: Missing required parameter: 'NODE'"), noNode.err());
    Run noDir = sanctl("", "sim", "failover");
    assertEquals(ExitCodes.USAGE, noDir.status(), noDir.toString());
    assertTrue(
        noDir.err().startsWith("sanctl: error: Missing required option: '--sim=DIR'"), noDir.err());
    Run extra = sanctl("", "sim", "failover", "--sim", d, "vg0", "san2", "san1");
    assertEquals(ExitCodes.USAGE, extra.status(), extra.toString());
    assertTrue(extra.err().startsWith("sanctl: error: Unexpected argument: 'san1'"), extra.err());
    Run action =
        sanctl(
            "", "sim", "session", "--sim", d, "san1", "jump", "--target", IQN, "--initiator", "x");
    assertEquals(ExitCodes.USAGE, action.status(), action.toString());
    assertTrue(action.err().startsWith("sanctl: error: 'jump' is not add or remove"), action.err());
  }
}
