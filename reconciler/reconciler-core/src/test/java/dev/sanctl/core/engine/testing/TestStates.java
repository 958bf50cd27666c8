package dev.sanctl.core.engine.testing;

import dev.sanctl.core.engine.HostFactory;
import dev.sanctl.spi.host.HostUnreachableException;
import dev.sanctl.spi.model.Alerts;
import dev.sanctl.spi.model.Backups;
import dev.sanctl.spi.model.Cluster;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.IetGlobal;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.Policy;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.model.TargetDefaults;
import dev.sanctl.spi.model.Transport;
import dev.sanctl.spi.model.VolumeGroup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Desired states and hosts for engine tests, built in code. */
public final class TestStates {
  private TestStates() {}

  /** A node serving {@code services}. */
  public static NodeSpec node(String name, String... services) {
    return new NodeSpec(
        name,
        name + ".example",
        "linux",
        List.of(services),
        "ssh",
        null,
        null,
        null,
        null,
        null,
        new SourceRef("cluster.yaml", 3, 3));
  }

  /** A volume {@code name} of {@code size} bytes, present. */
  public static VolumeGroup.Volume vol(String name, long size) {
    return new VolumeGroup.Volume(
        name, size, ResourceState.PRESENT, new SourceRef("volumes.yaml", 10, 7));
  }

  /** A volume that must be destroyed. */
  public static VolumeGroup.Volume absent(String name) {
    return new VolumeGroup.Volume(
        name, 0, ResourceState.ABSENT, new SourceRef("volumes.yaml", 12, 7));
  }

  /** A volume group on {@code node} holding {@code volumes}. */
  public static VolumeGroup vg(String name, String node, VolumeGroup.Volume... volumes) {
    Map<String, VolumeGroup.Volume> m = new LinkedHashMap<>();
    for (VolumeGroup.Volume v : volumes) m.put(v.name(), v);
    return new VolumeGroup(
        name,
        VolumeGroup.Type.LVM,
        null,
        List.of(node),
        null,
        m,
        new SourceRef("volumes.yaml", 2, 3));
  }

  /** A cluster of these nodes and volume groups. */
  public static DesiredState state(List<NodeSpec> nodes, List<VolumeGroup> vgs) {
    Map<String, NodeSpec> n = new LinkedHashMap<>();
    nodes.forEach(x -> n.put(x.name(), x));
    Map<String, VolumeGroup> v = new LinkedHashMap<>();
    vgs.forEach(x -> v.put(x.name(), x));
    return new DesiredState(
        new Cluster("lab", "iqn.2026-01.dev.sanctl", "sanctl", new SourceRef("cluster.yaml", 1, 1)),
        n,
        Transport.DEFAULTS,
        Policy.DEFAULTS,
        Alerts.NONE,
        v,
        Map.of(),
        Map.of(),
        IetGlobal.NONE,
        TargetDefaults.NONE,
        List.of(),
        Map.of(),
        Map.of(),
        Backups.NONE,
        Map.of(),
        null);
  }

  /** Opens the given hosts by node name; a missing node is unreachable. */
  public static HostFactory hosts(Map<String, KvHost> hosts) {
    return (node, desired) -> {
      KvHost h = hosts.get(node.name());
      if (h == null) throw new HostUnreachableException("no route to host " + node.address());
      return h;
    };
  }
}
