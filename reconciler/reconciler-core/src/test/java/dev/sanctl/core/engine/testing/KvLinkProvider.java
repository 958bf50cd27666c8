package dev.sanctl.core.engine.testing;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import dev.sanctl.spi.provider.VolumeFacts;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Test provider {@code kvlink} (like a target provider on a volume provider): every kv volume gets
 * an entry {@code link:vg/lv=<device path>}, planned after the volume (dependsOn) and deleted
 * before it; the device path comes from the volume facts of the {@code kv} observation.
 */
public class KvLinkProvider implements Provider {
  @Override
  public String id() {
    return "kvlink";
  }

  @Override
  public Set<String> executables() {
    return Set.of("kv");
  }

  @Override
  public Set<String> dependsOn() {
    return Set.of("kv");
  }

  @Override
  public Observation observe(ObserveContext ctx) throws IOException {
    return KvProvider.read(ctx);
  }

  @Override
  public PlanResult plan(PlanContext ctx) {
    List<Change> changes = new ArrayList<>();
    for (NodeState ns : ctx.nodes().values()) {
      if (!ns.known()) continue;
      KvObservation o = (KvObservation) ns.observation();
      VolumeFacts facts = ctx.volumes().get(ns.node());
      for (Map.Entry<String, VolumeGroup.Volume> e :
          KvProvider.desiredOn(ctx.desired(), ns.node()).entrySet()) {
        String key = "link:" + e.getKey();
        String live = o.entries().get(key);
        ResourceAddress address = ResourceAddress.of(ns.node(), id(), "link", e.getKey());
        ResourceAddress volumeAddress = ResourceAddress.of(ns.node(), "kv", "entry", e.getKey());
        if (e.getValue().state() == ResourceState.ABSENT) {
          if (live != null) {
            changes.add(
                new Change(
                    address,
                    Action.DELETE,
                    Impact.NONE,
                    "volume is absent",
                    List.of(FieldChange.of("path", live, null)),
                    List.of(Command.change("kv", "del", key)),
                    List.of(),
                    List.of()));
          }
          continue;
        }
        String vg = e.getKey().substring(0, e.getKey().indexOf('/'));
        String lv = e.getKey().substring(vg.length() + 1);
        VolumeFacts.Group g = facts == null ? null : facts.groups().get(vg);
        VolumeFacts.Volume vol = g == null ? null : g.volumes().get(lv);
        String path = vol == null ? "/dev/" + e.getKey() : vol.devicePath();
        if (!path.equals(live)) {
          changes.add(
              new Change(
                  address,
                  live == null ? Action.CREATE : Action.UPDATE,
                  Impact.NONE,
                  live == null ? "not present on node" : "path differs",
                  List.of(FieldChange.of("path", live, path)),
                  List.of(Command.change("kv", "set", key, path)),
                  List.of(),
                  vol == null ? List.of(volumeAddress) : List.of()));
        }
      }
    }
    return new PlanResult(changes, List.of());
  }
}
