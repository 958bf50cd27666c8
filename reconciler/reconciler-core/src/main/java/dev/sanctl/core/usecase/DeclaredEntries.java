package dev.sanctl.core.usecase;

import dev.sanctl.core.config.Quantities;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The entries of the admin's own files win over imported ones of the same name: an imported {@code
 * volumeGroups}, {@code portalGroups} or {@code initiatorGroups} entry the admin's files already
 * declare (e.g. a {@code type: files} group declared by hand, as it must be for files the desired
 * state does not name) is dropped from the import instead of conflicting with it. When the imported
 * volume group differs from the declared one, the difference is left out (the plan shows it).
 */
final class DeclaredEntries {
  private static final List<String> SECTIONS =
      List.of("volumeGroups", "portalGroups", "initiatorGroups");

  private DeclaredEntries() {}

  /** Removes declared entries from {@code doc}; what differs from the declaration is left out. */
  @SuppressWarnings("unchecked")
  static List<Imported.LeftOut> dropFrom(Map<String, Object> doc, DesiredState declared) {
    List<Imported.LeftOut> out = new ArrayList<>();
    for (String section : SECTIONS) {
      if (!(doc.get(section) instanceof Map<?, ?> m)) continue;
      Map<String, Object> entries = new LinkedHashMap<>((Map<String, Object>) m);
      for (String name : List.copyOf(entries.keySet())) {
        if (!names(declared, section).contains(name)) continue;
        Object imported = entries.remove(name);
        if (section.equals("volumeGroups") && imported instanceof Map<?, ?> g) {
          VolumeGroup vg = declared.volumeGroups().get(name);
          if (!sameVolumes(vg, (Map<String, Object>) g)) {
            for (String node : vg.nodes()) {
              out.add(
                  new Imported.LeftOut(
                      node + "/" + ResourceAddress.volumeProvider(vg.type()) + ".volume/" + name,
                      section
                          + "."
                          + name
                          + " is declared in your files and kept as declared; its live volumes"
                          + " differ (the plan shows how)"));
            }
          }
        }
      }
      if (entries.isEmpty()) doc.remove(section);
      else doc.put(section, entries);
    }
    return out;
  }

  /**
   * One provider may recognise as a group's meta volume what another imported as one of its volumes
   * (the meta volume is an LV like any other to lvm): the meta volume wins.
   */
  @SuppressWarnings("unchecked")
  static void metaVolumesAreNoVolumes(Map<String, Object> doc) {
    if (!(doc.get("volumeGroups") instanceof Map<?, ?> groups)) return;
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<String, Object>) groups)
        .forEach(
            (name, entry) -> {
              Object g = entry;
              if (g instanceof Map<?, ?> group
                  && group.get("metaVolume") instanceof Map<?, ?> meta
                  && group.get("volumes") instanceof Map<?, ?> volumes) {
                Map<String, Object> rest = new LinkedHashMap<>((Map<String, Object>) volumes);
                rest.remove(String.valueOf(meta.get("name")));
                Map<String, Object> copy = new LinkedHashMap<>((Map<String, Object>) group);
                copy.put("volumes", rest);
                g = copy;
              }
              out.put(name, g);
            });
    doc.put("volumeGroups", out);
  }

  private static Set<String> names(DesiredState d, String section) {
    return switch (section) {
      case "volumeGroups" -> d.volumeGroups().keySet();
      case "portalGroups" -> d.portalGroups().keySet();
      default -> d.initiatorGroups().keySet();
    };
  }

  /** Whether the imported group has the declared group's volumes at the same sizes. */
  @SuppressWarnings("unchecked")
  private static boolean sameVolumes(VolumeGroup declared, Map<String, Object> imported) {
    Object v = imported.get("volumes");
    Map<String, Object> volumes = v instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    Map<String, Long> have = new LinkedHashMap<>();
    volumes.forEach(
        (name, spec) -> {
          Object size = spec instanceof Map<?, ?> s ? s.get("size") : null;
          have.put(name, size == null ? -1 : Quantities.sizeBytes(size.toString()).orElse(-1));
        });
    Map<String, Long> want = new LinkedHashMap<>();
    declared.volumes().values().forEach(vol -> want.put(vol.name(), vol.sizeBytes()));
    return Objects.equals(have, want);
  }
}
