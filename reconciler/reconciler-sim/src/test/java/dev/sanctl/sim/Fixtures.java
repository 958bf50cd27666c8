package dev.sanctl.sim;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reference outputs under the repository's {@code fixtures/} (see its README). */
public final class Fixtures {
  private Fixtures() {}

  static Path path(String name) {
    return Path.of("../../fixtures").resolve(name);
  }

  public static String text(String name) {
    try {
      return Files.readString(path(name), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
