package dev.sanctl.core.engine.testing;

import dev.sanctl.spi.provider.Observation;
import dev.sanctl.spi.provider.VolumeFacts;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** What {@code kv list} and {@code kv sessions} printed: entries are volumes {@code vg/lv=size}. */
public record KvObservation(Map<String, String> entries, Map<String, List<String>> sessions)
    implements Observation, VolumeFacts.Source {

  @Override
  public VolumeFacts volumeFacts() {
    Map<String, Map<String, VolumeFacts.Volume>> vols = new TreeMap<>();
    entries.forEach(
        (k, v) -> {
          int i = k.indexOf('/');
          if (k.startsWith("link:") || i < 0) return;
          String vg = k.substring(0, i);
          String lv = k.substring(i + 1);
          long size = v.matches("[0-9]+") ? Long.parseLong(v) : 0;
          vols.computeIfAbsent(vg, g -> new TreeMap<>())
              .put(lv, new VolumeFacts.Volume(lv, size, "/dev/" + k, sessions.containsKey(k)));
        });
    Map<String, VolumeFacts.Group> groups = new LinkedHashMap<>();
    vols.forEach((vg, m) -> groups.put(vg, new VolumeFacts.Group(vg, true, 1L << 40, m)));
    return new VolumeFacts(groups);
  }
}
