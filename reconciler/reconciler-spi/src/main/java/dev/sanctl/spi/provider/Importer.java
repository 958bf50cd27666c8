package dev.sanctl.spi.provider;

import java.util.Map;

/**
 * Optional trait of a provider: turn observations into desired-state YAML sections for {@code
 * sanctl import}. The returned tree (maps, lists, strings, numbers, booleans) is merged into the
 * written files; re-planning right after import must show no changes, except for what the importer
 * reports as left out ({@link Imported#leftOut()}), which {@code sanctl import} lists at the end.
 */
public interface Importer {
  /** Top-level sections (e.g. {@code volumeGroups}, {@code targets}) as plain data. */
  Map<String, Object> importState(PlanContext context);

  /**
   * The sections with where they came from and what was left out. The default is {@link
   * #importState} with neither; importers that can say more override this.
   */
  default Imported importLive(ImportContext context) {
    return Imported.of(importState(context.plan()));
  }
}
