package dev.sanctl.ddless;

import static dev.sanctl.ddless.Segments.BUFFER_SIZE;
import static dev.sanctl.ddless.Segments.SEGMENT_SIZE;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import java.util.function.LongSupplier;

/**
 * Reads a source with {@code workers} threads, each owning a contiguous region of whole 8 MiB
 * buffers and helping with the others' at the end ({@link Regions}; or, {@link #striped()}, every
 * {@code workers}-th buffer), and hands each block read (a whole buffer with direct I/O, a ddmap or
 * when striped; else a {@link #BUFFERED_BLOCK}) with its segment checksums to a per-worker {@link
 * Handler}. Workers share nothing in the hot loop but the source channel (positional reads, each
 * into the worker's own direct buffers) and the handed-out region counters. Each worker keeps
 * {@link #READ_AHEAD} buffers ({@link #READ_AHEAD_DIRECT} with direct I/O) being read while it
 * hashes the current one, except when there are at least as many workers as processors: then each
 * reads its own blocks piece by piece ({@link #readsInline()}); with a ddmap only the marked
 * segments are read, as random positional reads with several requests in flight.
 */
final class Scanner {
  /**
   * Buffers each worker reads ahead of the one it hashes, through the page cache: enough to keep a
   * cold disk busy while the worker hashes (the kernel's read-ahead does the rest).
   */
  static final int READ_AHEAD = 2;

  /**
   * Buffers read ahead with direct I/O, where no kernel read-ahead helps: more requests in flight
   * (measured on the 2-vCPU virtio machine, docs/benchmarks.md). Each buffer is 8 MiB of direct
   * memory.
   */
  static final int READ_AHEAD_DIRECT = 4;

  /**
   * Bytes read and hashed at a time through the page cache: a quarter of a buffer, so that the copy
   * out of the page cache is still in the processor's cache when the worker hashes it (with 8 MiB
   * buffers the copy went to memory and was read back from it), and the buffers a run touches first
   * are few (each fresh page costs a fault).
   */
  static final int BUFFERED_BLOCK = 2 << 20;

  /**
   * Bytes a worker that reads for itself ({@link #readsInline()}) copies out of the page cache and
   * hashes at a time: small enough that the copy is still in the core's own level-2 cache when it
   * is hashed (1 MiB per core on current EPYCs), a whole number of the hasher's lane groups. 512
   * KiB took the least CPU of 128 KiB to 2 MiB (docs/benchmarks.md, session 7).
   */
  static final int INLINE_PIECE = 512 << 10;

  /** Receives the buffers of one worker, in order. */
  interface Handler {
    void buffer(Chunk chunk) throws IOException;
  }

  private final FileChannel source;
  private final boolean direct;
  private final long size;
  private final int workers;
  private final double rateBytesPerSecond;
  private final DdMap map;
  private final int queueDepth;
  private final AtomicLong progress;
  private final AtomicLong segmentsRead = new AtomicLong();
  private final AtomicLong bytesRead = new AtomicLong();
  private boolean striped;
  private int processors = Runtime.getRuntime().availableProcessors();
  private int blockBytes;

  Scanner(
      FileChannel source,
      boolean direct,
      long size,
      int workers,
      int rateMbPerSecond,
      DdMap map,
      int queueDepth,
      AtomicLong progress) {
    this.source = source;
    this.direct = direct;
    this.size = size;
    this.workers = Math.max(1, workers);
    this.rateBytesPerSecond = rateMbPerSecond > 0 ? rateMbPerSecond * 1048576.0 : 0;
    this.map = map;
    this.queueDepth = Math.max(1, queueDepth);
    this.progress = progress == null ? new AtomicLong() : progress;
    this.blockBytes = direct || map != null ? BUFFER_SIZE : BUFFERED_BLOCK;
  }

  /**
   * Deals the buffers out in turn instead of in regions: worker {@code w} of {@code n} reads
   * buffers {@code w, w + n, w + 2n, ...}, so all workers move through the source together (what a
   * consumer of the buffers in source order, like the stream's checksum feed, needs).
   */
  Scanner striped() {
    this.striped = true;
    this.blockBytes = BUFFER_SIZE;
    return this;
  }

  /** Buffers read ahead per worker, by other threads; none when {@link #readsInline()}. */
  private int readAhead() {
    if (readsInline()) return 0;
    return direct ? READ_AHEAD_DIRECT : READ_AHEAD;
  }

