package dev.sanctl.core.engine;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The directories secret files ({@code secretFile}, {@code passwordFile}) may live in, configured
 * on the machine running sanctl, never by the config repository: {@value #ENV} (colon-separated
 * absolute directories; the Java system property {@value #PROPERTY} overrides it), {@value
 * #DEFAULT} when unset.
 */
public final class SecretDirs {
  /** Environment variable naming the secrets directories. */
  public static final String ENV = "SANCTL_SECRET_DIRS";

  /** System property overriding {@link #ENV} (for embedding and tests). */
  public static final String PROPERTY = "sanctl.secretDirs";

  /** The secrets directory when nothing else is configured. */
  public static final String DEFAULT = "/etc/sanctl";

  private final List<Path> dirs;

  private SecretDirs(List<Path> dirs) {
    this.dirs = List.copyOf(dirs);
  }

  /** The directories configured on this machine. */
  public static SecretDirs current() {
    String v = System.getProperty(PROPERTY);
    if (v == null || v.isBlank()) v = System.getenv(ENV);
    if (v == null || v.isBlank()) v = DEFAULT;
    return of(v);
  }

  /** The directories of a colon-separated list; relative entries are ignored. */
  public static SecretDirs of(String list) {
    List<Path> out = new ArrayList<>();
    for (String d : list.split(":")) {
      if (d.startsWith("/")) out.add(Path.of(d).normalize());
    }
    return new SecretDirs(out);
  }

  /**
   * The first directory (no trailing slash): where new secret files go; {@value #DEFAULT} if none.
   */
  public String first() {
    return dirs.isEmpty() ? DEFAULT : dirs.get(0).toString();
  }

  /** The directories, for messages. */
  public String describe() {
    return dirs.isEmpty()
        ? "(none: " + ENV + " has no absolute directory)"
        : String.join(" or ", dirs.stream().map(d -> d + "/").toList());
  }

  /** Why {@code path} (as written in the config) is refused, or null when it is allowed. */
  public String refusal(String path) {
    if (!path.startsWith("/")) return "is not an absolute path";
    for (String segment : path.split("/")) {
      if (segment.equals("..") || segment.equals(".")) {
        return "contains a '" + segment + "' segment";
      }
    }
    Path p = Path.of(path);
    for (Path d : dirs) {
      if (p.startsWith(d) && !p.equals(d)) return null;
    }
    return "is outside the secrets directories (" + describe() + ")";
  }

  /** True when the secrets directory that {@code path} (an allowed path) is in exists here. */
  public boolean hasDirectoryOf(String path) {
    Path p = Path.of(path);
    return dirs.stream().anyMatch(d -> p.startsWith(d) && java.nio.file.Files.isDirectory(d));
  }

  /**
   * Checks the file as it is on disk: its real path (symbolic links resolved) must still be inside
   * one of the directories (their real paths), so a link cannot lead elsewhere.
   */
  public String refusalOnDisk(Path file) throws IOException {
    Path real = file.toRealPath();
    for (Path d : dirs) {
      Path realDir;
      try {
        realDir = d.toRealPath();
      } catch (IOException missing) {
        continue;
      }
      if (real.startsWith(realDir) && !real.equals(realDir)) return null;
    }
    return "resolves to " + real + ", outside the secrets directories (" + describe() + ")";
  }
}
