package dev.sanctl.core.engine;

import dev.sanctl.spi.diag.IoErrors;
import dev.sanctl.spi.provider.PlanContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/**
 * Reads secret files. Refuses a path outside the machine's {@link SecretDirs} (also after resolving
 * symbolic links), and files that are missing, unreadable or readable by group or others; strips
 * one trailing newline.
 */
public final class FileSecretResolver implements PlanContext.SecretResolver {
  private final SecretDirs dirs;

  /** A resolver for the secrets directories configured on this machine. */
  public FileSecretResolver(Path configDir) {
    this(SecretDirs.current());
  }

  public FileSecretResolver(SecretDirs dirs) {
    this.dirs = dirs;
  }

  @Override
  public String read(String path) throws PlanContext.SecretException {
    String refused = dirs.refusal(path);
    if (refused != null) {
      throw new PlanContext.SecretException("secret file " + path + " " + refused);
    }
    Path p = Path.of(path);
    try {
      String outside = dirs.refusalOnDisk(p);
      if (outside != null) {
        throw new PlanContext.SecretException("secret file " + path + " " + outside);
      }
      Set<PosixFilePermission> perms;
      try {
        perms = Files.getPosixFilePermissions(p);
      } catch (UnsupportedOperationException e) {
        perms = Set.of();
      }
      if (perms.contains(PosixFilePermission.GROUP_READ)
          || perms.contains(PosixFilePermission.OTHERS_READ)) {
        throw new PlanContext.SecretException(
            "secret file "
                + path
                + " is readable by group or others (run: chmod 600 "
                + path
                + ")");
      }
      String s = Files.readString(p, StandardCharsets.UTF_8);
      if (s.endsWith("\n")) s = s.substring(0, s.length() - 1);
      if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
      return s;
    } catch (IOException e) {
      throw new PlanContext.SecretException("cannot read secret file " + IoErrors.describe(e));
    }
  }
}
