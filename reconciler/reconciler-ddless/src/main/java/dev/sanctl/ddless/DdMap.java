package dev.sanctl.ddless;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

/**
 * A ddmap file: the change map the patched iSCSI target keeps per LUN. A 20-byte little-endian
 * header ({@code info} = "ddmap" NUL-padded to 8 bytes, {@code version} = 1, {@code suspended}, two
 * unused bytes, {@code name_sum}, {@code map_size} in u32 words), then the words. Bit {@code b}
 * (least significant first) of word {@code w} is segment {@code 32*w + b}.
 *
 * @param version header version (1)
 * @param suspended whether the map was suspended while it was read
 * @param nameSum the sum of the byte values of the proc entry name {@code <target>.<lun>}
 * @param words the map words
 */
public record DdMap(int version, boolean suspended, long nameSum, int[] words) {
  /** Header size in bytes. */
  public static final int HEADER_SIZE = 20;

  /** Segments covered by one map word. */
  public static final int SEGMENTS_PER_WORD = 32;

  private static final byte[] INFO = "ddmap".getBytes(StandardCharsets.US_ASCII);

  /** An empty map of {@code mapSize} words. */
  public static DdMap empty(long nameSum, int mapSize) {
    return new DdMap(1, false, nameSum, new int[mapSize]);
  }

  /** The name sum of a proc entry name such as {@code iqn.2010-01.edu.example:vol.0}. */
  public static long nameSum(String entryName) {
    long sum = 0;
    for (byte b : entryName.getBytes(StandardCharsets.UTF_8)) sum += b & 0xff;
    return sum & 0xffffffffL;
  }

  /** Map words needed to cover a source of {@code bytes} bytes. */
  public static long wordsFor(long bytes) {
    return (Segments.count(bytes) + SEGMENTS_PER_WORD - 1) / SEGMENTS_PER_WORD;
  }

  /** Reads and checks a ddmap file (regular file or proc entry). */
  public static DdMap read(Path path) throws IOException {
    byte[] bytes;
    try (InputStream in = Files.newInputStream(path)) {
      bytes = in.readAllBytes();
    }
    return parse(bytes, path.toString());
  }

  /** Parses ddmap bytes, checking the header and bounds; {@code name} is used in messages. */
  public static DdMap parse(byte[] bytes, String name) throws IOException {
    if (bytes.length < HEADER_SIZE) {
      throw new IOException(
          name + ": not a ddmap file: " + bytes.length + " bytes, the header alone has 20");
    }
    ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (!Arrays.equals(Arrays.copyOf(bytes, INFO.length), INFO)) {
      throw new IOException(name + ": not a ddmap file: header info is not \"ddmap\"");
    }
    int version = b.get(8) & 0xff;
    if (version != 1) {
      throw new IOException(name + ": unsupported ddmap version " + version + " (expected 1)");
    }
    boolean suspended = b.get(9) != 0;
    long nameSum = b.getInt(12) & 0xffffffffL;
    long mapSize = b.getInt(16) & 0xffffffffL;
    long available = (bytes.length - HEADER_SIZE) / 4;
    if (mapSize > available) {
      throw new IOException(
          name + ": truncated ddmap: header says " + mapSize + " words, file has " + available);
    }
    int[] words = new int[(int) mapSize];
    b.position(HEADER_SIZE);
    b.asIntBuffer().get(words);
    return new DdMap(version, suspended, nameSum, words);
  }

  /** Number of map words ({@code map_size}). */
  public int mapSize() {
    return words.length;
  }

  /**
   * Whether segment {@code segment} must be read: marked in the map, or beyond the map. A map
   * shorter than the source (the volume grew after the map was started) says nothing about the
   * segments past its end, so they are not known to be unchanged and are read and compared.
   */
  public boolean marked(long segment) {
    long w = segment / SEGMENTS_PER_WORD;
    return w >= words.length || (words[(int) w] & (1 << (segment % SEGMENTS_PER_WORD))) != 0;
  }

  /** Segments of a source of {@code sourceBytes} bytes past the end of this map (read in full). */
  public long segmentsBeyond(long sourceBytes) {
    return Math.max(0, Segments.count(sourceBytes) - (long) words.length * SEGMENTS_PER_WORD);
  }

  /** Number of marked segments among the first {@code segments}. */
  public long markedCount(long segments) {
    long n = 0;
    for (int w = 0; w < words.length; w++) {
      long first = (long) w * SEGMENTS_PER_WORD;
      if (first >= segments) break;
      int word = words[w];
      long valid = segments - first;
      if (valid < SEGMENTS_PER_WORD) word &= (1 << valid) - 1;
      n += Integer.bitCount(word);
    }
    return n;
  }

