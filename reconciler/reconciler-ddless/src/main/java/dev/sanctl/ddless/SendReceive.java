package dev.sanctl.ddless;

import static dev.sanctl.ddless.Segments.SEGMENTS_PER_BUFFER;
import static dev.sanctl.ddless.Segments.SEGMENT_SIZE;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code ddless send} / {@code ddless receive}: one copy split across two hosts, speaking a framed
 * binary protocol over a pair of byte streams (standard input/output of an SSH exec channel). The
 * receiver owns the target and the checksum file and applies the same crash-safety rules as a local
 * copy.
 *
 * <p>Protocol version {@value #VERSION}, all integers big-endian:
 *
 * <ol>
 *   <li>sender: {@code HELLO} = magic {@code "DDLS"}, u16 version, u32 segment size, u64 source
 *       size, u8 flags (1 = a ddmap limits the segments sent).
 *   <li>receiver: {@code 'A'} accept, u8 mode ({@link #MODE_CHECKSUMS}: the receiver's checksums
 *       follow, 8 bytes per segment in file layout, for every segment; {@link #MODE_ALL}: new
 *       checksum file, send every segment read), {@link #MODE_EVERYTHING} (new checksum file: send
 *       every segment, ignoring the ddmap), or {@code 'E'} + UTF message and close.
 *   <li>sender, per 8 MiB buffer with something to send: {@code 'B'}, u64 first segment of the
 *       buffer, u32 buffer length, u32 run count, per run u32 first index and u32 segment count,
 *       the runs' bytes, u32 CRC-32 of those bytes. Version 2: frames in any order (several workers
 *       each write whole frames), each buffer at most once; version {@value #VERSION_IN_ORDER} (one
 *       worker, still accepted): in increasing order of first segment. The receiver's checksums
 *       (mode {@link #MODE_CHECKSUMS}) still come in file order: the workers take the buffers in
 *       turn and move through the source together.
 *   <li>sender: {@code 'X'} end record, u64 segments read, u64 segments sent, u64 bytes sent, u64
 *       buffer frames. A stream that ends before it, or whose totals differ, is truncated: the
 *       receiver fails without committing.
 *   <li>receiver: {@code 'R'} result, u64 segments changed, u64 bytes written, u8 new checksum
 *       file; or {@code 'E'} + message.
 * </ol>
 */
public final class SendReceive {
  /** Protocol version: frames in any order, each buffer at most once. */
  public static final int VERSION = 2;

  /** The first version, still accepted and sent by one worker: frames in increasing order. */
  public static final int VERSION_IN_ORDER = 1;

  static final int MAGIC = 0x44444c53; // "DDLS"
  static final int MODE_CHECKSUMS = 1;
  static final int MODE_ALL = 2;
  static final int MODE_EVERYTHING = 3;
  private static final int STREAM_BUFFER = 1 << 20;

  /** Buffers of receiver checksums the sender keeps for workers that have not reached them. */
  private static final int FEED_WINDOW = 64;

  private SendReceive() {}

  /**
   * Sends {@code source} (only the segments marked in {@code map}, if given) to a receiver, read
   * and hashed by {@code workers} threads taking the 8 MiB buffers in turn; each builds its frames
   * and writes them whole, so frames arrive in any order (version 2; with one worker the stream is
   * the in-order version 1 stream). {@code readRateMbPerSecond} limits each worker.
   *
   * @return the receiver's result, with {@code segmentsRead} counted by the sender
   */
  public static CopyResult send(
      Path source,
      Path map,
      boolean direct,
      int readRateMbPerSecond,
      int workers,
      InputStream in,
      OutputStream out)
      throws IOException {
    if (workers < 1) throw new IllegalArgumentException("workers must be at least 1");
    long started = System.nanoTime();
    DataOutputStream o = new DataOutputStream(new BufferedOutputStream(out, STREAM_BUFFER));
    DataInputStream i = new DataInputStream(new BufferedInputStream(in, STREAM_BUFFER));
    try (FileChannel src = BlockDevices.openRead(source, direct)) {
      long size = BlockDevices.size(src, source);
      DdMap ddmap = null;
      if (map != null) {
        ddmap = DdMap.read(map);
        ddmap.checkFits(size, map.toString());
      }
      o.writeInt(MAGIC);
      o.writeShort(workers > 1 ? VERSION : VERSION_IN_ORDER);
      o.writeInt(SEGMENT_SIZE);
      o.writeLong(size);
      o.writeByte(ddmap != null ? 1 : 0);
      o.flush();
      int reply = readType(i);
      if (reply == 'E') throw new IOException("receiver refused: " + i.readUTF());
      if (reply != 'A') throw new IOException("protocol error: expected accept, got " + reply);
      int mode = i.readUnsignedByte();
      boolean compare = mode == MODE_CHECKSUMS;
      if (mode == MODE_EVERYTHING) ddmap = null;
      Scanner scanner =
          new Scanner(
                  src,
                  direct,
                  size,
                  workers,
                  readRateMbPerSecond,
                  compare ? null : ddmap,
                  CopyOptions.DEFAULT_QUEUE_DEPTH,
                  null)
              .striped();
      FrameWriter sender = new FrameWriter(o);
      try (ChecksumFeed feed = compare ? new ChecksumFeed(i, size, FEED_WINDOW) : null) {
        scanner.run(w -> sender.worker(feed));
        if (feed != null) feed.awaitEnd();
      }
      o.writeByte('X');
      o.writeLong(scanner.segmentsRead());
      o.writeLong(sender.segmentsSent);
      o.writeLong(sender.bytesSent);
      o.writeLong(sender.frames);
      o.flush();
      int result = readType(i);
      if (result == 'E') throw new IOException("receiver failed: " + i.readUTF());
      if (result != 'R') throw new IOException("protocol error: expected result, got " + result);
      long changed = i.readLong();
      long written = i.readLong();
      boolean fresh = i.readUnsignedByte() != 0;
      double seconds = (System.nanoTime() - started) / 1e9;
      return CopyResult.of(size, scanner.segmentsRead(), changed, written, fresh, seconds);
    }
  }

  static int readType(DataInputStream in) throws IOException {
    int t = in.read();
    if (t < 0) throw new EOFException("stream truncated: the peer closed the connection");
    return t;
  }

  /**
   * Receives a copy into {@code target}, keeping {@code checksum} ({@code /dev/null}: none).
   *
   * @return what was written
   */
  public static CopyResult receive(Path target, Path checksum, InputStream in, OutputStream out)
      throws IOException {
    long started = System.nanoTime();
    DataOutputStream o = new DataOutputStream(new BufferedOutputStream(out, STREAM_BUFFER));
    DataInputStream i = new DataInputStream(new BufferedInputStream(in, STREAM_BUFFER));
    try {
      return receive(target, checksum, i, o, started);
    } catch (IOException | RuntimeException e) {
      try {
        o.writeByte('E');
        o.writeUTF(String.valueOf(e.getMessage()));
        o.flush();
      } catch (IOException ignored) {
        // the sender is gone; the original error is what matters
      }
      throw e;
    }
  }

  private static CopyResult receive(
      Path target, Path checksum, DataInputStream i, DataOutputStream o, long started)
      throws IOException {
    if (i.readInt() != MAGIC) throw new IOException("protocol error: not a ddless sender");
    int version = i.readUnsignedShort();
    if (version != VERSION && version != VERSION_IN_ORDER) {
      throw new IOException(
          "protocol version "
              + version
              + " not supported (this is "
              + VERSION
              + ", also reading "
              + VERSION_IN_ORDER
              + ")");
    }
    int segmentSize = i.readInt();
    if (segmentSize != SEGMENT_SIZE) {
      throw new IOException(
          "segment size " + segmentSize + " not supported (" + SEGMENT_SIZE + ")");
    }
    long size = i.readLong();
    boolean mapped = (i.readUnsignedByte() & 1) != 0;
    if (size < 0) throw new IOException("protocol error: negative source size");
    try (FileChannel tgt = DdlessCopy.openTarget(target, size);
        ChecksumStore store = ChecksumStore.open(checksum, size, false)) {
      long targetBytes = BlockDevices.size(tgt, target);
      int mode;
      if (store.isNew() && store.isEnabled()) {
        mode = MODE_EVERYTHING;
      } else if (!store.isEnabled() || (mapped && !store.isAdopted())) {
        mode = MODE_ALL;
      } else {
        mode = MODE_CHECKSUMS;
      }
      o.writeByte('A');
      o.writeByte(mode);
      o.flush();
      ExecutorService writer = Executors.newSingleThreadExecutor(Scanner.daemon("ddless-sums"));
      try {
        Future<?> sums =
            mode == MODE_CHECKSUMS ? writer.submit(() -> streamChecksums(store, size, o)) : null;
        AtomicLong changed = new AtomicLong();
        AtomicLong written = new AtomicLong();
        CopyHandler handler = new CopyHandler(store, tgt, targetBytes, changed, written);
        long[] got = FrameReader.receive(i, size, version == VERSION_IN_ORDER, handler);
        if (sums != null) Scanner.await(sums);
        store.commit(tgt);
        double seconds = (System.nanoTime() - started) / 1e9;
        CopyResult result =
            CopyResult.of(
                size,
                got[0],
                changed.get(),
                written.get(),
                store.isNew() && store.isEnabled(),
                seconds);
        if (store.isEnabled()) DdlessCopy.appendStats(checksum, result);
        o.writeByte('R');
        o.writeLong(result.segmentsChanged());
        o.writeLong(result.bytesWritten());
        o.writeByte(result.newChecksumFile() ? 1 : 0);
        o.flush();
        return result;
      } finally {
        writer.shutdownNow();
      }
    }
  }

  private static Void streamChecksums(ChecksumStore store, long size, DataOutputStream o)
      throws IOException {
    long segments = Segments.count(size);
    long[] entries = new long[SEGMENTS_PER_BUFFER];
    ByteBuffer bytes =
        ByteBuffer.allocate(SEGMENTS_PER_BUFFER * Segments.CHECKSUM_BYTES)
            .order(ByteOrder.LITTLE_ENDIAN);
    for (long s = 0; s < segments; s += SEGMENTS_PER_BUFFER) {
      int n = (int) Math.min(SEGMENTS_PER_BUFFER, segments - s);
      store.read(s, n, entries);
      bytes.clear();
      bytes.asLongBuffer().put(entries, 0, n);
      synchronized (o) {
        o.write(bytes.array(), 0, n * Segments.CHECKSUM_BYTES);
      }
    }
    synchronized (o) {
      o.flush();
    }
    return null;
  }
}
