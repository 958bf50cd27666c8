package dev.sanctl.core.validate;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import dev.sanctl.core.config.ParsedFile;
import dev.sanctl.core.config.YamlPath;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks one parsed file against the sanctl JSON Schema ({@code schema/v1/sanctl.schema.json}, the
 * single source of truth for structure) and turns every violation into a diagnostic at the
 * offending line. The networknt validator stays behind this class.
 */
public final class SchemaValidator {
  /** Classpath location of the schema (module {@code schema}). */
  public static final String RESOURCE = "/schema/v1/sanctl.schema.json";

  private static final JsonNode SCHEMA_JSON = readSchema();
  private static final Schema SCHEMA =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12).getSchema(SCHEMA_JSON);

  private SchemaValidator() {}

  /**
   * Loads and compiles the schema now (it is done once, on first use): lets a loader prepare it on
   * another thread while the files are read.
   */
  public static void prepare() {
    // the class initialisation above does it
  }

  /** The schema document itself (for documentation and tests). */
  public static JsonNode schemaDocument() {
    return SCHEMA_JSON;
  }

  /**
   * Validates {@code file}; {@code secretKeys} are keys already reported as inline secrets: they
   * are not reported again as unknown keys, nor is the missing {@code ...File} key beside them.
   */
  public static List<Diagnostic> validate(ParsedFile file, Set<YamlPath> secretKeys) {
    List<Error> errors;
    try {
      errors = SCHEMA.validate(file.root());
    } catch (RuntimeException e) {
      return List.of(
          Diagnostic.error(
              new SourceRef(file.file(), 1, 1),
              "the file cannot be checked against the schema: " + e.getMessage(),
              null));
    }
    SchemaMessages messages = new SchemaMessages(file, SCHEMA_JSON);
    List<Diagnostic> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Error e : errors) {
      if ("required".equals(e.getKeyword()) && misspelt(e, errors)) continue;
      YamlPath at = toPath(e.getInstanceLocation());
      if (secretRelated(e, at, secretKeys)) continue;
      Diagnostic d = messages.toDiagnostic(e, at);
      if (d == null) continue;
      if (seen.add(d.source() + d.message())) out.add(d);
    }
    return out;
  }

  private static boolean secretRelated(Error e, YamlPath at, Set<YamlPath> secretKeys) {
    String prop = e.getProperty();
    if (prop == null) return false;
    if ("additionalProperties".equals(e.getKeyword())) return secretKeys.contains(at.key(prop));
    if ("required".equals(e.getKeyword()) && prop.endsWith("File")) {
      return secretKeys.stream().anyMatch(k -> k.parent().equals(at));
    }
    return false;
  }

  /** A missing key that an unknown key of the same map is a typo of: one message is enough. */
  private static boolean misspelt(Error required, List<Error> errors) {
    String missing = required.getProperty();
    if (missing == null) return false;
    for (Error e : errors) {
      if ("additionalProperties".equals(e.getKeyword())
          && e.getProperty() != null
          && e.getInstanceLocation().equals(required.getInstanceLocation())
          && missing.equals(Suggestions.closest(e.getProperty(), List.of(missing)))) {
        return true;
      }
    }
    return false;
  }

  static YamlPath toPath(NodePath p) {
    List<Object> elements = new ArrayList<>();
    for (int i = 0; i < p.getNameCount(); i++) {
      Object e = p.getElement(i);
      elements.add(e instanceof Number n ? Integer.valueOf(n.intValue()) : String.valueOf(e));
    }
    return new YamlPath(elements);
  }

  private static JsonNode readSchema() {
    try (InputStream in = SchemaValidator.class.getResourceAsStream(RESOURCE)) {
      if (in == null) throw new IllegalStateException("schema resource missing: " + RESOURCE);
      return JsonMapper.builder().build().readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