  /**
   * Whether each worker reads its blocks itself, piece by piece, hashing each piece right after it
   * was copied: through the page cache (the kernel reads ahead), without a map, in regions, and
   * with at least as many workers as processors. Read-ahead threads then only compete with the
   * workers for the processors, and the copy they made landed in another core's cache
   * (docs/benchmarks.md, session 7).
   */
  boolean readsInline() {
    return !direct && map == null && !striped && workers >= processors;
  }

  /** Treats the machine as having {@code n} processors (tests of both read paths). */
  Scanner processors(int n) {
    this.processors = Math.max(1, n);
    return this;
  }

  long segmentsRead() {
    return segmentsRead.get();
  }

  long bytesRead() {
    return bytesRead.get();
  }

  /** Scans the whole source; {@code handlers} makes the handler of worker {@code i}. */
  void run(IntFunction<Handler> handlers) throws IOException {
    long buffers = (size + BUFFER_SIZE - 1) / BUFFER_SIZE;
    long blocks = (size + blockBytes - 1) / blockBytes;
    int threads = (int) Math.max(1, Math.min(workers, buffers));
    ExecutorService pool =
        Executors.newFixedThreadPool(threads * (1 + readAhead()), daemon("ddless-worker"));
    ExecutorService io =
        map == null
            ? null
            : Executors.newFixedThreadPool(threads * queueDepth, daemon("ddless-io"));
    try {
      List<Future<Void>> futures = new ArrayList<>();
      Regions regions = new Regions(blocks, threads, BUFFER_SIZE / blockBytes);
      for (int w = 0; w < threads; w++) {
        int worker = w;
        LongSupplier next = striped ? stripe(w, threads, blocks) : () -> regions.take(worker);
        Handler handler = handlers.apply(w);
        futures.add(
            pool.submit(
                () ->
                    readsInline() ? inlineWorker(next, handler) : worker(next, handler, pool, io)));
      }
      for (Future<Void> f : futures) await(f);
    } finally {
      pool.shutdownNow();
      if (io != null) io.shutdownNow();
    }
  }

  /** Buffers {@code w, w + n, w + 2n, ...} ({@link #striped()}). */
  private static LongSupplier stripe(int w, int n, long buffers) {
    long[] i = {w};
    return () -> {
      long mine = i[0];
      i[0] += n;
      return mine < buffers ? mine : -1;
    };
  }

  /**
   * Handles the buffers {@code next} hands out (-1 at the end), in that order, with up to {@link
   * #readAhead()} of them being read meanwhile.
   */
  private Void worker(LongSupplier next, Handler handler, ExecutorService pool, ExecutorService io)
      throws IOException {
    SegmentHasher hasher = new SegmentHasher();
    int readAhead = readAhead();
    Chunk[] slots = new Chunk[readAhead + 1];
    ArrayDeque<Future<Chunk>> inFlight = new ArrayDeque<>();
    long started = System.nanoTime();
    long handledBytes = 0;
    long submitted = 0;
    long index;
    while (inFlight.size() < readAhead && (index = next.getAsLong()) >= 0) {
      inFlight.add(submitRead(pool, io, index, slot(slots, submitted++)));
    }
    while (!inFlight.isEmpty()) {
      Chunk chunk = await(inFlight.remove());
      if ((index = next.getAsLong()) >= 0) {
        inFlight.add(submitRead(pool, io, index, slot(slots, submitted++)));
      }
      if (chunk.readCount > 0) {
        hash(hasher, chunk);
        handler.buffer(chunk);
      }
      progress.addAndGet(chunk.length);
      handledBytes += bytesOf(chunk);
      throttle(started, handledBytes);
    }
    return null;
  }

  /**
   * Reads and handles the blocks {@code next} hands out on this thread, copying and hashing {@link
   * #INLINE_PIECE} bytes at a time.
   */
  private Void inlineWorker(LongSupplier next, Handler handler) throws IOException {
    SegmentHasher hasher = new SegmentHasher();
    Chunk chunk = new Chunk(blockBytes);
    java.util.Arrays.fill(chunk.read, true);
    long started = System.nanoTime();
    long handledBytes = 0;
    long index;
    while ((index = next.getAsLong()) >= 0) {
      long position = place(chunk, index);
      for (int off = 0; off < chunk.length; off += INLINE_PIECE) {
        int len = Math.min(INLINE_PIECE, chunk.length - off);
        int n = BlockDevices.readFully(source, chunk.data, off, len, position + off, false);
        if (n < len) throw new IOException("source ended early at byte " + (position + off + n));
        hasher.checksums(chunk.data, off, len, chunk.sums, off / SEGMENT_SIZE);
      }
      chunk.readCount = chunk.segments;
      segmentsRead.addAndGet(chunk.readCount);
      bytesRead.addAndGet(chunk.length);
      handler.buffer(chunk);
      progress.addAndGet(chunk.length);
      handledBytes += chunk.length;
      throttle(started, handledBytes);
    }
    return null;
  }

