package dev.sanctl.core.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.values.ValueKind;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * The schema's patterns and the value kinds say the same: every value a kind accepts matches the
 * pattern of its {@code $defs} entry, and every value the pattern refuses the kind refuses too (so
 * the kind's message, with the offending character, is the one reported).
 */
class ValueKindSchemaTest {
  static final List<String> SAMPLES =
      List.of(
          "FIX-0001",
          "AMHDSK-100415-01",
          "No",
          "262144",
          "CRC32C",
          "web01 data",
          "VMware datastore 01 — Zürich (rack #4)",
          "sanctl snaprotate run --all",
          "date +\\%F > /tmp/x 2>&1",
          "/srv/sanctl/vg_lab",
          "/mnt/iscsi-target/vg_san",
          "~/.ssh/id_ed25519",
          "lz4",
          "db 01",
          "S,Path=/dev/v/db",
          "$(id>/tmp/p)",
          "No,Wthreads=1",
          "No\nTarget iqn.x",
          "a\u2028b",
          "a\u0085b",
          "a\tb",
          "ab\n",
          "",
          " lead",
          "-rf",
          "a b",
          "x".repeat(300),
          "x".repeat(5000));

  @Test
  void everyMappedDefinitionAgreesWithItsKind() {
    JsonNode defs = SchemaValidator.schemaDocument().path("$defs");
    assertEquals(9, ValueRules.schemaDefs().size());
    for (Map.Entry<String, ValueKind> e : ValueRules.schemaDefs().entrySet()) {
      JsonNode def = defs.path(e.getKey());
      assertTrue(def.has("pattern"), e.getKey());
      Pattern p = Pattern.compile(def.path("pattern").asString());
      ValueKind kind = e.getValue();
      for (String v : SAMPLES) {
        boolean matches = p.matcher(v).find() && !v.endsWith("\n");
        if (kind.check(v) == null)
          assertTrue(matches, e.getKey() + " refuses what " + kind + " accepts: " + v);
        if (!matches)
          assertNotNull(kind.check(v), kind + " accepts what " + e.getKey() + " refuses: " + v);
      }
      assertTrue(
          def.path("description").asString().contains(kind.allowed().split(" \\(")[0].substring(5)),
          e.getKey() + ": the description states the kind's allowed set");
    }
  }
}
