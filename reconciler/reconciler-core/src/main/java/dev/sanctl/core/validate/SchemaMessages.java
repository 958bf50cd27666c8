package dev.sanctl.core.validate;

import com.networknt.schema.Error;
import com.networknt.schema.path.NodePath;
import dev.sanctl.core.config.ParsedFile;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import dev.sanctl.spi.values.ValueKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tools.jackson.databind.JsonNode;

/** Plain-language messages for JSON Schema violations. */
final class SchemaMessages {
  private final ParsedFile file;
  private final JsonNode schema;

  SchemaMessages(ParsedFile file, JsonNode schema) {
    this.file = file;
    this.schema = schema;
  }

  Diagnostic toDiagnostic(Error e, YamlPath path) {
    String keyword = e.getKeyword() == null ? "" : e.getKeyword();
    JsonNode root = file.root();
    JsonNode keywordSchema = schemaAt(e.getSchemaLocation().getFragment());
    JsonNode owner = schemaAt(e.getSchemaLocation().getFragment().getParent());
    JsonNode value = valueAt(path);
    SourceRef at = file.positions().value(path);
    String subject = subject(path);
    switch (keyword) {
      case "additionalProperties" -> {
        String key = e.getProperty();
        if (key == null) return generic(e, at);
        YamlPath keyPath = path.key(key);
        List<String> known = new ArrayList<>();
        owner.path("properties").propertyNames().forEach(known::add);
        String suggestion = Suggestions.closest(key, known);
        String message =
            "unknown key '"
                + Shown.value(key)
                + "' in "
                + (path.isEmpty() ? "the file" : PathDescriber.describe(root, path))
                + (suggestion == null ? "" : "; did you mean '" + suggestion + "'?");
        String hint = known.isEmpty() ? null : "known keys: " + String.join(", ", known);
        return Diagnostic.error(file.positions().key(keyPath), message, hint);
      }
      case "required" -> {
        String missing = e.getProperty();
        if (missing == null && e.getArguments() != null && e.getArguments().length > 0) {
          missing = String.valueOf(e.getArguments()[0]);
        }
        String what = path.isEmpty() ? "the file" : PathDescriber.describe(root, path);
        JsonNode doc = owner.path("properties").path(missing).path("description");
        if (!doc.isString()) {
          NodePath conditional = e.getSchemaLocation().getFragment().getParent().getParent();
          doc = schemaAt(conditional).path("properties").path(missing).path("description");
        }
        return Diagnostic.error(
            file.positions().key(path),
            what + " is missing '" + missing + "'",
            doc.isString() ? missing + ": " + lowerFirst(stripDot(doc.stringValue())) : null);
      }
      case "type" -> {
        return Diagnostic.error(
            at, subject + " must be " + expected(keywordSchema) + ", not " + actual(value), null);
      }
      case "pattern" -> {
        ValueKind kind =
            ValueRules.kindOfSchemaDef(e.getSchemaLocation().getFragment().getParent());
        String problem = kind == null || !value.isValueNode() ? null : kind.check(value.asString());
        if (problem != null) return Diagnostic.error(at, subject + ": " + problem, kind.hint());
        String desc = owner.path("description").asString("");
        String shown =
            value.isString() ? "'" + Shown.value(value.stringValue()) + "'" : actual(value);
        return Diagnostic.error(
            at, subject + ": " + shown + " is not " + (desc.isEmpty() ? "valid" : desc), null);
      }
      case "enum" -> {
        List<String> allowed = new ArrayList<>();
        keywordSchema.forEach(v -> allowed.add(v.asString()));
        return Diagnostic.error(
            at,
            subject + ": " + scalar(value) + " is not allowed",
            "use one of: " + String.join(", ", allowed));
      }
      case "const" -> {
        return Diagnostic.error(
            at,
            subject + " must be '" + keywordSchema.asString() + "', not " + scalar(value),
            null);
      }
      case "minimum", "exclusiveMinimum" -> {
        return Diagnostic.error(
            at, subject + " must be at least " + keywordSchema.asString() + ", not " + value, null);
      }
      case "maximum", "exclusiveMaximum" -> {
        return Diagnostic.error(
            at, subject + " must be at most " + keywordSchema.asString() + ", not " + value, null);
      }
      case "minItems" -> {
        return Diagnostic.error(
            at, subject + " must list at least " + keywordSchema.asString() + " entry", null);
      }
      case "uniqueItems" -> {
        return Diagnostic.error(at, subject + " lists the same value more than once", null);
      }
      case "maxLength" -> {
        return Diagnostic.error(
            at, subject + " is longer than " + keywordSchema.asString() + " characters", null);
      }
      case "minLength" -> {
        return Diagnostic.error(at, subject + " must not be empty", null);
      }
      case "propertyNames" -> {
        String key = e.getProperty();
        if (key == null) return generic(e, at);
        YamlPath keyPath = path.key(key);
        JsonNode names = resolve(keywordSchema);
        String desc = names.path("description").asString("a valid name");
        return Diagnostic.error(
            file.positions().key(keyPath),
            PathDescriber.describe(root, keyPath) + " has an invalid name; expected " + desc,
            null);
      }
      case "false" -> {
        return null;
      }
      default -> {
        return generic(e, at);
      }
    }
  }

