package dev.sanctl.spi.values;

/**
 * A CHAP secret (the content of a {@code secretFile}): the third word of {@code IncomingUser} and
 * {@code OutgoingUser} lines of ietd.conf and tgt {@code targets.conf} (whose lines tgt-admin hands
 * to a shell) and a value of {@code ietadm --params} (split at {@code ,}). Messages never show it.
 */
public final class ChapSecret extends ValueKind {
  public static final ChapSecret KIND = new ChapSecret();

  private ChapSecret() {
    super(
        "CHAP secret",
        "1 to 255 letters, digits, '.', '_', '+', '/', ':', '@' and '-', not starting with '-'"
            + " (one line; a final newline of the file is not part of it)",
        255);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return asciiLetterOrDigit(c) || oneOf(c, "._+/:@") || (c == '-' && index > 0);
  }

  @Override
  protected boolean showsValue() {
    return false;
  }
}
