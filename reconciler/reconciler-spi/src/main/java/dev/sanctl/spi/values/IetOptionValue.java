package dev.sanctl.spi.values;

/**
 * The value of an IET option: the second word of an {@code ietd.conf} line (ietd splits lines at
 * white space) and a value in {@code ietadm --params=Name=Value,...} (split at {@code ,}); so a
 * digest list such as {@code CRC32C,None} cannot be carried — choose one.
 */
public final class IetOptionValue extends ValueKind {
  public static final IetOptionValue KIND = new IetOptionValue();

  private IetOptionValue() {
    super(
        "IET option value",
        "1 to 255 letters, digits, '.', '_', ':' and '-', not starting with '-'"
            + " (one word: no spaces, commas or '='; for a digest give CRC32C or None)",
        255);
  }

  @Override
  public String hint() {
    return "give one word per option (ietadm cannot pass a list such as CRC32C,None)";
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return asciiLetterOrDigit(c) || oneOf(c, "._:") || (c == '-' && index > 0);
  }
}
