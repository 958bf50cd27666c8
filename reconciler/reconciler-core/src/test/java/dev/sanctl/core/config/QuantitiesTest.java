package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.core.validate.SchemaValidator;
import java.time.Duration;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class QuantitiesTest {
  @Test
  void sizeSuffixesArePowersOf1024() {
    assertEquals(OptionalLong.of(512), Quantities.sizeBytes("512"));
    assertEquals(OptionalLong.of(64L << 10), Quantities.sizeBytes("64K"));
    assertEquals(OptionalLong.of(8L << 30), Quantities.sizeBytes("8G"));
    assertEquals(OptionalLong.of(2L << 40), Quantities.sizeBytes("2T"));
    assertEquals(OptionalLong.of(Quantities.MAX_SIZE), Quantities.sizeBytes("2P"));
  }

  @Test
  void sizesThatDoNotFitOrAreMalformedAreEmpty() {
    assertTrue(Quantities.sizeBytes("9999999999P").isEmpty());
    assertTrue(Quantities.sizeBytes("8GB").isEmpty());
    assertTrue(Quantities.sizeBytes("-1").isEmpty());
    assertTrue(Quantities.sizeBytes("").isEmpty());
  }

  @Test
  void lvmUnitsInEitherCaseWithDecimals() {
    assertEquals(OptionalLong.of(50L << 30), Quantities.sizeBytes("50g"));
    assertEquals(OptionalLong.of(3L << 39), Quantities.sizeBytes("1.5T"));
    assertEquals(OptionalLong.of(3L << 39), Quantities.sizeBytes("1.5t"));
    assertEquals(OptionalLong.of(512L << 20), Quantities.sizeBytes("512m"));
    assertEquals(OptionalLong.of(1024), Quantities.sizeBytes("2s"));
    assertEquals(OptionalLong.of(4096), Quantities.sizeBytes("4096B"));
    assertEquals(OptionalLong.of(1L << 60), Quantities.sizeBytes("1e"));
    assertTrue(Quantities.sizeBytes("0.3k").isEmpty(), "307.2 bytes is not a size");
    assertEquals("307.2", Quantities.exactBytes("0.3k").toPlainString());
    assertTrue(Quantities.sizeBytes("1.5").isEmpty(), "a decimal needs a unit");
    assertTrue(Quantities.sizeBytes("1,5G").isEmpty());
  }

  @Test
  void theSchemasSizePatternIsTheSizeGrammar() {
    assertEquals(
        "^" + Quantities.SIZE_GRAMMAR + "$",
        SchemaValidator.schemaDocument().path("$defs").path("size").path("pattern").asString());
  }

  @Test
  void durations() {
    assertEquals(Duration.ofSeconds(10), Quantities.duration("10s"));
    assertEquals(Duration.ofMinutes(10), Quantities.duration("10m"));
    assertEquals(Duration.ofHours(1), Quantities.duration("1h"));
    assertEquals(Duration.ofMillis(250), Quantities.duration("250ms"));
    assertEquals(Duration.ofDays(2), Quantities.duration("2d"));
    assertNull(Quantities.duration("10"));
    assertNull(Quantities.duration("1 h"));
  }
}
