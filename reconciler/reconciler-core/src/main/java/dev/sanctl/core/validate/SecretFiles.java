package dev.sanctl.core.validate;

import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.config.ParsedFile;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.core.engine.SecretDirs;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.host.ShellQuoting;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * What {@code sanctl validate} checks of secret files on the control host it runs on: every {@code
 * secretFile} and {@code passwordFile} that names an allowed path ({@link SecretPaths}) exists, is
 * a regular file inside the secrets directories once links are resolved, and is readable by its
 * owner only (no group or other permission bits: {@code chmod 600}). Plans and applies read these
 * files; finding a missing or exposed one here is cheaper than at apply time.
 */
public final class SecretFiles {
  private SecretFiles() {}

  /**
   * What was found: the problems, and how many secret files could not be checked because their
   * secrets directory does not exist on this host (a CI runner, a workstation: not the control
   * host).
   */
  public record Report(List<Diagnostic> problems, int unchecked) {
    /** {@code loaded} with the problems added. */
    public LoadResult addTo(LoadResult loaded) {
      if (problems.isEmpty()) return loaded;
      List<Diagnostic> all = new ArrayList<>(loaded.diagnostics());
      all.addAll(problems);
      return new LoadResult(loaded.state(), all);
    }
  }

  /**
   * Checks the secret files named by {@code files}, the configuration files of the working tree as
   * the loader read them ({@link dev.sanctl.core.config.ConfigLoader#loadDirectory(Path, List)}).
   */
  public static Report check(List<ParsedFile> files, SecretDirs dirs) {
    List<Diagnostic> out = new ArrayList<>();
    int[] unchecked = {0};
    for (ParsedFile p : files) walk(p, p.root(), YamlPath.ROOT, dirs, out, unchecked);
    return new Report(List.copyOf(out), unchecked[0]);
  }

  private static void walk(
      ParsedFile file,
      JsonNode node,
      YamlPath path,
      SecretDirs dirs,
      List<Diagnostic> out,
      int[] unchecked) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        YamlPath child = path.key(e.getKey());
        JsonNode v = e.getValue();
        boolean secretPath = e.getKey().equals("secretFile") || e.getKey().equals("passwordFile");
        if (secretPath && v.isString() && dirs.refusal(v.asString()) == null) {
          if (!dirs.hasDirectoryOf(v.asString())) {
            unchecked[0]++;
            continue;
          }
          String problem = problem(v.asString(), dirs);
          if (problem != null) {
            out.add(
                Diagnostic.error(
                    file.positions().value(child),
                    e.getKey() + " '" + v.asString() + "' " + problem,
                    hint(v.asString(), problem)));
          }
        } else if (!secretPath) {
          walk(file, v, child, dirs, out, unchecked);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(file, node.get(i), path.index(i), dirs, out, unchecked);
      }
    }
  }

  /** Why the file is not usable as a secret, or null; paths the loader refuses are its business. */
  static String problem(String path, SecretDirs dirs) {
    Path p = Path.of(path);
    if (!Files.exists(p)) return "does not exist on this host";
    if (!Files.isRegularFile(p)) return "is not a regular file";
    try {
      String outside = dirs.refusalOnDisk(p);
      if (outside != null) return outside;
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
      if (Files.isSymbolicLink(p)) perms = Files.getPosixFilePermissions(p.toRealPath());
      boolean exposed =
          perms.stream()
              .anyMatch(x -> x.name().startsWith("GROUP_") || x.name().startsWith("OTHERS_"));
      if (exposed) {
        return "is readable or writable beyond its owner (mode "
            + java.nio.file.attribute.PosixFilePermissions.toString(perms)
            + ")";
      }
      if (!Files.isReadable(p)) return "is not readable by this user";
    } catch (IOException | UnsupportedOperationException e) {
      return "cannot be checked: " + e.getMessage();
    }
    return null;
  }

  private static String hint(String path, String problem) {
    String quoted = ShellQuoting.quote(path);
    if (problem.startsWith("does not exist")) {
      return "create it on the control host with only the secret in it, then chmod 600 "
          + quoted
          + "; validate --skip-secret-files checks the configuration without the secrets"
          + " (e.g. in CI)";
    }
    if (problem.startsWith("is readable or writable")) {
      return "run: chmod 600 " + quoted;
    }
    if (problem.startsWith("is not readable")) {
      return "run sanctl as the owner of the file (chmod 600 " + quoted + ", chown to that user)";
    }
    return "keep secret files as regular files in the secrets directories, mode 600";
  }
}