  /**
   * Checks that this map fits a source of {@code sourceBytes} bytes: a larger map is the map of
   * another volume; a smaller one covers its part of the source, and the segments beyond it are
   * read ({@link #marked}).
   */
  public void checkFits(long sourceBytes, String name) throws IOException {
    long need = wordsFor(sourceBytes);
    if (words.length > need) {
      throw new IOException(
          name
              + ": ddmap covers "
              + words.length
              + " words ("
              + (long) words.length * SEGMENTS_PER_WORD * Segments.SEGMENT_SIZE
              + " bytes) but the source has only "
              + sourceBytes
              + " bytes; is it the map of another volume?");
    }
  }

  /**
   * Checks that this is the map of the proc entry {@code entryName} ({@code <target>.<lun>}): its
   * {@code name_sum} must be that name's sum, else it is the map of another LUN.
   */
  public void checkName(String entryName, String name) throws IOException {
    long expected = nameSum(entryName);
    if (nameSum != expected) {
      throw new IOException(
          String.format(
              "%s: name sum 0x%08x is not the one of %s (0x%08x): the map of another LUN",
              name, nameSum, entryName, expected));
    }
  }

  /** The map with segment {@code segment} marked. */
  public DdMap mark(long segment) {
    int w = (int) (segment / SEGMENTS_PER_WORD);
    int[] copy = Arrays.copyOf(words, Math.max(words.length, w + 1));
    copy[w] |= 1 << (segment % SEGMENTS_PER_WORD);
    return new DdMap(version, suspended, nameSum, copy);
  }

  /**
   * This map OR {@code other}, as {@code ddmap -s SRC -t TGT} merges SRC (this) into TGT: the name
   * sums must match and this map must be at least as large as the target.
   */
  public DdMap merge(DdMap target, String sourceName, String targetName) throws IOException {
    if (target.nameSum != nameSum) {
      throw new IOException(
          String.format(
              "%s: name sum 0x%08x differs from %s's 0x%08x: the maps belong to different LUNs",
              sourceName, nameSum, targetName, target.nameSum));
    }
    if (words.length < target.words.length) {
      throw new IOException(
          sourceName
              + ": map has "
              + words.length
              + " words, fewer than the "
              + target.words.length
              + " of "
              + targetName
              + " (the volume cannot shrink)");
    }
    int[] merged = Arrays.copyOf(words, words.length);
    for (int i = 0; i < target.words.length; i++) merged[i] |= target.words[i];
    return new DdMap(1, false, nameSum, merged);
  }

  /** The file bytes of this map. */
  public byte[] toBytes() {
    ByteBuffer b =
        ByteBuffer.allocate(HEADER_SIZE + 4 * words.length).order(ByteOrder.LITTLE_ENDIAN);
    b.put(INFO).put(new byte[8 - INFO.length]);
    b.put((byte) version).put((byte) (suspended ? 1 : 0)).put((byte) 0).put((byte) 0);
    b.putInt((int) nameSum).putInt(words.length);
    b.asIntBuffer().put(words);
    return b.array();
  }

  /** Writes this map to {@code path} atomically (temporary file, force, rename). */
  public void write(Path path) throws IOException {
    Path tmp = ChecksumStore.sibling(path, ".tmp");
    try (var ch =
        java.nio.channels.FileChannel.open(
            tmp,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.TRUNCATE_EXISTING,
            java.nio.file.StandardOpenOption.WRITE)) {
      ByteBuffer data = ByteBuffer.wrap(toBytes());
      while (data.hasRemaining()) ch.write(data);
      ch.force(true);
    }
    Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The header dump of {@code ddmap -a}. */
  public String headerDump(String device) {
    return String.format(
        "ddmap.device: %s%n"
            + "ddmap.info: ddmap%n"
            + "ddmap.version: %d%n"
            + "ddmap.suspended: %d%n"
            + "ddmap.name_sum: 0x%08x%n"
            + "ddmap.map_size: %d (u32)%n"
            + "ddmap.map_size_bytes: %d%n",
        device, version, suspended ? 1 : 0, nameSum, words.length, 4L * words.length);
  }

  /** The data dump of {@code ddmap -b}: byte offset then 8 words in hex per line. */
  public String dataDump() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < words.length; i += 8) {
      sb.append(String.format("%08x", i * 4L));
      for (int j = i; j < Math.min(words.length, i + 8); j++) {
        sb.append(String.format(" %08x", words[j]));
      }
      sb.append('\n');
    }
    return sb.toString();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof DdMap d
        && d.version == version
        && d.suspended == suspended
        && d.nameSum == nameSum
        && Arrays.equals(d.words, words);
  }

  @Override
  public int hashCode() {
    return Long.hashCode(nameSum) * 31 + Arrays.hashCode(words);
  }

  @Override
  public String toString() {
    return String.format("DdMap[name_sum=0x%08x, map_size=%d]", nameSum, words.length);
  }
}
