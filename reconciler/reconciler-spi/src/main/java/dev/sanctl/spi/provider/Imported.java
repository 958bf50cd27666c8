package dev.sanctl.spi.provider;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one importer returns.
 *
 * @param sections top-level desired-state sections as plain data (maps, lists, strings, numbers)
 * @param sources where each top-level section was read from, e.g. {@code "node1:
 *     /etc/iet/ietd.conf, /proc/net/iet/volume"}; written as comments above the section
 * @param notes comment lines per top-level section for the admin (e.g. files to create)
 * @param leftOut live objects seen but not imported, each with why; a plan right after import may
 *     change exactly these
 */
public record Imported(
    Map<String, Object> sections,
    Map<String, List<String>> sources,
    Map<String, List<String>> notes,
    List<LeftOut> leftOut) {
  public Imported {
    sections = Collections.unmodifiableMap(new LinkedHashMap<>(sections));
    sources = Collections.unmodifiableMap(new LinkedHashMap<>(sources));
    notes = Collections.unmodifiableMap(new LinkedHashMap<>(notes));
    leftOut = List.copyOf(leftOut);
  }

  /**
   * A live object not imported.
   *
   * @param address the address (or address prefix, e.g. {@code node1/iet.target/<iqn>}) of what a
   *     plan after the import may change because of it
   * @param reason why, and what the admin can do
   */
  public record LeftOut(String address, String reason) {}

  /** Sections only. */
  public static Imported of(Map<String, Object> sections) {
    return new Imported(sections, Map.of(), Map.of(), List.of());
  }
}
