package dev.sanctl.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state file format: the fast paths encode and decode exactly as URLEncoder/URLDecoder. */
class StateFileTest {
  @TempDir Path dir;

  private static final String ALPHABET = "aZ09.-*_ +%/:=,\u00e9\u20ac\n\t\"'~!";

  private static String randomField(SplittableRandom r) {
    StringBuilder sb = new StringBuilder();
    int n = r.nextInt(12);
    for (int i = 0; i < n; i++) sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    return sb.toString();
  }

  @Test
  void fieldsAreEncodedAndDecodedAsUrlEncoderDoes() {
    SplittableRandom r = new SplittableRandom(18);
    for (int i = 0; i < 5000; i++) {
      String f = randomField(r);
      StringBuilder sb = new StringBuilder();
      StateFile.encode(f, sb);
      String expected = URLEncoder.encode(f, StandardCharsets.UTF_8);
      assertEquals(expected, sb.toString());
      assertEquals(URLDecoder.decode(expected, StandardCharsets.UTF_8), StateFile.decode(expected));
      assertEquals(f, StateFile.decode(expected));
    }
  }

  @Test
  void recordsSurviveAWriteAndARead() throws Exception {
    SplittableRandom r = new SplittableRandom(7);
    List<List<String>> records = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      List<String> rec = new ArrayList<>();
      rec.add("k" + i);
      for (int j = r.nextInt(5); j > 0; j--) rec.add(randomField(r));
      records.add(rec);
    }
    Path f = dir.resolve("x.state");
    StateFile.write(f, records);
    assertEquals(records, StateFile.read(f));
    // a fresh parse (as another process does) gives the same records
    Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(0));
    assertEquals(records, StateFile.read(f));
  }

  @Test
  void nothingIsWrittenForAnAbsentFileWithNoRecords() throws Exception {
    Path f = dir.resolve("sub/none.state");
    StateFile.write(f, List.of());
    assertEquals(false, Files.exists(f));
    assertEquals(List.of(), StateFile.read(f));
  }
}
