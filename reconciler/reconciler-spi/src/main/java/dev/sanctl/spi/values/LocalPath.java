package dev.sanctl.spi.values;

/**
 * A path on the machine that runs sanctl ({@code identityFile}, {@code knownHostsFile}, {@code
 * secretFile}, {@code passwordFile}): opened by sanctl itself and shown in messages and plans, so
 * printable text on one line.
 */
public final class LocalPath extends ValueKind {
  public static final LocalPath KIND = new LocalPath();

  private LocalPath() {
    super(
        "file path",
        "1 to 4096 bytes of letters, digits, punctuation, symbols and spaces on one line",
        4096);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return printable(c);
  }
}
