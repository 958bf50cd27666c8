package dev.sanctl.core.apply;

/** What became of one change during an apply. {@code message} is null when applied. */
public record ChangeOutcome(String address, String node, Status status, String message) {
  /** Outcome kinds. */
  public enum Status {
    APPLIED,
    FAILED,
    SKIPPED
  }
}
