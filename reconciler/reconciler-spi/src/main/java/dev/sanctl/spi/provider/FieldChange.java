package dev.sanctl.spi.provider;

/**
 * One attribute that differs. {@code before} is null when created, {@code after} null when removed;
 * {@code sensitive} values are shown as {@code (sensitive value)} in every format.
 */
public record FieldChange(String path, String before, String after, boolean sensitive) {
  public static FieldChange of(String path, Object before, Object after) {
    return new FieldChange(
        path,
        before == null ? null : before.toString(),
        after == null ? null : after.toString(),
        false);
  }
}
