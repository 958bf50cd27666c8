package dev.sanctl.core.engine.testing;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.ResourceState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.ObserveContext;
import dev.sanctl.spi.provider.ObserveException;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.PlanResult;
import dev.sanctl.spi.provider.Provider;
import dev.sanctl.spi.provider.ResourceAddress;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Test provider {@code kv}: every volume of a volume group is an entry {@code vg/lv=<size>} on the
 * group's first node. A volume called {@code chap*} holds the secret read from the file named by
 * its name instead (sensitive). Grows are updates (disruptive while sessions are logged in),
 * shrinks are errors, {@code state: absent} deletes (destructive), unknown entries are unmanaged.
 */
public class KvProvider implements Provider {
  @Override
  public String id() {
    return "kv";
  }

  @Override
  public Set<String> executables() {
    return Set.of("kv");
  }

  @Override
  public Observation observe(ObserveContext ctx) throws IOException {
    return read(ctx);
  }

  static KvObservation read(ObserveContext ctx) throws IOException {
    CommandResult list = ctx.host().run(Command.read("kv", "list"));
    if (!list.ok()) throw new ObserveException("kv list exited " + list.exitStatus());
    Map<String, String> entries = new TreeMap<>();
    list.out()
        .lines()
        .forEach(
            l -> {
              int i = l.indexOf('=');
              entries.put(l.substring(0, i), l.substring(i + 1));
            });
    CommandResult s = ctx.host().run(Command.read("kv", "sessions"));
    if (!s.ok()) throw new ObserveException("kv sessions exited " + s.exitStatus());
    Map<String, List<String>> sessions = new TreeMap<>();
    s.out()
        .lines()
        .forEach(
            l -> {
              String[] w = l.split(" ");
              sessions.computeIfAbsent(w[0], k -> new ArrayList<>()).add(w[1]);
            });
    return new KvObservation(entries, sessions);
  }

  /** Desired volumes of {@code node}: vg/lv to volume. */
  static Map<String, VolumeGroup.Volume> desiredOn(DesiredState d, String node) {
    Map<String, VolumeGroup.Volume> out = new LinkedHashMap<>();
    for (VolumeGroup vg : d.volumeGroups().values()) {
      if (vg.nodes().isEmpty() || !vg.nodes().get(0).equals(node)) continue;
      vg.volumes().values().forEach(v -> out.put(vg.name() + "/" + v.name(), v));
    }
    return out;
  }

  @Override
  public PlanResult plan(PlanContext ctx) {
    List<Change> changes = new ArrayList<>();
    List<Finding> findings = new ArrayList<>();
    for (NodeState ns : ctx.nodes().values()) {
      if (!ns.known()) continue;
      KvObservation o = (KvObservation) ns.observation();
      String node = ns.node();
      Map<String, VolumeGroup.Volume> desired = desiredOn(ctx.desired(), node);
      for (Map.Entry<String, VolumeGroup.Volume> e : desired.entrySet()) {
        String key = e.getKey();
        VolumeGroup.Volume v = e.getValue();
        String live = o.entries().get(key);
        ResourceAddress address = ResourceAddress.of(node, id(), "entry", key);
        List<String> sessions = o.sessions().getOrDefault(key, List.of());
        if (v.state() == ResourceState.ABSENT) {
          if (live != null) {
            changes.add(
                new Change(
                    address,
                    Action.DELETE,
                    Impact.DESTRUCTIVE,
                    "state: absent",
                    List.of(FieldChange.of("value", live, null)),
                    List.of(Command.change("kv", "del", key)),
                    sessions,
                    List.of()));
          }
          continue;
        }
        boolean secret = v.name().startsWith("chap");
        String want;
        if (secret) {
          try {
            want = ctx.secrets().read(v.name());
          } catch (PlanContext.SecretException ex) {
            findings.add(Finding.error(address, ex.getMessage(), null, v.source()));
            continue;
          }
        } else {
          want = Long.toString(v.sizeBytes());
        }
        Command set = Command.change("kv", "set", key, want);
        if (secret) set = set.withSecret(want);
        if (live == null) {
          changes.add(
              new Change(
                  address,
                  Action.CREATE,
                  Impact.NONE,
                  "not present on node",
                  List.of(new FieldChange("value", null, want, secret)),
                  List.of(set),
                  List.of(),
                  List.of()));
        } else if (!live.equals(want)) {
          if (!secret && Long.parseLong(want) < Long.parseLong(live)) {
            findings.add(
                Finding.error(
                    address,
                    "cannot shrink " + key + " from " + live + " to " + want,
                    "volumes never shrink",
                    v.source()));
            continue;
          }
          changes.add(
              new Change(
                  address,
                  Action.UPDATE,
                  sessions.isEmpty() ? Impact.NONE : Impact.DISRUPTIVE,
                  secret ? "secret changed" : "size " + live + " -> " + want,
                  List.of(new FieldChange("value", live, want, secret)),
                  List.of(set),
                  sessions,
                  List.of()));
        }
      }
      for (String key : o.entries().keySet()) {
        if (key.startsWith("link:") || desired.containsKey(key)) continue;
        findings.add(
            Finding.unmanaged(
                ResourceAddress.of(node, id(), "entry", key),
                "entry " + key + " is not in the desired state",
                "add it to volumeGroups or remove it by hand",
                null));
      }
    }
    return new PlanResult(changes, findings);
  }
}
