package dev.sanctl.core.apply;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The state directory ({@code <config>/.sanctl} unless {@code --state-dir}): journal, lock, last
 * results, the watch daemon's cache. It is never part of the desired state, so whoever creates it
 * also writes its {@code .gitignore} ({@code *}): a routine {@code git add -A} in the config
 * repository does not commit it. A directory made by an older version gets the file the next time
 * sanctl writes there.
 */
public final class StateDirectory {
  /** The ignore file inside the state directory. */
  public static final String GITIGNORE = ".gitignore";

  static final String IGNORE_EVERYTHING =
      "# sanctl's state directory (journal, lock, last results): never commit it\n*\n";

  private StateDirectory() {}

  /** Creates {@code dir} (and parents) if needed and its {@code .gitignore} if missing. */
  public static Path ensure(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path ignore = dir.resolve(GITIGNORE);
    if (!Files.exists(ignore)) {
      try {
        Files.writeString(
            ignore,
            IGNORE_EVERYTHING,
            StandardCharsets.UTF_8,
            java.nio.file.StandardOpenOption.CREATE_NEW,
            java.nio.file.StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException raced) {
        // another process wrote it first
      }
    }
    return dir;
  }
}
