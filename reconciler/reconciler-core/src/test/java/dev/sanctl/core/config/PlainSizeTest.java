package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The plain-size fast path of {@link Quantities} reads every text exactly as the size grammar's
 * regular expression and decimal arithmetic do: same exact bytes (value and scale), same bytes.
 * Generated texts come from a fixed seed, so a failure repeats.
 */
class PlainSizeTest {
  private static final List<String> UNITS =
      List.of(
          "", "b", "B", "s", "S", "k", "K", "m", "M", "g", "G", "t", "T", "p", "P", "e", "E", "x",
          "KB", "\u212a", " ", "-", "+", "i", "Gi");
  private static final List<String> SIGNS = List.of("", "", "", "-", "+", " ");
  private static final String DIGITS = "0123456789";
  private static final String ODD_DIGITS = "0123456789\u0660\uff11";

  private static void sameAsTheGrammar(String text) {
    BigDecimal byGrammar = Quantities.exactBytesByGrammar(text);
    assertEquals(byGrammar, Quantities.exactBytes(text), text);
    assertEquals(Quantities.sizeBytesOf(byGrammar), Quantities.sizeBytes(text), text);
  }

  @Test
  void edgesReadAsByTheGrammar() {
    for (String number :
        List.of(
            "",
            "0",
            "8",
            "000000",
            "999999999999999999",
            "9999999999999999999",
            "9223372036854775807",
            "9223372036854775808",
            "18446744073709551616",
            "1152921504606846976",
            "2251799813685248",
            "2048",
            "8191",
            "1.5",
            ".5",
            "5.",
            "0.3",
            "1.000000000",
            "1.0000000000")) {
      for (String unit : UNITS) {
        for (String sign : SIGNS) sameAsTheGrammar(sign + number + unit);
      }
    }
    sameAsTheGrammar(null);
  }

  @Test
  void generatedSizesReadAsByTheGrammar() {
    Random random = new Random(18);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 200_000; i++) {
      sb.setLength(0);
      sb.append(SIGNS.get(random.nextInt(SIGNS.size())));
      String digits = random.nextInt(8) == 0 ? ODD_DIGITS : DIGITS;
      for (int n = random.nextInt(22); n > 0; n--) {
        sb.append(digits.charAt(random.nextInt(digits.length())));
      }
      if (random.nextInt(5) == 0) {
        sb.append('.');
        for (int n = random.nextInt(11); n > 0; n--) sb.append(DIGITS.charAt(random.nextInt(10)));
      }
      sb.append(UNITS.get(random.nextInt(UNITS.size())));
      sameAsTheGrammar(sb.toString());
    }
  }

  @Test
  void arbitraryTextReadsAsByTheGrammar() {
    Random random = new Random(8);
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < 50_000; i++) {
      sb.setLength(0);
      for (int n = random.nextInt(6); n > 0; n--) {
        sb.append((char) (random.nextBoolean() ? '0' + random.nextInt(75) : random.nextInt(0x300)));
      }
      sameAsTheGrammar(sb.toString());
    }
  }
}
