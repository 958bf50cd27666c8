package dev.sanctl.sim;

import dev.sanctl.spi.host.Command;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.approvaltests.Approvals;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the providers observe on both nodes of an HA pair after an Amherst-style set-up: targets on
 * LVs and on a sparse file, CHAP, multipath sessions, a LUN deleted while in use; then after a
 * failover driven by the meta volume's config.
 */
class NodeViewApprovalTest {
  private static final String P = "iqn.1990-01.edu.amherst:iscsi4.pg-vlan10.vg0.";

  @TempDir Path dir;

  /** {@code TOOL --reportformat json --units b --nosuffix -o COLUMNS}. */
  private static String[] jsonReport(String tool, String columns) {
    return new String[] {
      tool, "--reportformat", "json", "--units", "b", "--nosuffix", "-o", columns
    };
  }

  /** {@code ietadm --op new ARGS} on san1. */
  private static void ietadmNewOnSan1(SimCluster c, String... args) throws Exception {
    List<String> argv = new ArrayList<>(List.of("ietadm", "--op", "new"));
    argv.addAll(List.of(args));
    c.run("san1", argv.toArray(String[]::new));
  }

  private static String view(SimCluster c, String... nodes) throws Exception {
    StringBuilder sb = new StringBuilder();
    String[][] commands = {
      {"cat", "/proc/net/iet/volume"},
      {"cat", "/proc/net/iet/session"},
      jsonReport(
          "lvs",
          "vg_name,lv_name,lv_size,lv_attr,lv_path,lv_uuid,lv_active,lv_device_open,lv_time"),
      jsonReport("vgs", "vg_name,vg_size,vg_free,vg_uuid"),
      {"cat", "/etc/iet/initiators.allow"},
    };
    for (String node : nodes) {
      for (String[] argv : commands) {
        var r = c.run(node, argv);
        sb.append("### ")
            .append(node)
            .append(": ")
            .append(String.join(" ", argv))
            .append(" [exit ")
            .append(r.exitStatus())
            .append("]\n")
            .append(r.out())
            .append(r.err());
      }
    }
    return sb.toString();
  }

  private static void put(SimCluster c, String node, String path, String text) throws Exception {
    c.host(node).run(Command.change(text.getBytes(StandardCharsets.UTF_8), "tee", path));
  }

  @Test
  void amherstPairBeforeAndAfterFailover() throws Exception {
    SimCluster c = TestClusters.amherst(dir.resolve("sim"));
    for (String lv : new String[] {"lv_srv01_apps_vol00", "lv_vmc02_vmfs_vol00"}) {
      c.run("san1", "lvcreate", "-L", "1G", "-n", lv, "vg0");
    }
    c.run("san1", "truncate", "-s", "64M", "/srv/sanctl/vg_files/lun_lab_a.img");
    String conf =
        "Target "
            + P
            + "lv-srv01-apps-vol00\n"
            + "    IncomingUser srv01 srv01secret12\n"
            + "    Lun 0"
            + " Path=/dev/vg0/lv_srv01_apps_vol00,Type=blockio,ScsiId=AMHDSK-070401-02,ScsiSN=AMHDSK-070401-02\n"
            + "    InitialR2T No\n"
            + "Target "
            + P
            + "lv-vmc02-vmfs-vol00\n"
            + "    Lun 0 Path=/dev/vg0/lv_vmc02_vmfs_vol00,Type=blockio,ScsiSN=AMHDSK-090618-01\n";
    c.run("san1", "mkdir", "-p", "/mnt/iscsi-target/vg0/iet");
    put(c, "san1", "/mnt/iscsi-target/vg0/iet/ietd.conf", conf);
    String vgAllow =
        P
            + "lv-srv01-apps-vol00 iqn\\.1994-05\\.com\\.redhat:swiscsi\\.server01\\.apps\n"
            + P
            + "lv-vmc02-vmfs-vol00 iqn\\.1998-01\\.com\\.vmware:vmc02-node0[12]\n";
    put(c, "san1", "/mnt/iscsi-target/vg0/iet/initiators.allow", vgAllow);
    put(
        c,
        "san1",
        "/etc/iet/initiators.allow",
        "iqn.1990-01.edu.amherst:lab.a iqn\\.1994-05\\.com\\.redhat:lab\n" + vgAllow + "ALL ALL\n");
    put(c, "san2", "/etc/iet/initiators.allow", "ALL ALL\n");
    c.onNode(
        "san1",
        n -> {
          Failover.startTargets(n, conf);
          return null;
        });
    ietadmNewOnSan1(c, "--tid=0", "--params", "Name=iqn.1990-01.edu.amherst:lab.a");
    ietadmNewOnSan1(
        c,
        "--tid=3",
        "--lun=0",
        "--params",
        "Path=/srv/sanctl/vg_files/lun_lab_a.img,Type=fileio,IOMode=wb");
    ietadmNewOnSan1(
        c,
        "--tid=3",
        "--lun=1",
        "--params",
        "Path=/srv/sanctl/vg_files/lun_lab_a.img,Type=fileio,IOMode=ro,BlockSize=4096");
    c.addSession(
        "san1", P + "lv-vmc02-vmfs-vol00", "iqn.1998-01.com.vmware:vmc02-node01", "10.0.1.21");
    c.addSession(
        "san1", P + "lv-vmc02-vmfs-vol00", "iqn.1998-01.com.vmware:vmc02-node01", "10.0.2.21");
    c.addSession(
        "san1",
        P + "lv-srv01-apps-vol00",
        "iqn.1994-05.com.redhat:swiscsi.server01.apps",
        "10.0.1.30");
    c.addSession(
        "san1", "iqn.1990-01.edu.amherst:lab.a", "iqn.1994-05.com.redhat:lab", "10.0.1.99");
    c.run("san1", "ietadm", "--op", "delete", "--tid=3", "--lun=1");
    String before = view(c, "san1", "san2");
    c.failover("vg0", "san2");
    Approvals.verify(
        before + "\n##### after: sanctl sim failover vg0 san2\n\n" + view(c, "san1", "san2"));
  }
}
