package dev.sanctl.spi.values;

/**
 * A value cannot be written safely where a renderer or command builder was about to put it. Thrown
 * by {@link ValueKind#require}; the engine reports it as an error finding of the provider and plans
 * nothing of that provider, so an unsafe value never reaches a node file or an argument vector.
 */
public final class UnsafeValueException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  /** The kind whose allowed set the value is outside of. */
  private final transient ValueKind kind;

  public UnsafeValueException(ValueKind kind, String message) {
    super(message);
    this.kind = kind;
  }

  /** The kind of the refused value. */
  public ValueKind kind() {
    return kind;
  }
}
