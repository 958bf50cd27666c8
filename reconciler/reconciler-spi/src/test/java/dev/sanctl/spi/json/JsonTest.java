package dev.sanctl.spi.json;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonTest {
  @Test
  void quoteEscapesQuotesBackslashesAndEveryControlCharacter() {
    assertEquals(
        "\"a\\\"b\\\\c\\n\\r\\t\\u0001\\u001f é\"", Json.quote("a\"b\\c\n\r\t\u0001\u001f é"));
    assertEquals("null", Json.quote(null));
  }

  @Test
  void writeSortsKeysAndIndentsTwoSpaces() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("b", List.of(1, true));
    m.put("a", null);
    m.put("c", Map.of());
    assertEquals(
        "{\n  \"a\": null,\n  \"b\": [\n    1,\n    true\n  ],\n  \"c\": {}\n}\n", Json.write(m));
    assertEquals("{\"a\": null, \"b\": [1, true], \"c\": {}}", Json.writeLine(m));
  }

  @Test
  void parseReadsWhatWriteWritesAndKeepsKeyOrderAndNumbersAsText() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", "tab\there \"q\" \\ \u0002");
    m.put("rows", List.of(Map.of("lv_size", "1073741824")));
    assertEquals(m, Json.parse(Json.write(m)));
    Object doc = Json.parse("{\"z\": 1.5e3, \"a\": [false, null]}");
    assertEquals(List.of("z", "a"), List.copyOf(((Map<?, ?>) doc).keySet()));
    assertEquals("1.5e3", ((Map<?, ?>) doc).get("z"));
  }

  @Test
  void parseRefusesWhatIsNotOneDocumentWithTheOffset() {
    assertEquals(
        "trailing characters at offset 3",
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} x")).getMessage());
    assertEquals(
        "expected , or ] at offset 4",
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1 2]")).getMessage());
  }
}
