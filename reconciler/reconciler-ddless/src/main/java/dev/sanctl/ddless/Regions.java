package dev.sanctl.ddless;

/**
 * The contiguous regions of the workers, as in the original ddless: worker {@code w} of {@code n}
 * owns an equal run of whole buffers and reads it front to back. A worker whose region is done
 * takes the last unread buffer of the region with the most left, so that no worker idles at the end
 * while another still has a long way to go; the owner's front-to-back stream is untouched.
 * Thread-safe.
 */
final class Regions {
  private final long[] next;
  private final long[] end;

  /** Regions for {@code workers} workers over {@code buffers} buffers. */
  Regions(long buffers, int workers) {
    this(buffers, workers, 1);
  }

  /**
   * Regions for {@code workers} workers over {@code blocks} blocks, each region a whole number of
   * {@code align} blocks (the blocks of one 8 MiB buffer stay in one region).
   */
  Regions(long blocks, int workers, int align) {
    next = new long[workers];
    end = new long[workers];
    long units = (blocks + align - 1) / align;
    long per = (units + workers - 1) / workers * align;
    for (int w = 0; w < workers; w++) {
      next[w] = Math.min(blocks, w * per);
      end[w] = Math.min(blocks, next[w] + per);
    }
  }

  /**
   * The next buffer for worker {@code w}: its own region's next, else another's last; -1 when done.
   */
  synchronized long take(int w) {
    if (next[w] < end[w]) return next[w]++;
    int most = -1;
    for (int o = 0; o < next.length; o++) {
      if (end[o] > next[o] && (most < 0 || end[o] - next[o] > end[most] - next[most])) {
        most = o;
      }
    }
    return most < 0 ? -1 : --end[most];
  }
}
