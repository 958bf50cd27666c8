package dev.sanctl.providers.comstar;

import dev.sanctl.providers.comstar.ComstarObservation.View;
import dev.sanctl.spi.provider.ObserveException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Parsers of the illumos listings (live-state-formats 4.1-4.7). */
final class ComstarParsers {
  private ComstarParsers() {}

  /** {@code stmfadm list-lu -v}: by GUID, the {@code label: value} properties. */
  static Map<String, Map<String, String>> listLu(String out) throws ObserveException {
    Map<String, Map<String, String>> lus = new LinkedHashMap<>();
    Map<String, String> current = null;
    for (String line : out.split("\n")) {
      if (line.isEmpty()) continue;
      if (line.startsWith("LU Name: ")) {
        current = new LinkedHashMap<>();
        lus.put(line.substring(9).toUpperCase(Locale.ROOT), current);
      } else if (current != null
          && line.startsWith("    ")
          && line.length() > 24
          && line.startsWith(": ", 22)) {
        current.put(line.substring(4, 22).strip(), line.substring(24));
      } else {
        throw new ObserveException("unexpected stmfadm list-lu line: " + line);
      }
    }
    return lus;
  }

  /** {@code stmfadm list-view -l GUID}. */
  static List<View> listView(String out) throws ObserveException {
    List<View> views = new ArrayList<>();
    Integer entry = null;
    String hg = null;
    String tg = null;
    for (String line : out.split("\n")) {
      if (line.isEmpty()) continue;
      if (line.startsWith("View Entry: ")) {
        entry = Integer.parseInt(line.substring(12).strip());
      } else if (entry != null && line.length() > 19 && line.startsWith(": ", 17)) {
        String label = line.substring(4, 17).strip();
        String value = line.substring(19);
        switch (label) {
          case "Host group" -> hg = value.equals("All") ? null : value;
          case "Target group" -> tg = value.equals("All") ? null : value;
          case "LUN" -> {
            views.add(new View(entry, hg, tg, Integer.parseInt(value.strip())));
            hg = null;
            tg = null;
          }
          default -> throw new ObserveException("unexpected stmfadm list-view line: " + line);
        }
      } else {
        throw new ObserveException("unexpected stmfadm list-view line: " + line);
      }
    }
    return views;
  }

  /** {@code stmfadm list-hg -v} / {@code list-tg -v}: groups and members. */
  static Map<String, List<String>> listGroups(String out, String label) throws ObserveException {
    Map<String, List<String>> groups = new LinkedHashMap<>();
    List<String> current = null;
    for (String line : out.split("\n")) {
      if (line.isEmpty()) continue;
      if (line.startsWith(label + ": ")) {
        current = new ArrayList<>();
        groups.put(line.substring(label.length() + 2), current);
      } else if (current != null && line.startsWith("\tMember: ")) {
        current.add(line.substring(9));
      } else {
        throw new ObserveException("unexpected stmfadm " + label + " line: " + line);
      }
    }
    return groups;
  }

  /** {@code itadm list-target -v}: by IQN, the TPG names of {@code tpg-tags}. */
  static Map<String, List<String>> itadmTargets(String out) throws ObserveException {
    Map<String, List<String>> targets = new LinkedHashMap<>();
    String current = null;
    for (String line : out.split("\n")) {
      if (line.isEmpty() || line.startsWith("TARGET NAME")) continue;
      if (!line.startsWith("\t")) {
        current = line.split("[ \t]+")[0];
        targets.put(current, new ArrayList<>());
      } else if (current != null && line.startsWith("\ttpg-tags:")) {
        String tags = line.substring(line.indexOf('\t', 1) + 1);
        if (!tags.equals("default")) {
          for (String t : tags.split(",")) targets.get(current).add(t.split(" = ")[0]);
        }
      } else if (current == null) {
        throw new ObserveException("unexpected itadm list-target line: " + line);
      }
    }
    return targets;
  }

  /** {@code itadm list-tpg -v}: by name, portals. */
  static Map<String, List<String>> itadmTpgs(String out) throws ObserveException {
    Map<String, List<String>> tpgs = new LinkedHashMap<>();
    String current = null;
    for (String line : out.split("\n")) {
      if (line.isEmpty() || line.startsWith("TARGET PORTAL GROUP")) continue;
      if (line.startsWith("    portals:")) {
        if (current == null) throw new ObserveException("unexpected itadm list-tpg line: " + line);
        String p = line.substring(line.indexOf('\t') + 1);
        if (!p.equals("<none>")) tpgs.get(current).addAll(List.of(p.split(",")));
      } else {
        current = line.split("[ \t]+")[0];
        tpgs.put(current, new ArrayList<>());
      }
    }
    return tpgs;
  }
}
