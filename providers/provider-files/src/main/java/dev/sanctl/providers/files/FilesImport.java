package dev.sanctl.providers.files;

import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.values.ExactSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code sanctl import} for files groups. {@code stat} only sees the files the desired state names,
 * so import re-states the known groups with the observed sizes of their existing files (files that
 * grew by hand are imported at their new size).
 */
final class FilesImport {
  private FilesImport() {}

  static Map<String, Object> sections(PlanContext ctx) {
    Map<String, Object> groups = new LinkedHashMap<>();
    for (NodeState s : ctx.nodes().values()) {
      if (!s.known()) continue;
      for (FilesObservation.Group g : ((FilesObservation) s.observation()).groups().values()) {
        if (groups.containsKey(g.name()) || !g.directoryExists()) continue;
        VolumeGroup vg = ctx.desired().volumeGroups().get(g.name());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("type", "files");
        out.put("path", g.path());
        out.put("nodes", new ArrayList<>(vg.nodes()));
        Map<String, Object> volumes = new LinkedHashMap<>();
        g.files().forEach((name, size) -> volumes.put(name, Map.of("size", ExactSize.text(size))));
        out.put("volumes", volumes);
        groups.put(g.name(), out);
      }
    }
    return groups.isEmpty() ? Map.of() : Map.of("volumeGroups", (Object) groups);
  }
}
