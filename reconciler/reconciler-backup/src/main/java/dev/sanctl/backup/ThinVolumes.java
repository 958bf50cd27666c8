package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The LVs of a volume group as thin provisioning sees them, from {@code lvs --reportformat json}
 * (live-state-formats.md 2.1: one row per line, every value a string): name, origin, thin pool,
 * thin device id ({@code thin_id}, empty for LVs that are not thin) and size in bytes.
 */
final class ThinVolumes {
  /** One LV of the report. */
  record Lv(String name, String origin, String pool, String thinId, long sizeBytes) {
    boolean thin() {
      return !thinId.isEmpty() && !pool.isEmpty();
    }
  }

  private static final Pattern ROW = Pattern.compile("^\\s*\\{(\"lv_name\":.*)\\},?\\s*$");
  private static final Pattern PAIR = Pattern.compile("\"(\\w+)\":\"((?:[^\"\\\\]|\\\\.)*)\"");

  private ThinVolumes() {}

  static List<Lv> list(Host host, String vg) throws IOException {
    CommandResult r =
        host.run(
            Command.read(
                "lvs",
                "--reportformat",
                "json",
                "--units",
                "b",
                "--nosuffix",
                "-o",
                "lv_name,origin,pool_lv,thin_id,lv_size",
                vg));
    HostFiles.check("lvs " + vg, r);
    return parse(r.out());
  }

  static List<Lv> parse(String json) throws IOException {
    List<Lv> lvs = new ArrayList<>();
    for (String line : json.split("\n")) {
      Matcher m = ROW.matcher(line);
      if (!m.matches()) continue;
      Map<String, String> f = new HashMap<>();
      Matcher p = PAIR.matcher(m.group(1));
      while (p.find()) f.put(p.group(1), p.group(2).replaceAll("\\\\(.)", "$1"));
      try {
        lvs.add(
            new Lv(
                f.get("lv_name"),
                f.getOrDefault("origin", ""),
                f.getOrDefault("pool_lv", ""),
                f.getOrDefault("thin_id", ""),
                Long.parseLong(f.getOrDefault("lv_size", "0"))));
      } catch (NumberFormatException e) {
        throw new IOException("lvs: unexpected lv_size in " + line.strip());
      }
    }
    return lvs;
  }

  static Optional<Lv> find(List<Lv> lvs, String name) {
    return lvs.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The device-mapper name of an LV (layer): dashes doubled, e.g. {@code vg-pool_tmeta}. */
  static String dmName(String vg, String lv) {
    return vg.replace("-", "--") + "-" + lv.replace("-", "--");
  }
}
