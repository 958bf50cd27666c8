package dev.sanctl.spi.rules;

import java.nio.charset.StandardCharsets;

/**
 * iSCSI names as the targets that receive them check them; the one place for these rules in sanctl.
 *
 * <p>RFC 3720 3.2.6: an iSCSI name is at most 223 bytes of UTF-8; RFC 3722 (stringprep profile):
 * after preparation only ASCII dash, dot, colon, lower-case letters and digits remain, so a name
 * given to tgt or IET (which compare names byte for byte) must already be in that form.
 *
 * <p>illumos {@code itadm} ({@code usr/src/cmd/itadm/itadm.c} {@code create_target}) first requires
 * the prefix {@code iqn.} or {@code eui.} ("Invalid name %s", EINVAL), then {@code it_tgt_create}
 * checks {@code validate_iscsi_name} of {@code usr/src/lib/libiscsit/libiscsit.c} ("Invalid iSCSI
 * name %s", EFAULT):
 *
 * <pre>
 * in_len = strlen(in_name); if (in_len &lt; 12) return (B_FALSE);
 * if (IS_IQN_NAME(in_name)) {   // iqn.yyyy-mm.
 *   isdigit(in_name[4..7]), in_name[8] == '-', isdigit(in_name[9..10]), in_name[11] == '.',
 *   month 0..12;
 *   // RFC 3722: ... only dash, dot, colon, lower case a-z, 0-9. We allow upper case names,
 *   // which should be folded to lower case names later.
 *   for (i = 12; i &lt; in_len; i++) if c not '-', '.', ':', isalpha, isdigit: return (B_FALSE);
 *   if (mbstowcs(NULL, in_name, 0) &gt; ISCSI_NAME_LEN_MAX) return (B_FALSE);   // 223
 * } else if (IS_EUI_NAME(in_name)) { in_len == 20, isxdigit(in_name[4..19]) } else B_FALSE
 * </pre>
 */
public final class IscsiNames {
  /** RFC 3720 3.2.6.1: "iSCSI names ... up to 223 bytes". */
  public static final int MAX_BYTES = 223;

  private IscsiNames() {}

  /** Whether tgt and IET take {@code name} as RFC 3720/3722 define it (prepared, 223 bytes). */
  public static boolean rfc3720(String name) {
    if (name.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) return false;
    return name.matches(
        "iqn\\.[0-9]{4}-[0-9]{2}\\.[a-z0-9]([a-z0-9.-]*[a-z0-9])?(:[a-z0-9.:-]+)?"
            + "|eui\\.[0-9A-Fa-f]{16}");
  }

  /**
   * Whether tgtd creates a target of this name: {@code usr/target.c} {@code tgt_target_create}
   * takes {@code isalnum(*p) || *p == ':' || *p == '.' || *p == '-'} and answers anything else with
   * TGTADM_INVALID_REQUEST (it logs "Target name %s has invalid characters"); no length check.
   */
  public static boolean tgt(String name) {
    if (name.isEmpty()) return false;
    for (char c : name.toCharArray()) {
      boolean alnum = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
      if (!alnum && c != ':' && c != '.' && c != '-') return false;
    }
    return true;
  }

  /** illumos {@code IS_IQN_NAME || IS_EUI_NAME}: the check itadm create-target makes itself. */
  public static boolean illumosPrefix(String name) {
    return name.startsWith("iqn.") || name.startsWith("eui.");
  }

  /** illumos libiscsit {@code validate_iscsi_name}. */
  public static boolean illumos(String name) {
    int len = name.length();
    if (len < 12) return false;
    if (name.startsWith("iqn.")) {
      for (int i : new int[] {4, 5, 6, 7, 9, 10}) if (!digit(name.charAt(i))) return false;
      if (name.charAt(8) != '-' || name.charAt(11) != '.') return false;
      int month = Integer.parseInt(name.substring(9, 11));
      if (month > 12) return false;
      for (int i = 12; i < len; i++) {
        char c = name.charAt(i);
        if (c != '-' && c != '.' && c != ':' && !alpha(c) && !digit(c)) return false;
      }
      return name.codePointCount(0, len) <= MAX_BYTES;
    }
    if (name.startsWith("eui.")) {
      if (len != 20) return false;
      for (int i = 4; i < len; i++) if (Character.digit(name.charAt(i), 16) < 0) return false;
      return true;
    }
    return false;
  }

  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }
}