  private Diagnostic generic(Error e, SourceRef at) {
    return Diagnostic.error(at, e.getMessage(), null);
  }

  /** "'port' of portal group 'pg'" for a value, "the name 'x' of ..." for a map key. */
  private String subject(YamlPath path) {
    if (path.isEmpty()) return "the file";
    return PathDescriber.describe(file.root(), path);
  }

  private static String expected(JsonNode typeKeyword) {
    List<String> names = new ArrayList<>();
    if (typeKeyword.isArray()) {
      typeKeyword.forEach(t -> names.add(typeName(t.asString())));
    } else {
      names.add(typeName(typeKeyword.asString()));
    }
    return String.join(" or ", names);
  }

  private static String typeName(String t) {
    return switch (t) {
      case "object" -> "a map (key: value)";
      case "array" -> "a list";
      case "string" -> "text";
      case "integer" -> "a whole number";
      case "number" -> "a number";
      case "boolean" -> "true or false";
      default -> t;
    };
  }

  static String actual(JsonNode v) {
    if (v == null || v.isMissingNode()) return "missing";
    if (v.isNull()) return "empty";
    if (v.isObject()) return "a map";
    if (v.isArray()) return "a list";
    if (v.isBoolean()) return v.booleanValue() + " (true/false)";
    if (v.isIntegralNumber()) return "the number " + v.asString();
    if (v.isNumber()) return "the number " + v.asString();
    return "the text '" + Shown.value(v.asString()) + "'";
  }

  /** A value as written ('text', a number) or what it is (a map, a list, empty). */
  static String scalar(JsonNode v) {
    if (v != null && (v.isString() || v.isNumber() || v.isBoolean())) {
      return "'" + Shown.value(v.asString()) + "'";
    }
    return actual(v);
  }

  private static String stripDot(String s) {
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String lowerFirst(String s) {
    return s.isEmpty() ? s : s.substring(0, 1).toLowerCase(Locale.ROOT) + s.substring(1);
  }

  private JsonNode resolve(JsonNode node) {
    return SchemaNodes.resolve(schema, node);
  }

  private JsonNode valueAt(YamlPath path) {
    JsonNode n = file.root();
    for (Object e : path.elements()) n = e instanceof Integer i ? n.path(i) : n.path((String) e);
    return n;
  }

  private JsonNode schemaAt(NodePath fragment) {
    JsonNode n = schema;
    if (fragment == null) return n;
    for (int i = 0; i < fragment.getNameCount(); i++) {
      Object e = fragment.getElement(i);
      n = e instanceof Number num ? n.path(num.intValue()) : n.path(String.valueOf(e));
    }
    return n;
  }
}
