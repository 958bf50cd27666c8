package dev.sanctl.gitops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Atomic writes (temp file, fsync, rename) and tolerant reads of the daemon's JSON files. */
final class StateFiles {
  static final JsonMapper MAPPER = JsonMapper.builder().build();

  private StateFiles() {}

  static void writeAtomically(Path file, String text) {
    try {
      dev.sanctl.core.apply.StateDirectory.ensure(file.getParent());
      Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(
          tmp,
          text,
          StandardCharsets.UTF_8,
          java.nio.file.StandardOpenOption.CREATE,
          java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
          java.nio.file.StandardOpenOption.WRITE,
          java.nio.file.StandardOpenOption.SYNC);
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** The parsed file, empty when it does not exist. */
  static Optional<JsonNode> read(Path file) {
    if (!Files.exists(file)) return Optional.empty();
    try {
      return Optional.of(MAPPER.readTree(Files.readString(file, StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          file + " is not valid JSON (" + e.getMessage() + "); move it away to start afresh", e);
    }
  }

  /** A text field, or null when absent or null. */
  static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    return v == null || v.isNull() ? null : v.asString();
  }
}
