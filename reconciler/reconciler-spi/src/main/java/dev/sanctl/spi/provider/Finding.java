package dev.sanctl.spi.provider;

import dev.sanctl.spi.model.SourceRef;

/**
 * Something a plan reports that is not a change: an unmanaged object, a refused change (shrink, not
 * enough space, split brain), a warning. An {@code ERROR} finding makes the whole plan not
 * applyable: {@code sanctl apply} and {@code sanctl watch} apply nothing of a plan with errors.
 */
public record Finding(
    Kind kind, String node, String address, String message, String hint, SourceRef source) {
  /** Finding categories. */
  public enum Kind {
    /** Present on the node, not in the desired state: reported, never destroyed. */
    UNMANAGED,
    /** A change that is not allowed (shrink, capacity, split brain, identity): plan error. */
    ERROR,
    /** Worth knowing: preferred node differs, fewer sessions than expected, ... */
    WARNING,
    /** Drift that is not a change: e.g. missing initiator sessions. */
    DRIFT
  }
}
