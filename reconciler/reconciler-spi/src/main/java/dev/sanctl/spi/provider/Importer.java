package dev.sanctl.spi.provider;

import java.util.Map;

/**
 * Optional trait of a provider: turn observations into desired-state YAML sections for {@code
 * sanctl import}. The returned tree (maps, lists, strings, numbers, booleans) is merged into the
 * written files; re-planning right after import must show no changes.
 */
public interface Importer {
  /** Top-level sections (e.g. {@code volumeGroups}, {@code targets}) as plain data. */
  Map<String, Object> importState(PlanContext context);
}
