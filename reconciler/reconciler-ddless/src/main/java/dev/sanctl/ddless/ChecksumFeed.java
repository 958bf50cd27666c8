package dev.sanctl.ddless;

import static dev.sanctl.ddless.Segments.SEGMENTS_PER_BUFFER;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The sender's side of the receiver's checksum stream ({@code MODE_CHECKSUMS}): a thread reads the
 * checksums buffer by buffer in file order and keeps them until the worker handling that buffer
 * {@link #take takes} them. At most {@code window} buffers are kept (4 KiB each), so the workers
 * must move through the source together ({@link Scanner#striped()}); a worker ahead of the window
 * waits for the others.
 */
final class ChecksumFeed implements AutoCloseable {
  private final DataInputStream in;
  private final long segments;
  private final int window;
  private final Map<Long, byte[]> ready = new HashMap<>();
  private final Thread reader;
  private IOException failure;
  private boolean done;

  ChecksumFeed(DataInputStream in, long sourceBytes, int window) {
    this.in = in;
    this.segments = Segments.count(sourceBytes);
    this.window = Math.max(1, window);
    this.reader = new Thread(this::readAll, "ddless-checksum-feed");
    reader.setDaemon(true);
    reader.start();
  }

  /** The receiver's checksum entries (file layout) of buffer {@code buffer}, waiting for them. */
  synchronized byte[] take(long buffer) throws IOException {
    while (true) {
      byte[] sums = ready.remove(buffer);
      if (sums != null) {
        notifyAll();
        return sums;
      }
      if (failure != null) {
        throw new IOException("reading the receiver's checksums: " + failure.getMessage(), failure);
      }
      if (done) throw new IllegalStateException("checksums of buffer " + buffer + " taken twice");
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new InterruptedIOException("interrupted");
      }
    }
  }

  private void readAll() {
    try {
      for (long first = 0; first < segments; first += SEGMENTS_PER_BUFFER) {
        byte[] sums =
            new byte
                [(int) Math.min(SEGMENTS_PER_BUFFER, segments - first) * Segments.CHECKSUM_BYTES];
        in.readFully(sums);
        synchronized (this) {
          while (ready.size() >= window) wait();
          ready.put(first / SEGMENTS_PER_BUFFER, sums);
          notifyAll();
        }
      }
      synchronized (this) {
        done = true;
        notifyAll();
      }
    } catch (IOException e) {
      fail(e);
    } catch (InterruptedException e) {
      fail(new InterruptedIOException("interrupted"));
    }
  }

  private synchronized void fail(IOException e) {
    failure = e;
    notifyAll();
  }

  /** Waits until every checksum was read (the stream then carries the receiver's result). */
  void awaitEnd() throws IOException {
    try {
      reader.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted");
    }
    synchronized (this) {
      if (failure != null) throw failure;
    }
  }

  @Override
  public void close() {
    reader.interrupt();
  }
}
