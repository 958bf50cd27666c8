package dev.sanctl.testkit;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.spi.model.DesiredState;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Desired states for tests, loaded by the real config loader. */
public final class Configs {
  private Configs() {}

  /**
   * Loads {@code yaml} as {@code config.yaml} of a fresh directory (so sources read {@code
   * config.yaml:LINE:COL}); throws {@link AssertionError} with the diagnostics when invalid.
   */
  public static DesiredState load(String yaml) {
    try {
      Path dir = Files.createTempDirectory("sanctl-config");
      Files.writeString(dir.resolve("config.yaml"), yaml);
      LoadResult r = ConfigLoader.loadDirectory(dir);
      if (!r.ok()) throw new AssertionError(r.diagnostics().toString());
      return r.state();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
