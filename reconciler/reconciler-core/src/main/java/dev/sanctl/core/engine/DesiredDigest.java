package dev.sanctl.core.engine;

import dev.sanctl.core.plan.Digests;
import dev.sanctl.spi.model.DesiredState;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The digest of the (immutable) desired state a plan was made from, computed once per desired state
 * and, when {@link #start started} before the nodes are observed, on another thread while they are:
 * the digest reads the whole desired state (tens of milliseconds for 5,000 targets), observation
 * mostly waits for the nodes. Thread-safe.
 */
final class DesiredDigest {
  private DesiredState digested;
  private CompletableFuture<String> digest;

  /** Starts computing the digest of {@code desired} in the background, unless already known. */
  synchronized void start(DesiredState desired) {
    if (digested == desired) return;
    digested = desired;
    digest = CompletableFuture.supplyAsync(() -> Digests.desired(desired));
  }

  /** The digest of {@code desired}: waits for the one started, or computes it here. */
  String of(DesiredState desired) {
    CompletableFuture<String> d;
    synchronized (this) {
      if (digested != desired) {
        digested = desired;
        digest = CompletableFuture.completedFuture(Digests.desired(desired));
      }
      d = digest;
    }
    try {
      return d.join();
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      if (e.getCause() instanceof Error err) throw err;
      throw e;
    }
  }
}
