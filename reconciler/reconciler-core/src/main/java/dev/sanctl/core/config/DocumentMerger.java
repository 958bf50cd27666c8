package dev.sanctl.core.config;

import dev.sanctl.core.validate.PathDescriber;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges the files of a config directory: map sections merge by key (the same key in two files is
 * an error naming both), list sections ({@code targets}, {@code backups.jobs}) concatenate in path
 * order, {@code cluster} appears exactly once.
 */
public final class DocumentMerger {
  private static final Set<String> LIST_SECTIONS = Set.of("targets");
  private final ObjectNode root = JsonNodeFactory.instance.objectNode();
  private final Positions positions = new Positions();
  private final List<Diagnostic> diagnostics;

  private DocumentMerger(List<Diagnostic> diagnostics) {
    this.diagnostics = diagnostics;
  }

  /** Merges {@code files} (already in path order); problems are added to {@code diagnostics}. */
  public static MergedDocument merge(List<ParsedFile> files, List<Diagnostic> diagnostics) {
    DocumentMerger m = new DocumentMerger(diagnostics);
    for (ParsedFile f : files) m.add(f);
    if (!m.root.has("cluster")) {
      diagnostics.add(
          Diagnostic.error(
              files.isEmpty() ? SourceRef.NONE : new SourceRef(files.get(0).file(), 1, 1),
              files.isEmpty()
                  ? "the config directory holds no YAML files"
                  : "no 'cluster' section in any file",
              "add a cluster section with name and iqnPrefix, as in examples/quickstart"));
    }
    return new MergedDocument(m.root, m.positions);
  }

  private void add(ParsedFile f) {
    for (Map.Entry<String, JsonNode> e : f.root().properties()) {
      String section = e.getKey();
      YamlPath path = YamlPath.of(section);
      JsonNode value = e.getValue();
      if (section.equals("apiVersion")) continue;
      if (!root.has(section)) {
        root.set(section, value.deepCopy());
        positions.copyFrom(f.positions(), path, path);
        continue;
      }
      if (section.equals("cluster")) {
        duplicate(f, path, "the 'cluster' section appears twice", "keep exactly one");
      } else if (LIST_SECTIONS.contains(section)) {
        appendList(f, path, path);
      } else if (section.equals("backups")) {
        mergeBackups(f, value);
      } else {
        mergeMap(f, path, value);
      }
    }
  }

  private void mergeBackups(ParsedFile f, JsonNode value) {
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      YamlPath path = YamlPath.of("backups", e.getKey());
      JsonNode existing = root.get("backups").get(e.getKey());
      if (existing == null) {
        ((ObjectNode) root.get("backups")).set(e.getKey(), e.getValue().deepCopy());
        positions.copyFrom(f.positions(), path, path);
      } else if (e.getKey().equals("jobs")) {
        appendList(f, path, path);
      } else {
        mergeMap(f, path, e.getValue());
      }
    }
  }

  private void mergeMap(ParsedFile f, YamlPath path, JsonNode value) {
    JsonNode target = at(path);
    if (!(target instanceof ObjectNode obj) || !value.isObject()) {
      duplicate(f, path, "'" + path + "' is defined twice", "define it in one file only");
      return;
    }
    for (Map.Entry<String, JsonNode> e : value.properties()) {
      YamlPath child = path.key(e.getKey());
      if (obj.has(e.getKey())) {
        duplicate(
            f,
            child,
            PathDescriber.describe(root, child) + " is defined twice",
            "define it in one file only");
        continue;
      }
      obj.set(e.getKey(), e.getValue().deepCopy());
      positions.copyFrom(f.positions(), child, child);
    }
  }

  private void appendList(ParsedFile f, YamlPath from, YamlPath to) {
    JsonNode src = f.root().at(pointer(from));
    JsonNode dst = at(to);
    if (!(dst instanceof ArrayNode arr) || !src.isArray()) {
      duplicate(f, from, "'" + from + "' is defined twice", "define it in one file only");
      return;
    }
    for (int i = 0; i < src.size(); i++) {
      positions.copyFrom(f.positions(), from.index(i), to.index(arr.size()));
      arr.add(src.get(i).deepCopy());
    }
  }

  private void duplicate(ParsedFile f, YamlPath path, String message, String hint) {
    SourceRef first = positions.key(path);
    diagnostics.add(
        Diagnostic.error(f.positions().key(path), message + " (also at " + first + ")", hint));
  }

  private JsonNode at(YamlPath path) {
    JsonNode n = root;
    for (Object e : path.elements()) {
      n = e instanceof Integer i ? n.path(i) : n.path((String) e);
    }
    return n;
  }

  private static String pointer(YamlPath path) {
    StringBuilder sb = new StringBuilder();
    for (Object e : path.elements()) {
      sb.append('/').append(e.toString().replace("~", "~0").replace("/", "~1"));
    }
    return sb.toString();
  }
}
