package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.values.ExactSize;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Files-backed targets: a LUN served with {@code Type=fileio} from {@code <dir>/<name>.img} of a
 * directory no volume group declares brings a {@code type: files} group named after the directory
 * ({@code /srv/sanctl/vg_lab} is {@code vg_lab}), on the nodes that serve from it, with the volume
 * at the size IET reports (the files importer re-states it at its {@code stat} size in the next
 * pass, and the target is imported then).
 */
final class IetImportFiles {
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_+.][A-Za-z0-9_+.-]{0,126}");

  private IetImportFiles() {}

  /**
   * Adds the files group (and volume) of {@code lun} to {@code groups}; false when its path is no
   * {@code <dir>/<name>.img} of a new group.
   */
  @SuppressWarnings("unchecked")
  static boolean group(
      PlanContext ctx,
      String node,
      IetRuntime.Lun lun,
      Map<String, Object> groups,
      List<String> sources) {
    String path = lun.path();
    if (path == null || !path.endsWith(".img") || !"fileio".equals(lun.ioType())) return false;
    int slash = path.lastIndexOf('/');
    if (slash <= 0) return false;
    String dir = path.substring(0, slash);
    String group = dir.substring(dir.lastIndexOf('/') + 1);
    String volume = path.substring(slash + 1, path.length() - 4);
    if (!NAME.matcher(group).matches() || !NAME.matcher(volume).matches()) return false;
    VolumeGroup known = ctx.desired().volumeGroups().get(group);
    if (known != null) return false;
    Map<String, Object> g =
        (Map<String, Object>) groups.computeIfAbsent(group, k -> new LinkedHashMap<>());
    g.put("type", "files");
    g.put("path", dir);
    List<String> nodes = (List<String>) g.computeIfAbsent("nodes", k -> new ArrayList<>());
    if (!nodes.contains(node)) nodes.add(node);
    Map<String, Object> volumes =
        (Map<String, Object>) g.computeIfAbsent("volumes", k -> new LinkedHashMap<>());
    Long size = lun.sizeBytes();
    volumes.put(volume, Map.of("size", size == null || size <= 0 ? "1" : ExactSize.text(size)));
    String source = node + ": " + path + " (served by IET)";
    if (!sources.contains(source)) sources.add(source);
    return true;
  }
}
