package dev.sanctl.sim.tgt;

import dev.sanctl.sim.SimNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A {@code targets.conf} as tgt-admin reads it (Config::General with {@code -UseApacheInclude},
 * {@code -IncludeGlob}, {@code -MergeDuplicateBlocks}): {@code include} lines, {@code <target IQN>}
 * blocks with {@code <backing-store PATH>} blocks or {@code backing-store PATH} lines, and the
 * target options ({@code initiator-address}, {@code initiator-name}, {@code incominguser}, {@code
 * outgoinguser}, ...) with every value of a repeated key kept in file order.
 */
final class TgtConfigFile {
  /** Targets by IQN, sorted as tgt-admin walks them ({@code sort keys}). */
  final TreeMap<String, Target> targets = new TreeMap<>();

  /** One {@code <target>} block (duplicate blocks merged). */
  static final class Target {
    /** Backing stores by path (sorted as tgt-admin walks them), each with its own options. */
    final TreeMap<String, Map<String, String>> stores = new TreeMap<>();

    /** Target options by key (sorted as tgt-admin walks them), values in file order. */
    final TreeMap<String, List<String>> options = new TreeMap<>();
  }

  /** Thrown for a file tgt-admin (Config::General) refuses; the message is what it prints. */
  static final class Invalid extends IOException {
    Invalid(String message) {
      super(message);
    }
  }

  static TgtConfigFile read(SimNode node, String path) throws IOException {
    TgtConfigFile conf = new TgtConfigFile();
    conf.parse(node, path);
    return conf;
  }

  private void parse(SimNode node, String path) throws IOException {
    Target target = null;
    Map<String, String> store = null;
    int lineNo = 0;
    for (String raw : Files.readString(node.file(path), StandardCharsets.UTF_8).split("\n")) {
      lineNo++;
      int hash = raw.indexOf('#');
      String line = (hash >= 0 ? raw.substring(0, hash) : raw).strip();
      if (line.isEmpty()) continue;
      if (line.startsWith("</")) {
        String name = line.substring(2, line.length() - 1).strip();
        if (store != null && name.equals("backing-store")) store = null;
        else if (target != null && store == null && name.equals("target")) target = null;
        else
          throw new Invalid(
              "Config::General: EndBlock \"<" + line.substring(1) + "\" has no StartBlock");
        continue;
      }
      if (line.startsWith("<") && line.endsWith(">")) {
        String[] kv = line.substring(1, line.length() - 1).strip().split("\\s+", 2);
        String value = kv.length > 1 ? kv[1] : "";
        if (kv[0].equals("target") && target == null) {
          target = targets.computeIfAbsent(value, k -> new Target());
        } else if (kv[0].equals("backing-store") && target != null && store == null) {
          store = target.stores.computeIfAbsent(value, k -> new TreeMap<>());
        } else {
          throw new Invalid(path + ":" + lineNo + ": block <" + kv[0] + "> is not modelled");
        }
        continue;
      }
      String[] kv = line.split("\\s*=\\s*|\\s+", 2);
      String key = kv[0];
      String value = kv.length > 1 ? kv[1].strip() : "";
      if (store != null) {
        store.put(key, value);
      } else if (target != null) {
        if (key.equals("backing-store")) {
          target.stores.computeIfAbsent(value, k -> new TreeMap<>());
        } else {
          target.options.computeIfAbsent(key, k -> new ArrayList<>()).add(value);
        }
      } else if (key.equals("include")) {
        include(node, value);
      }
      // other global keys (default-driver iscsi, ignore-errors, ...) are not modelled
    }
  }

  private void include(SimNode node, String glob) throws IOException {
    int slash = glob.lastIndexOf('/');
    String dir = slash > 0 ? glob.substring(0, slash) : "/";
    String pattern = glob.substring(slash + 1);
    Path real = node.file(dir);
    if (!Files.isDirectory(real)) return;
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(real, pattern)) {
      ds.forEach(p -> names.add(p.getFileName().toString()));
    }
    names.sort(null);
    for (String n : names) parse(node, dir + "/" + n);
  }
}
