package dev.sanctl.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.SimHost;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.testkit.Configs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's {@code tgt-admin -e} against the real one: the same targets.conf loaded into a
 * real {@code tgtd} and into a simulated one gives the same {@code tgtadm --op show} bytes (tids,
 * LUNs, serials, accounts and ACLs, {@code ALL} where tgt-admin binds it).
 */
class TgtAdminFidelityIT {
  @TempDir Path tmp;

  static String conf(Path luns) {
    return """
    default-driver iscsi
    <target iqn.2026-01.test:zz>
    \t<backing-store %1$s/a.img>
    \t\tlun 1
    \t\tscsi_sn ZZ01
    \t\tscsi_id ZZ01
    \t</backing-store>
    \tinitiator-name iqn.2026-01.client:a
    </target>

    <target iqn.2026-01.test:aa>
    \tbacking-store %1$s/b.img
    \tinitiator-address 255.255.255.255
    \tinitiator-name iqn.2026-01.client:b
    \tinitiator-name iqn.2026-01.client:c
    \tincominguser fidelity-user secretsecret
    </target>

    <target iqn.2026-01.test:mm>
    \tbacking-store %1$s/c.img
    </target>
    """
        .formatted(luns);
  }

  static String run(String... argv) throws Exception {
    Process p = new ProcessBuilder(argv).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(0, p.waitFor(), String.join(" ", argv) + "\n" + out);
    return out;
  }

  static String run(SimHost host, String... argv) throws Exception {
    CommandResult r = host.run(new Command(List.of(argv), null, null, true, null));
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + "\n" + r.out() + r.err());
    return r.out();
  }

  @Test
  void simulatedTgtAdminLoadsWhatTheRealOneLoads() throws Exception {
    boolean present =
        Files.isExecutable(TgtDaemon.TGTD) && Files.isExecutable(Path.of("/usr/sbin/tgt-admin"));
    if (System.getenv("CI") != null) assertTrue(present, "CI must install tgt (ci/packages.txt)");
    assumeTrue(present, "tgt is not installed");
    Path luns = Files.createDirectories(tmp.resolve("luns"));
    String text = conf(luns);

    String real;
    Path file = tmp.resolve("fidelity.conf");
    Files.writeString(file, text);
    for (String lun : List.of("a", "b", "c")) {
      run("truncate", "-s", "16M", luns.resolve(lun + ".img").toString());
    }
    try (TgtDaemon tgtd = new TgtDaemon(tmp, 4741)) {
      String port = Integer.toString(tgtd.controlPort);
      run("tgt-admin", "-C", port, "-e", "-c", file.toString());
      real =
          run("tgtadm", "-C", port, "--lld", "iscsi", "--op", "show", "--mode", "target")
              + run("tgtadm", "-C", port, "--lld", "iscsi", "--op", "show", "--mode", "account");
    }

    SimCluster sim =
        SimCluster.init(
            tmp.resolve("sim"),
            Configs.load(
                """
                cluster: {name: fid, iqnPrefix: iqn.2026-01.dev.sanctl:fid}
                nodes:
                  lab: {address: 192.0.2.10, os: linux, services: [tgt]}
                """),
            1L << 30);
    SimHost lab = sim.host("lab");
    run(lab, "mkdir", "-p", luns.toString());
    for (String lun : List.of("a", "b", "c")) {
      run(lab, "truncate", "-s", "16M", luns.resolve(lun + ".img").toString());
    }
    CommandResult w =
        lab.run(
            Command.change(text.getBytes(StandardCharsets.UTF_8), "tee", file.toString())
                .withSecret("secretsecret"));
    assertEquals(0, w.exitStatus(), w.err());
    run(lab, "tgt-admin", "-C", "7", "-e", "-c", file.toString());
    String simulated =
        run(lab, "tgtadm", "-C", "7", "--lld", "iscsi", "--op", "show", "--mode", "target")
            + run(lab, "tgtadm", "-C", "7", "--lld", "iscsi", "--op", "show", "--mode", "account");

    assertEquals(real, simulated);
    assertTrue(real.contains("        ALL\n"), real);
  }
}
