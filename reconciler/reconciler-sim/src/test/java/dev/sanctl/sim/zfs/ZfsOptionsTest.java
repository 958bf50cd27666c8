package dev.sanctl.sim.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneOffset;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** zfs and zpool read their options with getopt(3): bundles, attached arguments, refusals. */
public class ZfsOptionsTest {
  @TempDir Path dir;
  Host arch;

  @BeforeEach
  void init() throws Exception {
    SimCluster cluster =
        SimCluster.init(
            dir, ZfsToolTest.state(), 1L << 30, Clock.fixed(ZfsToolTest.T0, ZoneOffset.UTC));
    arch = cluster.host("arch1");
  }

  private CommandResult run(String... argv) throws Exception {
    return arch.run(Command.change(argv));
  }

  @Test
  void createTakesBundledFlagsWithAnOptionArgumentAndAttachedArguments() throws Exception {
    assertTrue(run("zfs", "create", "-po", "compression=lz4", "tank/vm/a").ok());
    assertTrue(run("zfs", "create", "-sV", "1G", "-b64K", "tank/vm/v1").ok());
    CommandResult got = run("zfs", "get", "-Hpo", "value", "volsize,volblocksize", "tank/vm/v1");
    assertEquals("1073741824\n65536\n", got.out());
  }

  @Test
  void anOptionWithoutItsArgumentIsAMissingArgumentWithUsage() throws Exception {
    CommandResult r = run("zfs", "create", "-V");
    assertEquals(2, r.exitStatus());
    assertTrue(r.err().startsWith("missing argument for 'V' option\n"), r.err());
    CommandResult z = run("zpool", "list", "-H", "-o");
    assertEquals(2, z.exitStatus());
    assertTrue(z.err().startsWith("missing argument for 'o' option\nusage:\n"), z.err());
  }

  @Test
  void anUndeclaredLetterIsNamedAlone() throws Exception {
    CommandResult r = run("zfs", "destroy", "-dx", "tank/vm@s");
    assertEquals(2, r.exitStatus());
    assertEquals("invalid option 'x'\n", r.err());
    CommandResult l = run("zfs", "list", "--long");
    assertEquals("invalid option '-'\n", l.err());
  }
}
