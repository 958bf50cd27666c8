package dev.sanctl.providers.lvm;

import dev.sanctl.spi.json.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An lvm2 {@code --reportformat json} report: the rows of one report ({@code "vg"}, {@code "lv"})
 * and the error messages of the {@code "log"} array that lvm2 2.03.26 and later append (absent in
 * older versions, where errors go to stderr).
 *
 * @param rows every row as column name to string value, in report order
 * @param errors {@code log_message} of every {@code log_type: error} entry
 */
record LvmJsonReport(List<Map<String, String>> rows, List<String> errors) {

  /** Parses {@code json}, reading the rows of every {@code report[*].<name>} array. */
  static LvmJsonReport parse(String json, String name) {
    Object doc = Json.parse(json);
    if (!(doc instanceof Map<?, ?> top) || !(top.get("report") instanceof List<?> reports)) {
      throw new IllegalArgumentException("no \"report\" array");
    }
    List<Map<String, String>> rows = new ArrayList<>();
    for (Object r : reports) {
      if (!(r instanceof Map<?, ?> m))
        throw new IllegalArgumentException("report is not an object");
      Object list = m.get(name);
      if (list == null) continue;
      if (!(list instanceof List<?> l)) throw new IllegalArgumentException(name + " is not a list");
      for (Object row : l) rows.add(strings(row));
    }
    List<String> errors = new ArrayList<>();
    if (top.get("log") instanceof List<?> log) {
      for (Object e : log) {
        Map<String, String> entry = strings(e);
        if ("error".equals(entry.get("log_type"))) errors.add(entry.get("log_message"));
      }
    }
    return new LvmJsonReport(rows, errors);
  }

  private static Map<String, String> strings(Object row) {
    if (!(row instanceof Map<?, ?> m)) throw new IllegalArgumentException("row is not an object");
    Map<String, String> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(String.valueOf(k), v == null ? "" : String.valueOf(v)));
    return out;
  }
}
