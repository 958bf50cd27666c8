package dev.sanctl.core.validate;

import dev.sanctl.core.config.ParsedFile;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.diag.Diagnostic;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Rejects secrets written into the config ({@code password: ...}, {@code chapSecret: ...}, IET
 * {@code IncomingUser}/{@code OutgoingUser} options): secrets are only ever referenced by file path
 * ({@code secretFile}, {@code passwordFile}), so they never reach git, plans or logs.
 */
public final class InlineSecrets {
  private InlineSecrets() {}

  /**
   * Adds a diagnostic for every inline secret of {@code file} (at its key) to {@code out}.
   *
   * @return the paths of the offending keys, so the schema check does not report them again
   */
  public static Set<YamlPath> check(ParsedFile file, List<Diagnostic> out) {
    Set<YamlPath> found = new HashSet<>();
    walk(file, file.root(), YamlPath.ROOT, out, found);
    return found;
  }

  private static void walk(
      ParsedFile file, JsonNode node, YamlPath path, List<Diagnostic> out, Set<YamlPath> found) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        YamlPath child = path.key(e.getKey());
        JsonNode v = e.getValue();
        String kind = secretKind(e.getKey());
        if (kind != null && v.isValueNode() && !v.isNull()) {
          String fileKey = kind.equals("password") ? "passwordFile" : "secretFile";
          found.add(child);
          out.add(
              Diagnostic.error(
                  file.positions().key(child),
                  "inline secret: '"
                      + e.getKey()
                      + "' in "
                      + PathDescriber.describe(file.root(), path)
                      + " holds a literal value",
                  "secrets never go into the config; put it in a file readable only by root and"
                      + " reference it with "
                      + fileKey
                      + ": /path/to/file"));
        } else {
          walk(file, v, child, out, found);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        walk(file, node.get(i), path.index(i), out, found);
      }
    }
  }

  /** "password" or "secret" for keys that would hold a secret inline, else null. */
  static String secretKind(String key) {
    String k = key.toLowerCase(Locale.ROOT);
    if (k.endsWith("file")) return null;
    if (k.contains("password") || k.contains("passwd")) return "password";
    if (k.contains("secret") || k.equals("incominguser") || k.equals("outgoinguser")) {
      return "secret";
    }
    return null;
  }
}