  /** Points {@code chunk} at block {@code blockIndex}; returns its byte offset in the source. */
  private long place(Chunk chunk, long blockIndex) {
    long position = blockIndex * blockBytes;
    chunk.firstSegment = position / SEGMENT_SIZE;
    chunk.length = (int) Math.min(blockBytes, size - position);
    chunk.segments = (chunk.length + SEGMENT_SIZE - 1) / SEGMENT_SIZE;
    return position;
  }

  /**
   * The buffer for read number {@code n}, allocated on first use: the first read goes out before
   * the read-ahead buffers are allocated (8 MiB each, zeroed), which then overlap with it.
   */
  private Chunk slot(Chunk[] slots, long n) {
    int i = (int) (n % slots.length);
    if (slots[i] == null) slots[i] = new Chunk(blockBytes);
    return slots[i];
  }

  private Future<Chunk> submitRead(
      ExecutorService pool, ExecutorService io, long bufferIndex, Chunk slot) {
    return pool.submit(() -> read(bufferIndex, slot, io));
  }

  private void throttle(long startedNanos, long bytes) throws InterruptedIOException {
    if (rateBytesPerSecond <= 0) return;
    long due = startedNanos + (long) (bytes / rateBytesPerSecond * 1e9);
    long wait = due - System.nanoTime();
    if (wait <= 0) return;
    try {
      Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
  }

  private Chunk read(long blockIndex, Chunk chunk, ExecutorService io) throws IOException {
    long position = place(chunk, blockIndex);
    if (map == null) {
      int n = BlockDevices.readFully(source, chunk.data, 0, chunk.length, position, direct);
      if (n < chunk.length) throw new IOException("source ended early at byte " + (position + n));
      java.util.Arrays.fill(chunk.read, 0, chunk.segments, true);
      chunk.readCount = chunk.segments;
    } else {
      readMarked(chunk, io);
    }
    segmentsRead.addAndGet(chunk.readCount);
    bytesRead.addAndGet(bytesOf(chunk));
    return chunk;
  }

  private void readMarked(Chunk chunk, ExecutorService io) throws IOException {
    List<Future<Integer>> reads = new ArrayList<>();
    int count = 0;
    int i = 0;
    while (i < chunk.segments) {
      boolean marked = map.marked(chunk.firstSegment + i);
      chunk.read[i] = marked;
      if (!marked) {
        i++;
        continue;
      }
      int start = i;
      while (i + 1 < chunk.segments && map.marked(chunk.firstSegment + i + 1)) {
        chunk.read[++i] = true;
      }
      i++;
      count += i - start;
      int off = start * SEGMENT_SIZE;
      int len = Math.min(chunk.length, i * SEGMENT_SIZE) - off;
      long pos = chunk.position() + off;
      reads.add(
          io.submit(
              () -> {
                int n = BlockDevices.readFully(source, chunk.data, off, len, pos, direct);
                if (n < len) throw new IOException("source ended early at byte " + (pos + n));
                return n;
              }));
    }
    for (Future<Integer> f : reads) await(f);
    chunk.readCount = count;
  }

  static void hash(SegmentHasher hasher, Chunk chunk) {
    if (chunk.readCount == chunk.segments) {
      hasher.checksums(chunk.data, 0, chunk.length, chunk.sums, 0);
      return;
    }
    int i = 0;
    while (i < chunk.segments) {
      if (!chunk.read[i]) {
        i++;
        continue;
      }
      int start = i;
      while (i < chunk.segments && chunk.read[i]) i++;
      int off = start * SEGMENT_SIZE;
      int len = Math.min(chunk.length, i * SEGMENT_SIZE) - off;
      hasher.checksums(chunk.data, off, len, chunk.sums, start);
    }
  }

  static <T> T await(Future<T> f) throws IOException {
    try {
      return f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    } catch (ExecutionException e) {
      Throwable c = e.getCause();
      if (c instanceof IOException io) throw io;
      if (c instanceof UncheckedIOException u) throw u.getCause();
      if (c instanceof RuntimeException r) throw r;
      if (c instanceof Error err) throw err;
      throw new IOException(c);
    }
  }

  static java.util.concurrent.ThreadFactory daemon(String name) {
    AtomicLong n = new AtomicLong();
    return r -> {
      Thread t = new Thread(r, name + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  private static long bytesOf(Chunk chunk) {
    return chunk.readCount == chunk.segments ? chunk.length : (long) chunk.readCount * SEGMENT_SIZE;
  }
}
