package dev.sanctl.spi.values;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class SizesTest {
  @Test
  void wholeUnitsAreShownAsTheyAreWritten() {
    assertEquals("50G", Sizes.human(50L << 30));
    assertEquals("64M", Sizes.human(64L << 20));
    assertEquals("2P", Sizes.human(2L << 50));
    assertEquals("1K", Sizes.human(1024));
  }

  @Test
  void fractionsKeepTheExactByteCount() {
    assertEquals("1.5T (1649267441664 bytes)", Sizes.human(1649267441664L));
    assertEquals("1.43G (1536000000 bytes)", Sizes.human(1_536_000_000L));
    assertEquals("1.01K (1035 bytes)", Sizes.human(1035));
  }

  @Test
  void smallCountsAreBytes() {
    assertEquals("0B", Sizes.human(0));
    assertEquals("512B", Sizes.human(512));
  }
}
