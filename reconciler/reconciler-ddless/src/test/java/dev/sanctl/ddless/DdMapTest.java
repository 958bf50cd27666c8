package dev.sanctl.ddless;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DdMapTest {
  @TempDir Path dir;

  /** The 20-byte header layout, built by hand. */
  private static byte[] file(int suspended, int nameSum, int... words) {
    ByteBuffer b = ByteBuffer.allocate(20 + 4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put("ddmap".getBytes())
        .put(new byte[3])
        .put((byte) 1)
        .put((byte) suspended)
        .putShort((short) 0);
    b.putInt(nameSum).putInt(words.length);
    for (int w : words) b.putInt(w);
    return b.array();
  }

  @Test
  void readsTheHeaderAndWordsLittleEndian() throws Exception {
    DdMap map = DdMap.parse(file(1, 0x2a73, 0x00000001, 0x00070000), "x");
    assertTrue(map.suspended());
    assertEquals(0x2a73, map.nameSum());
    assertEquals(2, map.mapSize());
    assertTrue(map.marked(0));
    assertFalse(map.marked(1));
    // seed 003 7.5: word 1 = 0x00070000 marks segments 32+16, 32+17, 32+18
    assertTrue(map.marked(48) && map.marked(49) && map.marked(50));
    assertFalse(map.marked(51));
    assertTrue(map.marked(64), "beyond the map: not known unchanged, so read");
    assertEquals(4, map.markedCount(64));
  }

  @Test
  void writesTheSameBytesItReads() throws Exception {
    byte[] bytes = file(0, 0x1234, 5, 0, -1);
    Path p = dir.resolve("m");
    DdMap.parse(bytes, "m").write(p);
    assertArrayEquals(bytes, Files.readAllBytes(p));
    assertEquals(DdMap.parse(bytes, "m"), DdMap.read(p));
  }

  @Test
  void rejectsTruncatedAndForeignFiles() {
    byte[] good = file(0, 1, 1, 2, 3);
    byte[] truncated = java.util.Arrays.copyOf(good, good.length - 1);
    IOException e = assertThrows(IOException.class, () -> DdMap.parse(truncated, "t"));
    assertTrue(e.getMessage().contains("truncated ddmap: header says 3 words, file has 2"));
    assertThrows(IOException.class, () -> DdMap.parse(new byte[19], "short"));
    byte[] foreign = good.clone();
    foreign[0] = 'x';
    assertThrows(IOException.class, () -> DdMap.parse(foreign, "foreign"));
    byte[] hugeSize = good.clone();
    ByteBuffer.wrap(hugeSize).order(ByteOrder.LITTLE_ENDIAN).putInt(16, -1);
    assertThrows(IOException.class, () -> DdMap.parse(hugeSize, "huge"));
  }

  @Test
  void mergeOrsTheWords() throws Exception {
    DdMap source = DdMap.parse(file(0, 77, 0x1, 0x10, 0x100), "s");
    DdMap target = DdMap.parse(file(0, 77, 0x2, 0x10), "t");
    DdMap merged = source.merge(target, "s", "t");
    assertArrayEquals(new int[] {0x3, 0x10, 0x100}, merged.words());
    assertEquals(77, merged.nameSum());
  }

  @Test
  void mergeRefusesMismatchedNameSumsAndSmallerSources() throws Exception {
    DdMap a = DdMap.parse(file(0, 77, 1), "a");
    DdMap b = DdMap.parse(file(0, 78, 1), "b");
    IOException e = assertThrows(IOException.class, () -> a.merge(b, "a", "b"));
    assertTrue(e.getMessage().contains("name sum 0x0000004d differs from b's 0x0000004e"));
    DdMap big = DdMap.parse(file(0, 77, 1, 2), "big");
    assertThrows(IOException.class, () -> a.merge(big, "a", "big"));
  }

  @Test
  void nameSumIsTheSumOfTheNameBytes() {
    assertEquals('a' + 'b' + '.' + '0', DdMap.nameSum("ab.0"));
  }

  @Test
  void dumpsHeaderAndDataAsTheOriginal() throws Exception {
    DdMap map = DdMap.parse(file(0, 0x2a73, 0, 3, 0x70000, 0, 0, 0, 0, 0, 0x80000000), "m");
    assertEquals(
        "ddmap.device: /proc/net/iet/ddmap/t.0\n"
            + "ddmap.info: ddmap\n"
            + "ddmap.version: 1\n"
            + "ddmap.suspended: 0\n"
            + "ddmap.name_sum: 0x00002a73\n"
            + "ddmap.map_size: 9 (u32)\n"
            + "ddmap.map_size_bytes: 36\n",
        map.headerDump("/proc/net/iet/ddmap/t.0").replace(System.lineSeparator(), "\n"));
    assertEquals(
        "00000000 00000000 00000003 00070000 00000000 00000000 00000000 00000000 00000000\n"
            + "00000020 80000000\n",
        map.dataDump());
  }

  @Test
  void emptyMapBytesStartWithTheInfoString() {
    assertEquals("64646d6170000000", HexFormat.of().formatHex(DdMap.empty(0, 1).toBytes(), 0, 8));
  }
}
