package dev.sanctl.spi.model;

/**
 * Where a value of the desired state was written: a file relative to the config directory and a
 * 1-based line and column. Diagnostics print it as {@code file:line:column}.
 */
public record SourceRef(String file, int line, int column) implements Comparable<SourceRef> {
  /** A reference for values that were not read from a file (defaults, generated state). */
  public static final SourceRef NONE = new SourceRef("", 0, 0);

  @Override
  public String toString() {
    return file + ":" + line + ":" + column;
  }

  @Override
  public int compareTo(SourceRef o) {
    int c = file.compareTo(o.file);
    if (c != 0) return c;
    c = Integer.compare(line, o.line);
    return c != 0 ? c : Integer.compare(column, o.column);
  }
}
