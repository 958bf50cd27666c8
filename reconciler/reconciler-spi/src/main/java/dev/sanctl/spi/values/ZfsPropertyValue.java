package dev.sanctl.spi.values;

/**
 * The value of a ZFS property ({@code zfs create -o name=value}, {@code zfs set name=value}): the
 * argument splits at the first {@code =} only, but {@code zfs get -H} prints values between tabs
 * and newlines, so a value sanctl reads back is printable text on one line; ZFS stores at most 8191
 * bytes of a user property.
 */
public final class ZfsPropertyValue extends ValueKind {
  public static final ZfsPropertyValue KIND = new ZfsPropertyValue();

  private ZfsPropertyValue() {
    super(
        "ZFS property value",
        "1 to 8191 bytes of letters, digits, punctuation, symbols and spaces on one line",
        8191);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return printable(c);
  }
}
