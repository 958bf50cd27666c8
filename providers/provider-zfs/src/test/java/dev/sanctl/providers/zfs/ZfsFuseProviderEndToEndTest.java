package dev.sanctl.providers.zfs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.sanctl.core.host.LocalHost;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.testkit.ContractScenario;
import dev.sanctl.testkit.ProviderContract;
import dev.sanctl.testkit.ZfsFuse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The zfs provider against a real ZFS: zfs-fuse (legacy dialect, no {@code list -p}) with a
 * file-backed pool started and destroyed by the test. The full provider contract runs on it:
 * filesystems created with native and user properties, a drifted property set, re-plan empty.
 */
class ZfsFuseProviderEndToEndTest {
  @TempDir static Path dir;
  static ZfsFuse zfs;
  static String pool;

  @BeforeAll
  static void startZfsFuse() throws Exception {
    assumeTrue(ZfsFuse.available(), "/dev/fuse is absent: zfs-fuse cannot run here");
    zfs = ZfsFuse.start(dir);
    pool = zfs.createPool("sanctlzfs", 128L << 20);
  }

  @AfterAll
  static void stopZfsFuse() throws Exception {
    if (zfs != null) zfs.close();
  }

  /** {@code zfs get -H -o value,source PROPERTIES DATASET} on the real zfs-fuse. */
  private static String valuesAndSources(String properties, String dataset) throws Exception {
    return zfs.run("zfs", "get", "-H", "-o", "value,source", properties, dataset).out();
  }

  @Test
  void filesystemsAndPropertiesConvergeOnARealPool() throws Exception {
    assertTrue(zfs.run("zfs", "create", "-o", "compression=off", pool + "/vm").ok());
    DesiredState desired =
        ZfsProviderContractTest.load(
            """
        cluster: {name: lab, iqnPrefix: iqn.2026-01.dev.sanctl:lab, propertyNamespace: org.example}
        nodes:
          local: {address: 127.0.0.1, os: linux, connection: local, services: [zfs]}
        pools:
          POOL:
            nodes: [local]
            datasets:
              POOL/vm: {properties: {compression: "on", "org.example:owner": ops}}
              POOL/vm/db: {properties: {atime: "off", "org.example:tier": gold}}
              POOL/archive/ddless: {properties: {checksum: sha256}}
        """
                .replace("POOL", pool));
    ContractScenario real =
        new ContractScenario("zfs-fuse", desired, () -> (node, d) -> new LocalHost(node.name()));
    Plan plan = ProviderContract.check(new ZfsProvider(), List.of(), real);
    assertEquals(3, plan.changes().size(), plan.changes().toString());
    assertEquals(
        "on\tlocal\nops\tlocal\n", valuesAndSources("compression,org.example:owner", pool + "/vm"));
    assertEquals(
        "off\tlocal\ngold\tlocal\non\tinherited from " + pool + "/vm\n",
        valuesAndSources("atime,org.example:tier,compression", pool + "/vm/db"));
    assertEquals(
        "sha256\n",
        zfs.run("zfs", "get", "-H", "-o", "value", "checksum", pool + "/archive/ddless").out());
  }
}
