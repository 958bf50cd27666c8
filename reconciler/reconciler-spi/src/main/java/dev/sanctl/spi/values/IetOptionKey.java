package dev.sanctl.spi.values;

import java.util.Set;

/**
 * The name of an IET option ({@code iet.global}, {@code targetDefaults.options}): the first word of
 * an {@code ietd.conf} line and a name in {@code ietadm --params}. The stanza keywords {@code
 * Target}, {@code Lun}, {@code IncomingUser} and {@code OutgoingUser} would start a target or add a
 * LUN or account, so they are not option names.
 */
public final class IetOptionKey extends ValueKind {
  public static final IetOptionKey KIND = new IetOptionKey();
  private static final Set<String> KEYWORDS =
      Set.of("target", "lun", "incominguser", "outgoinguser");

  private IetOptionKey() {
    super(
        "IET option name",
        "1 to 64 letters and digits starting with a letter, and not Target, Lun, IncomingUser"
            + " or OutgoingUser",
        64);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return asciiLetterOrDigit(c) && (index > 0 || !Character.isDigit(c));
  }

  @Override
  public String hint() {
    return "targets, LUNs and CHAP accounts are declared under targets: (luns:, chap:), not as"
        + " options";
  }

  @Override
  protected String more(String value) {
    return KEYWORDS.contains(lower(value)) ? "is an ietd.conf stanza keyword" : null;
  }
}
