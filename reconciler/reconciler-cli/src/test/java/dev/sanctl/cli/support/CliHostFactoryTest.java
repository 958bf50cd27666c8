package dev.sanctl.cli.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.host.LocalHost;
import dev.sanctl.sim.SimCluster;
import dev.sanctl.sim.SimHost;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.host.HostUnreachableException;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.ssh.SshHost;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CliHostFactoryTest {
  @TempDir Path tmp;

  static DesiredState quickstart() {
    return ConfigLoader.loadDirectory(CliRun.examples().resolve("quickstart")).state();
  }

  static NodeSpec withConnection(NodeSpec n, String connection, String address) {
    return new NodeSpec(
        n.name(),
        address,
        n.os(),
        n.services(),
        connection,
        n.user(),
        1,
        n.identityFile(),
        n.knownHostsFile(),
        n.tgtControlPort(),
        SourceRef.NONE);
  }

  @Test
  void simulatorServesEveryNodeAndAStrangerIsUnreachable() throws Exception {
    DesiredState d = quickstart();
    SimCluster sim = SimCluster.init(tmp.resolve("sim"), d, 1L << 30);
    CliHostFactory f = new CliHostFactory(tmp, sim);
    assertInstanceOf(SimHost.class, f.open(d.nodes().get("san-a"), d));
    NodeSpec stranger =
        new NodeSpec(
            "san-z",
            "192.0.2.99",
            "linux",
            List.of("lvm"),
            "ssh",
            null,
            null,
            null,
            null,
            null,
            SourceRef.NONE);
    HostUnreachableException e =
        assertThrows(HostUnreachableException.class, () -> f.open(stranger, d));
    assertTrue(e.getMessage().startsWith("node san-z is not in the simulated cluster"));
  }

  @Test
  void localNodesRunHereAndOthersGoOverSsh() throws Exception {
    DesiredState d = quickstart();
    CliHostFactory f = new CliHostFactory(tmp, null);
    Host local = f.open(withConnection(d.nodes().get("san-a"), "local", "localhost"), d);
    assertInstanceOf(LocalHost.class, local);
    assertEquals("hi\n", local.run(Command.read("echo", "hi")).out());
    Host ssh = f.open(withConnection(d.nodes().get("san-b"), "ssh", "127.0.0.1"), d);
    assertInstanceOf(SshHost.class, ssh);
    assertThrows(
        HostUnreachableException.class,
        () -> ssh.run(Command.read("true")),
        "nothing listens on port 1: the node is unknown, not an error of the run");
  }
}
