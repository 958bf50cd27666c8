package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The scanners split as {@link String#split} does with the regular expressions they replace. */
class IetTextTest {
  private static final List<String> SAMPLES =
      List.of(
          "",
          "Target iqn.2001-04.com.example:t1",
          "  Lun 0 Path=/dev/vg0/v1,Type=blockio  ",
          "\tIncomingUser\t u \u000B secret\f\r",
          "a\nb\n\nc",
          "no newline",
          "ends\n",
          "\n\n");

  @Test
  void theScannersGiveWhatThePatternsGive() {
    String alphabet = "aT#=,0 \t\n\r\u000B\f\u2003\u00A0\u0085\u001C";
    Random random = new Random(18);
    List<String> inputs = new java.util.ArrayList<>(SAMPLES);
    for (int i = 0; i < 20_000; i++) {
      char[] c = new char[random.nextInt(12)];
      for (int j = 0; j < c.length; j++) c[j] = alphabet.charAt(random.nextInt(alphabet.length()));
      inputs.add(new String(c));
    }
    for (String s : inputs) {
      String shown = s.chars().mapToObj(Integer::toHexString).toList().toString();
      assertEquals(Arrays.asList(s.split("(?<=\n)")), IetText.lines(s), shown);
      assertArrayEquals(s.strip().split("\\s+"), IetText.words(s), shown);
      assertEquals(s.strip().split("\\s+", 2)[0], IetText.firstWord(s), shown);
      assertArrayEquals(s.strip().split("\\s+", 2), IetText.firstAndRest(s.strip()), shown);
    }
  }
}
