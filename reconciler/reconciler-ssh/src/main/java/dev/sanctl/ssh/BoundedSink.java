package dev.sanctl.ssh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;

/** Drains a stream on its own thread, keeping at most {@code limit} bytes. */
final class BoundedSink {
  private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
  private final Thread thread;
  private volatile boolean truncated;

  BoundedSink(InputStream in, int limit, String name) {
    thread =
        new Thread(
            () -> {
              byte[] buf = new byte[64 * 1024];
              try {
                int n;
                while ((n = in.read(buf)) >= 0) {
                  int room = limit - kept.size();
                  if (room > 0) kept.write(buf, 0, Math.min(room, n));
                  if (n > room) truncated = true;
                }
              } catch (IOException ignored) {
                // the channel closed; what was read is kept
              }
            },
            name);
    thread.setDaemon(true);
    thread.start();
  }

  byte[] bytes(long waitMillis) throws InterruptedException {
    thread.join(Math.max(1, waitMillis));
    synchronized (kept) {
      return kept.toByteArray();
    }
  }

  boolean truncated() {
    return truncated;
  }
}
