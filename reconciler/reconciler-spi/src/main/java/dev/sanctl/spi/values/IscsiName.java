package dev.sanctl.spi.values;

/**
 * The characters of an iSCSI name (target and initiator IQNs, EUI names) as written to {@code
 * ietd.conf}, {@code initiators.allow}, tgt {@code targets.conf} and argument vectors. Only the
 * syntax that keeps files and parameter lists intact is checked here; what a valid name is (RFC
 * 3720) is the business of name validation.
 */
public final class IscsiName extends ValueKind {
  public static final IscsiName KIND = new IscsiName();

  private IscsiName() {
    super("iSCSI name", "1 to 223 letters, digits, '.', ':' and '-', not starting with '-'", 223);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return asciiLetterOrDigit(c) || oneOf(c, ".:") || (c == '-' && index > 0);
  }
}
