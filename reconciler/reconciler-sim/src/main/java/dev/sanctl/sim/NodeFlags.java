package dev.sanctl.sim;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-node switches that select which real tool version the simulator imitates. Stored in {@code
 * DIR/<node>/flags.state}.
 */
public final class NodeFlags {
  /** IET version rendered in {@code /proc/net/iet}: {@code 1.4.20} (default) or {@code 1.4.19}. */
  public static final String IET_VERSION = "iet.version";

  /**
   * {@code true} to imitate lvm2 2.03.26 and later, whose JSON reports always carry the {@code
   * "log"} array with the errors in it (default {@code false}: lvm2 2.03.16).
   */
  public static final String LVM_REPORT_LOG = "lvm.report_command_log";

  private static final Map<String, String> DEFAULTS =
      Map.of(IET_VERSION, "1.4.20", LVM_REPORT_LOG, "false");

  final Map<String, String> values = new TreeMap<>();

  public String get(String key) {
    return values.getOrDefault(key, DEFAULTS.get(key));
  }

  static NodeFlags load(Path file) throws IOException {
    NodeFlags f = new NodeFlags();
    for (List<String> r : StateFile.read(file)) f.values.put(r.get(0), r.get(1));
    return f;
  }

  void save(Path file) throws IOException {
    List<List<String>> out = new ArrayList<>();
    values.forEach((k, v) -> out.add(List.of(k, v)));
    StateFile.write(file, out);
  }
}
