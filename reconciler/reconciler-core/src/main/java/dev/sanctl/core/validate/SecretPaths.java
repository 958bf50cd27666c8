package dev.sanctl.core.validate;

import dev.sanctl.core.config.ParsedFile;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.core.engine.SecretDirs;
import dev.sanctl.spi.diag.Diagnostic;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Every {@code secretFile} and {@code passwordFile} must name a file in a secrets directory ({@link
 * SecretDirs}: {@code /etc/sanctl} unless the machine's {@code SANCTL_SECRET_DIRS} says otherwise):
 * an absolute path without {@code .} or {@code ..} segments. Otherwise a config from git could make
 * sanctl read any file its user can read (e.g. {@code ../../../../etc/shadow}) and send it to a
 * node as a CHAP secret or to a mail relay as a password.
 */
public final class SecretPaths {
  private SecretPaths() {}

  /** Adds an error at the value of every secret path of {@code file} outside the directories. */
  public static void check(ParsedFile file, SecretDirs dirs, List<Diagnostic> out) {
    walk(file, file.root(), YamlPath.ROOT, dirs, out);
  }

  private static void walk(
      ParsedFile file, JsonNode node, YamlPath path, SecretDirs dirs, List<Diagnostic> out) {
    if (node.isObject()) {
      for (Map.Entry<String, JsonNode> e : node.properties()) {
        YamlPath child = path.key(e.getKey());
        JsonNode v = e.getValue();
        boolean secretPath = e.getKey().equals("secretFile") || e.getKey().equals("passwordFile");
        if (secretPath && v.isString()) {
          String why = dirs.refusal(v.asString());
          if (why != null) {
            out.add(
                Diagnostic.error(
                    file.positions().value(child),
                    e.getKey() + " '" + v.asString() + "' " + why,
                    "keep secret files in "
                        + dirs.describe()
                        + " (readable by the sanctl user only) and name them by absolute path;"
                        + " the machine's administrator sets other directories with "
                        + SecretDirs.ENV
                        + "=/dir1:/dir2"));
          }
        } else {
          walk(file, v, child, dirs, out);
        }
      }
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) walk(file, node.get(i), path.index(i), dirs, out);
    }
  }
}
