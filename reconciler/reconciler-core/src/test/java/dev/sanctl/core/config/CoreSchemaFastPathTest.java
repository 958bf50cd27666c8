package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.resolver.CoreScalarResolver;
import org.snakeyaml.engine.v2.resolver.ScalarResolver;
import org.snakeyaml.engine.v2.schema.CoreSchema;

class CoreSchemaFastPathTest {
  private final ScalarResolver engine = new CoreSchema().getScalarResolver();
  private final ScalarResolver fast = new CoreSchemaFastPath().getScalarResolver();

  private void same(String value) {
    for (boolean implicit : new boolean[] {true, false}) {
      assertEquals(
          engine.resolve(value, implicit), fast.resolve(value, implicit), "'" + value + "'");
    }
  }

  @Test
  void theEngineResolverIsTheCoreOne() {
    assertEquals(CoreScalarResolver.class, engine.getClass());
    assertEquals(Tag.INT, fast.resolve("0x1F", true));
    assertEquals(Tag.NULL, fast.resolve("", true));
    assertEquals(Tag.STR, fast.resolve("vg_san0/lv00001", true));
  }

  @Test
  void everyTypedLiteralResolvesAsInTheEngine() {
    for (String v :
        List.of(
            "",
            " ",
            "~",
            "null",
            "Null",
            "NULL",
            "nULL",
            "true",
            "True",
            "TRUE",
            "tRUE",
            "false",
            "no",
            "yes",
            "on",
            "0",
            "-1",
            "+12",
            "0o17",
            "0o8",
            "0x1f",
            "0xG",
            "1.5",
            ".5",
            "1e3",
            "-.inf",
            ".Inf",
            ".NaN",
            ".nan",
            "<<",
            "<",
            "${HOME}",
            "${A:-b}",
            "$x",
            "1G",
            "10Gi",
            "512M",
            "lv_meta",
            "BENCH00001",
            "\u00e9t\u00e9",
            "\0")) {
      same(v);
    }
  }

  /** Every string of up to 4 characters over the characters that start or shape a typed value. */
  @Test
  void everyShortStringOverTheSignificantCharactersResolvesAsInTheEngine() {
    char[] alphabet = "0179aefnlutxoINT.-+e<${}:_ ~\0GkM".toCharArray();
    StringBuilder sb = new StringBuilder();
    int n = alphabet.length;
    for (int len = 0; len <= 4; len++) {
      int total = (int) Math.pow(n, len);
      for (int k = 0; k < total; k++) {
        sb.setLength(0);
        for (int i = 0, r = k; i < len; i++, r /= n) sb.append(alphabet[r % n]);
        same(sb.toString());
      }
    }
  }

  @Test
  void everyFirstCharacterAndRandomTailsResolveAsInTheEngine() {
    Random random = new Random(18);
    for (char c = 0; c < 0x3000; c++) {
      same(String.valueOf(c));
      same(c + "1");
      same(c + "ull");
      StringBuilder sb = new StringBuilder().append(c);
      for (int i = random.nextInt(8); i > 0; i--) sb.append((char) (' ' + random.nextInt(95)));
      same(sb.toString());
    }
  }
}
