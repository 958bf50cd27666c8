package dev.sanctl.providers.iet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The compiled patterns split as {@link String#split} does with the same expression. */
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
  void whitespaceAndLineSplitsEqualStringSplit() {
    for (String s : SAMPLES) {
      assertArrayEquals(s.split("\\s+"), IetText.WHITESPACE.split(s), s);
      assertArrayEquals(s.split("\\s+", 2), IetText.WHITESPACE.split(s, 2), s);
      assertArrayEquals(s.split("(?<=\n)"), IetText.AFTER_NEWLINE.split(s), s);
    }
  }
}
