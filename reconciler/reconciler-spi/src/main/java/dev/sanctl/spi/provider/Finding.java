package dev.sanctl.spi.provider;

import dev.sanctl.spi.model.SourceRef;

/**
 * Something a plan reports that is not a change: an unmanaged object, a refused change (shrink, not
 * enough space, split brain), a warning. An {@code ERROR} finding makes the whole plan not
 * applyable: {@code sanctl apply} and {@code sanctl watch} apply nothing of a plan with errors.
 *
 * <p>Build one with a factory named after its kind ({@link #error}, {@link #warning}, {@link
 * #unmanaged}, {@link #drift}); it reports on the node of its address, or on another node with
 * {@link #on(String)} (e.g. a cluster-wide volume group seen held by one node).
 *
 * @param node the node it reports on, or null for the cluster
 * @param resource the object it is about (of any node, or cluster-wide), or null
 * @param message one sentence saying what is wrong
 * @param hint how to fix it, or null
 * @param source where in the config the object is declared, or null
 */
public record Finding(
    Kind kind,
    String node,
    ResourceAddress resource,
    String message,
    String hint,
    SourceRef source) {
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

  /** A refused change or impossible state at {@code at}: the plan is not applyable. */
  public static Finding error(ResourceAddress at, String message, String hint, SourceRef source) {
    return of(Kind.ERROR, at, message, hint, source);
  }

  /** Something worth knowing about {@code at}; the plan stays applyable. */
  public static Finding warning(ResourceAddress at, String message, String hint, SourceRef source) {
    return of(Kind.WARNING, at, message, hint, source);
  }

  /** {@code at} is present on its node but not declared: reported, never destroyed. */
  public static Finding unmanaged(
      ResourceAddress at, String message, String hint, SourceRef source) {
    return of(Kind.UNMANAGED, at, message, hint, source);
  }

  /** Drift of {@code at} that no change can repair (e.g. missing initiator sessions). */
  public static Finding drift(ResourceAddress at, String message, String hint, SourceRef source) {
    return of(Kind.DRIFT, at, message, hint, source);
  }

  private static Finding of(
      Kind kind, ResourceAddress at, String message, String hint, SourceRef source) {
    return new Finding(kind, at.node(), at, message, hint, source);
  }

  /** This finding reported on {@code otherNode} (null: on the cluster), its address unchanged. */
  public Finding on(String otherNode) {
    return new Finding(kind, otherNode, resource, message, hint, source);
  }

  /** The rendered {@link #resource()}, or null when the finding is about no one object. */
  public String address() {
    return resource == null ? null : resource.toString();
  }
}
