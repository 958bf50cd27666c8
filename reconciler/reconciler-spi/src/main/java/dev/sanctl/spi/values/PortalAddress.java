package dev.sanctl.spi.values;

/**
 * A portal address (an IP address, optionally {@code [v6]} and {@code :port}): an element of IET
 * {@code targets.allow} (a comma-separated list), tgt {@code portal=} parameters and {@code itadm}
 * / stmf-ha portal lists.
 */
public final class PortalAddress extends ValueKind {
  public static final PortalAddress KIND = new PortalAddress();

  private PortalAddress() {
    super("portal address", "1 to 64 hex digits, '.', ':', '[' and ']'", 64);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return (c >= '0' && c <= '9')
        || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F')
        || oneOf(c, ".:[]");
  }
}
