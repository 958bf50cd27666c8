package dev.sanctl.spi.values;

/**
 * A CHAP user name: a word of {@code IncomingUser}/{@code OutgoingUser} lines (ietd.conf, tgt
 * {@code targets.conf}, which tgt-admin hands to a shell), of {@code ietadm
 * --params=IncomingUser=U,Password=...} and {@code tgtadm --user}.
 */
public final class ChapUser extends ValueKind {
  public static final ChapUser KIND = new ChapUser();

  private ChapUser() {
    super(
        "CHAP user", "1 to 64 letters, digits, '_', '.' and '-', not starting with '.' or '-'", 64);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return asciiLetterOrDigit(c) || c == '_' || (index > 0 && oneOf(c, ".-"));
  }
}
