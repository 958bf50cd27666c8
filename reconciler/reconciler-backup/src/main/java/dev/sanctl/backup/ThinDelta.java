package dev.sanctl.backup;

import dev.sanctl.ddless.Segments;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * The output of {@code thin_delta} (thin-provisioning-tools, fixtures/thin): a {@code superblock}
 * with {@code data_block_size} (in 512-byte sectors) and one {@code diff} of ranges of virtual
 * blocks, each {@code same}, {@code different}, {@code left_only} or {@code right_only}. Both the
 * plain form ({@code <different begin= length=/>}) and {@code --verbose} (the kind as an element
 * around {@code <range begin= ... length=/>}) are read.
 *
 * @param dataBlockSectors pool data block size in 512-byte sectors
 * @param ranges the ranges in output order
 */
public record ThinDelta(long dataBlockSectors, List<Range> ranges) {
  /** What a range of blocks is between the left (older) and right (newer) device. */
  public enum Kind {
    SAME,
    DIFFERENT,
    LEFT_ONLY,
    RIGHT_ONLY
  }

  /** {@code length} virtual blocks from {@code begin}. */
  public record Range(Kind kind, long begin, long length) {}

  /** Parses thin_delta's standard output; {@code what} names it in errors. */
  public static ThinDelta parse(byte[] xml, String what) throws IOException {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    long blockSize = -1;
    boolean diff = false;
    Kind open = null;
    List<Range> ranges = new ArrayList<>();
    try {
      XMLStreamReader r = f.createXMLStreamReader(new ByteArrayInputStream(xml));
      while (r.hasNext()) {
        int event = r.next();
        if (event == XMLStreamReader.END_ELEMENT) {
          if (kind(r.getLocalName()) != null) open = null;
          continue;
        }
        if (event != XMLStreamReader.START_ELEMENT) continue;
        String name = r.getLocalName();
        Kind k = kind(name);
        if (name.equals("superblock")) {
          blockSize = number(r, "data_block_size", what);
        } else if (name.equals("diff")) {
          diff = true;
        } else if (k != null && r.getAttributeValue(null, "begin") != null) {
          ranges.add(new Range(k, number(r, "begin", what), number(r, "length", what)));
        } else if (k != null) {
          open = k;
        } else if (name.equals("range") && open != null) {
          ranges.add(new Range(open, number(r, "begin", what), number(r, "length", what)));
        } else {
          throw new IOException(what + ": unexpected element <" + name + ">");
        }
      }
    } catch (XMLStreamException e) {
      throw new IOException(what + ": not thin_delta output: " + e.getMessage(), e);
    }
    if (blockSize <= 0 || !diff) {
      throw new IOException(what + ": not thin_delta output (no superblock with a diff)");
    }
    return new ThinDelta(blockSize, List.copyOf(ranges));
  }

  private static Kind kind(String element) {
    return switch (element) {
      case "same" -> Kind.SAME;
      case "different" -> Kind.DIFFERENT;
      case "left_only" -> Kind.LEFT_ONLY;
      case "right_only" -> Kind.RIGHT_ONLY;
      default -> null;
    };
  }

  private static long number(XMLStreamReader r, String attribute, String what) throws IOException {
    String v = r.getAttributeValue(null, attribute);
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new IOException(
          what + ": <" + r.getLocalName() + "> has no number " + attribute + " ('" + v + "')");
    }
  }

  /** Bytes per pool data block. */
  public long blockBytes() {
    return dataBlockSectors * 512;
  }

  /**
   * The 16 KiB segments of a device of {@code size} bytes that are not the same in both devices
   * (different, or mapped on one side only: a block discarded on the right reads as zeros now).
   */
  public BitSet changedSegments(long size) {
    BitSet s = new BitSet();
    long segments = Segments.count(size);
    for (Range r : ranges) {
      if (r.kind() == Kind.SAME) continue;
      long from = r.begin() * blockBytes() / Segments.SEGMENT_SIZE;
      long to =
          ((r.begin() + r.length()) * blockBytes() + Segments.SEGMENT_SIZE - 1)
              / Segments.SEGMENT_SIZE;
      if (from >= segments) continue;
      s.set((int) from, (int) Math.min(to, segments));
    }
    return s;
  }
}
