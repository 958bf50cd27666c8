package dev.sanctl.backup;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.json.Json;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The LVs of a volume group as thin provisioning sees them, from {@code lvs --reportformat json}
 * (live-state-formats.md 2.1, read with {@link Json#parse}): name, origin, thin pool, thin device
 * id ({@code thin_id}, empty for LVs that are not thin) and size in bytes.
 */
final class ThinVolumes {
  /** One LV of the report. */
  record Lv(String name, String origin, String pool, String thinId, long sizeBytes) {
    boolean thin() {
      return !thinId.isEmpty() && !pool.isEmpty();
    }
  }

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
    for (Map<?, ?> f : rows(json)) {
      try {
        lvs.add(
            new Lv(
                field(f, "lv_name"),
                field(f, "origin"),
                field(f, "pool_lv"),
                field(f, "thin_id"),
                Long.parseLong(f.get("lv_size") == null ? "0" : field(f, "lv_size"))));
      } catch (NumberFormatException e) {
        throw new IOException("lvs: unexpected lv_size in " + Json.write(f).strip());
      }
    }
    return lvs;
  }

  /** The rows of every {@code report[*].lv} array. */
  private static List<Map<?, ?>> rows(String json) throws IOException {
    List<Map<?, ?>> rows = new ArrayList<>();
    try {
      if (Json.parse(json) instanceof Map<?, ?> top && top.get("report") instanceof List<?> rs) {
        for (Object r : rs) {
          if (r instanceof Map<?, ?> m && m.get("lv") instanceof List<?> lv) {
            for (Object row : lv) if (row instanceof Map<?, ?> f) rows.add(f);
          }
        }
      }
    } catch (IllegalArgumentException e) {
      throw new IOException("lvs: unreadable JSON report (" + e.getMessage() + ")");
    }
    return rows;
  }

  private static String field(Map<?, ?> row, String name) {
    Object v = row.get(name);
    return v == null ? "" : v.toString();
  }

  static Optional<Lv> find(List<Lv> lvs, String name) {
    return lvs.stream().filter(l -> l.name().equals(name)).findFirst();
  }

  /** The device-mapper name of an LV (layer): dashes doubled, e.g. {@code vg-pool_tmeta}. */
  static String dmName(String vg, String lv) {
    return vg.replace("-", "--") + "-" + lv.replace("-", "--");
  }
}
