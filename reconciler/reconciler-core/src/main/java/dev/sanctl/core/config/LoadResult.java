package dev.sanctl.core.config;

import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import java.util.List;

/**
 * The outcome of loading a config repository.
 *
 * @param state the desired state, or null when there are errors
 * @param diagnostics every problem found, sorted by file and position; warnings may accompany a
 *     state
 * @param ignored the YAML files that were not read because they are not configuration, as {@code
 *     "path (reason)"} ({@link ConfigFileRule})
 */
public record LoadResult(
    dev.sanctl.spi.model.DesiredState state, List<Diagnostic> diagnostics, List<String> ignored) {
  public LoadResult {
    diagnostics = diagnostics.stream().sorted().toList();
    ignored = List.copyOf(ignored);
  }

  /** A result without ignored files. */
  public LoadResult(dev.sanctl.spi.model.DesiredState state, List<Diagnostic> diagnostics) {
    this(state, diagnostics, List.of());
  }

  /** True when the state was built (no errors; warnings allowed). */
  public boolean ok() {
    return state != null && diagnostics.stream().noneMatch(d -> d.severity() == Severity.ERROR);
  }

  /** The errors only. */
  public List<Diagnostic> errors() {
    return diagnostics.stream().filter(d -> d.severity() == Severity.ERROR).toList();
  }
}
