package dev.sanctl.providers.lvm;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.config.SourceFile;
import dev.sanctl.spi.model.DesiredState;
import java.util.List;

/** Desired states for the lvm tests: an HA pair and one volume group. */
final class LvmStates {
  private LvmStates() {}

  static final String CLUSTER =
      """
      cluster: {name: t, iqnPrefix: iqn.2024-01.org.example:san, propertyNamespace: org.example}
      nodes:
        n1: {address: 192.0.2.1, os: linux, services: [lvm]}
        n2: {address: 192.0.2.2, os: linux, services: [lvm]}
      """;

  static final String VGS =
      """
      volumeGroups:
        vg0:
          nodes: [n1, n2]
          metaVolume: {name: lv_meta, size: 8M, mountPoint: /mnt/iscsi-target/vg0}
          volumes:
            lv_a: {size: 64M}
            lv_b: {size: 100M}
            lv_old: {size: 8M, state: absent}
      """;

  static DesiredState load(String vgs, String... more) {
    List<SourceFile> files =
        new java.util.ArrayList<>(
            List.of(new SourceFile("cluster.yaml", CLUSTER), new SourceFile("lvm.yaml", vgs)));
    for (int i = 0; i < more.length; i++) files.add(new SourceFile("more" + i + ".yaml", more[i]));
    LoadResult r = ConfigLoader.loadFiles(files);
    assertTrue(r.ok(), () -> r.diagnostics().toString());
    return r.state();
  }

  static DesiredState state() {
    return load(VGS);
  }
}
