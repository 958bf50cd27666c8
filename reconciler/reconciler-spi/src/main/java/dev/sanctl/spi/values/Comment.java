package dev.sanctl.spi.values;

/**
 * A free-text comment ({@code targets[].comment}), written as a {@code # ...} line of {@code
 * ietd.conf}: printable text on one line, short enough that no reader's line buffer splits it.
 */
public final class Comment extends ValueKind {
  public static final Comment KIND = new Comment();

  private Comment() {
    super(
        "comment",
        "at most 256 bytes of letters, digits, punctuation, symbols and spaces on one line"
            + " (no tab, control character or line/paragraph separator)",
        256);
  }

  @Override
  protected int minLength() {
    return 0;
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return printable(c);
  }
}
