package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The simulated {@code tgt-admin -e}: the tgtadm requests tgt 1.0.85's perl script makes. */
class TgtAdminToolTest {
  @TempDir Path dir;
  SimHost san1;

  @BeforeEach
  void init() throws Exception {
    san1 = TestClusters.amherstWithTgtOnSan1(dir.resolve("sim")).host("san1");
    run("mkdir", "-p", "/srv/luns", "/etc/tgt");
    run("truncate", "-s", "8M", "/srv/luns/a.img");
    run("truncate", "-s", "8M", "/srv/luns/b.img");
  }

  private CommandResult run(String... argv) throws Exception {
    CommandResult r = san1.run(new Command(List.of(argv), null, null, true, null));
    assertEquals(0, r.exitStatus(), String.join(" ", argv) + ": " + r.out() + r.err());
    return r;
  }

  /** tgtd serves target {@code tid} named {@code iqn} before tgt-admin runs. */
  private void newTarget(String tid, String iqn) throws Exception {
    run("tgtadm", "--lld", "iscsi", "--op", "new", "--mode", "target", "--tid", tid, "-T", iqn);
  }

  private void write(String path, String content) throws Exception {
    CommandResult r =
        san1.run(
            Command.change(content.getBytes(StandardCharsets.UTF_8), "tee", path)
                .withSecret("secretsecret"));
    assertEquals(0, r.exitStatus(), r.err());
  }

  private String show() throws Exception {
    return run("tgtadm", "-C", "9", "--lld", "iscsi", "--op", "show", "--mode", "target").out();
  }

  @Test
  void aStanzaWithoutInitiatorAddressIsOpenedToAllEvenWithInitiatorNames() throws Exception {
    write(
        "/etc/tgt/named.conf",
        """
        default-driver iscsi
        # the second stanza sorts first: it gets tid 1
        <target iqn.2026-01.test:zz>
        \t<backing-store /srv/luns/a.img>
        \t\tlun 1
        \t\tscsi_sn ZZ01
        \t</backing-store>
        \tinitiator-name iqn.2026-01.client:a
        </target>
        <target iqn.2026-01.test:aa>
        \tbacking-store /srv/luns/b.img
        \tinitiator-address 255.255.255.255
        \tinitiator-name iqn.2026-01.client:b
        \tincominguser alice secretsecret
        </target>
        """);
    run("tgt-admin", "-C", "9", "-e", "-c", "/etc/tgt/named.conf");
    String shown = show();
    assertTrue(shown.startsWith("Target 1: iqn.2026-01.test:aa\n"), shown);
    assertTrue(
        shown.contains(
            "    ACL information:\n"
                + "        255.255.255.255\n"
                + "        iqn.2026-01.client:b\n"
                + "Target 2: iqn.2026-01.test:zz\n"),
        shown);
    assertTrue(
        shown.endsWith("    ACL information:\n        ALL\n        iqn.2026-01.client:a\n"), shown);
    assertTrue(shown.contains("            SCSI SN: ZZ01\n"), shown);
    assertTrue(shown.contains("    Account information:\n        alice\n"), shown);
  }

  @Test
  void targetsAlreadyServedAreKeptAndOthersNotInTheFileAreDeleted() throws Exception {
    newTarget("4", "iqn.2026-01.test:aa");
    newTarget("5", "iqn.2026-01.test:gone");
    write(
        "/etc/tgt/two.conf",
        """
        <target iqn.2026-01.test:aa>
        \tbacking-store /srv/luns/a.img
        </target>
        <target iqn.2026-01.test:bb>
        \tbacking-store /srv/luns/b.img
        \tinitiator-address 10.0.0.5
        </target>
        """);
    run("tgt-admin", "-e", "-c", "/etc/tgt/two.conf");
    String shown = show();
    assertTrue(shown.startsWith("Target 4: iqn.2026-01.test:aa\n"), shown);
    assertTrue(shown.contains("Target 6: iqn.2026-01.test:bb\n"), shown);
    assertTrue(!shown.contains("iqn.2026-01.test:gone"), shown);
    assertTrue(shown.endsWith("    ACL information:\n        10.0.0.5\n"), shown);
  }
}
