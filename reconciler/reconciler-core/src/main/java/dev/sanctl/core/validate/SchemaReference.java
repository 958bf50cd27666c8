package dev.sanctl.core.validate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Renders the field reference of {@code docs/configuration.md} from the JSON Schema's {@code
 * description} and {@code default} annotations, so documentation and schema cannot drift. Every
 * property must have a description; a missing one is an error.
 */
public final class SchemaReference {
  private final JsonNode schema;
  private final List<String> missing = new ArrayList<>();

  private SchemaReference(JsonNode schema) {
    this.schema = schema;
  }

  /** The markdown reference of {@code schema}: one table per top-level section. */
  public static String markdown(JsonNode schema) {
    SchemaReference r = new SchemaReference(schema);
    String text = r.render();
    if (!r.missing.isEmpty()) {
      throw new IllegalStateException("schema properties without description: " + r.missing);
    }
    return text;
  }

  private String render() {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, JsonNode> e : schema.path("properties").properties()) {
      String section = e.getKey();
      JsonNode node = e.getValue();
      sb.append("### `").append(section).append("`\n\n");
      sb.append(description(node, section).replace("<", "&lt;")).append("\n\n");
      List<String[]> rows = new ArrayList<>();
      rows.add(row(section, node));
      walk(section, node, rows);
      sb.append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
      for (String[] r : rows) {
        sb.append("| `")
            .append(r[0])
            .append("` | ")
            .append(r[1])
            .append(" | ")
            .append(r[2])
            .append(" | ")
            .append(r[3])
            .append(" |\n");
      }
      sb.append('\n');
    }
    sb.append("### Value formats\n\n| Format | Meaning |\n|---|---|\n");
    for (Map.Entry<String, JsonNode> d : schema.path("$defs").properties()) {
      JsonNode def = d.getValue();
      if (def.has("properties") || !def.has("description")) continue;
      String text = def.path("description").asString();
      String pattern = def.path("pattern").asString("");
      sb.append("| `").append(d.getKey()).append("` | ");
      sb.append(cell(capitalize(text)).replace("<", "&lt;"));
      if (!pattern.isEmpty()) sb.append(" (pattern `").append(cell(pattern)).append("`)");
      sb.append(" |\n");
    }
    return sb.toString();
  }

  private void walk(String path, JsonNode raw, List<String[]> rows) {
    JsonNode node = resolve(raw);
    for (Map.Entry<String, JsonNode> p : node.path("properties").properties()) {
      String child = path + "." + p.getKey();
      rows.add(row(child, p.getValue()));
      walk(child, p.getValue(), rows);
    }
    JsonNode additional = node.path("additionalProperties");
    if (additional.isObject()) {
      JsonNode value = resolve(additional);
      if (value.has("properties") || value.has("additionalProperties") || isObjectList(value)) {
        walk(path + ".<" + entryName(node) + ">", additional, rows);
      }
    }
    JsonNode items = node.path("items");
    if (items.isObject() && (resolve(items).has("properties"))) {
      walk(path + "[]", items, rows);
    }
  }

  private boolean isObjectList(JsonNode node) {
    return resolve(node.path("items")).has("properties");
  }

  private String[] row(String path, JsonNode raw) {
    JsonNode node = resolve(raw);
    JsonNode def = raw.has("default") ? raw.get("default") : node.get("default");
    return new String[] {
      path,
      type(raw),
      def == null ? "" : "`" + cell(def.isString() ? def.asString() : def.toString()) + "`",
      cell(description(raw, path)).replace("<", "&lt;")
    };
  }

  private String description(JsonNode raw, String path) {
    JsonNode own = raw.path("description");
    if (own.isString()) return own.stringValue();
    JsonNode resolved = resolve(raw).path("description");
    if (resolved.isString()) return capitalize(resolved.stringValue()) + ".";
    missing.add(path);
    return "";
  }

  private String type(JsonNode raw) {
    if (raw.has("$ref")) {
      String name = refName(raw);
      JsonNode def = resolve(raw);
      if (def.has("properties") || def.has("additionalProperties")) return type(def);
      return "`" + name + "`";
    }
    if (raw.has("enum")) {
      List<String> values = new ArrayList<>();
      raw.get("enum").forEach(v -> values.add("`" + v.asString() + "`"));
      return String.join(" \\| ", values);
    }
    if (raw.has("const")) return "`" + raw.get("const").asString() + "`";
    String t = raw.path("type").asString("");
    if (t.equals("object")) {
      JsonNode additional = raw.path("additionalProperties");
      if (additional.isObject()) return "map of " + entryName(raw) + " to " + type(additional);
      return "map";
    }
    if (t.equals("array")) return "list of " + type(raw.path("items"));
    if (raw.path("type").isArray()) {
      List<String> types = new ArrayList<>();
      raw.get("type").forEach(v -> types.add(v.asString()));
      return String.join(" or ", types);
    }
    return t.isEmpty() ? "any" : t;
  }

  private String entryName(JsonNode mapNode) {
    JsonNode names = mapNode.path("propertyNames");
    return names.has("$ref") ? refName(names) : "key";
  }

  private static String refName(JsonNode node) {
    String ref = node.path("$ref").asString();
    return ref.substring(ref.lastIndexOf('/') + 1);
  }

  private JsonNode resolve(JsonNode node) {
    JsonNode ref = node.path("$ref");
    if (!ref.isString() || !ref.stringValue().startsWith("#/")) return node;
    JsonNode n = schema;
    for (String part : ref.stringValue().substring(2).split("/")) n = n.path(part);
    return n;
  }

  private static String cell(String s) {
    return s.replace("|", "\\|").replace("\n", " ");
  }

  private static String capitalize(String s) {
    return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }
}
