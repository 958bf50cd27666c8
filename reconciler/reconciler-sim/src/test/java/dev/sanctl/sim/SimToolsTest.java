package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Every simulated tool is a {@link ServiceLoader} service, the built-in families included. */
class SimToolsTest {
  @Test
  void lvmIetAndCoreutilsAreServicesLikeEveryOtherTool() {
    Set<String> packages = new HashSet<>();
    Set<String> names = new HashSet<>();
    for (SimTool t : ServiceLoader.load(SimTool.class)) {
      packages.add(t.getClass().getPackageName());
      names.addAll(t.names());
    }
    assertEquals(
        Set.of(
            "dev.sanctl.sim.lvm",
            "dev.sanctl.sim.iet",
            "dev.sanctl.sim.coreutils",
            "dev.sanctl.sim.tgt",
            "dev.sanctl.sim.zfs",
            "dev.sanctl.sim.comstar",
            "dev.sanctl.sim.cron"),
        packages,
        "no tool lives in the root package, which holds the cluster infrastructure only");
    for (String n :
        List.of(
            "vgs",
            "lvs",
            "lvcreate",
            "vgchange",
            "dmsetup",
            "thin_delta",
            "ietadm",
            "cat",
            "sh",
            "dd",
            "find",
            "blockdev",
            "tgtadm",
            "zfs",
            "stmfadm",
            "crontab",
            "perl")) {
      assertTrue(names.contains(n), n + " is registered");
    }
  }

  @Test
  void theWrappersProvidersUseAreStripped() {
    assertEquals(
        List.of("lvs", "--noheadings"),
        SimTools.unwrap(
            List.of("sudo", "-n", "--", "env", "LC_ALL=C", "--", "lvs", "--noheadings")));
  }
}
