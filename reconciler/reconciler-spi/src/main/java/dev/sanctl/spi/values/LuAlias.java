package dev.sanctl.spi.values;

/**
 * The alias of a COMSTAR logical unit ({@code stmfadm create-lu -p alias=...}), read back from the
 * {@code Alias:} line of {@code stmfadm list-lu -v}: printable text on one line without leading or
 * trailing spaces (the listing strips them).
 */
public final class LuAlias extends ValueKind {
  public static final LuAlias KIND = new LuAlias();

  private LuAlias() {
    super(
        "LU alias",
        "1 to 255 bytes of letters, digits, punctuation, symbols and spaces on one line, not"
            + " starting or ending with a space",
        255);
  }

  @Override
  protected String article() {
    return "an";
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return printable(c);
  }

  @Override
  protected String more(String value) {
    return value.strip().equals(value) ? null : "starts or ends with a space";
  }
}
