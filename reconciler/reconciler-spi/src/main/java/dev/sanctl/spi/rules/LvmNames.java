package dev.sanctl.spi.rules;

import java.util.List;
import java.util.Optional;

/**
 * The names lvm2 accepts for volume groups and logical volumes, as lvm2 (2.03) checks them; the one
 * place for these rules in sanctl (validation uses it; the simulator's lvcreate implements the same
 * lvm2 functions with lvm2's messages).
 *
 * <p>From {@code lib/misc/lvm-string.c}:
 *
 * <pre>
 * static name_error_t _validate_name(const char *n)
 *   if (!n || !*n) return NAME_INVALID_EMPTY;
 *   if (*n == '-') return NAME_INVALID_HYPHEN;   // Hyphen used as VG-LV separator
 *   if ((*n == '.') &amp;&amp; (!n[1] || (n[1] == '.' &amp;&amp; !n[2]))) return NAME_INVALID_DOTS;
 *   while ((len++, c = *n++))
 *     if (!isalnum(c) &amp;&amp; c != '.' &amp;&amp; c != '_' &amp;&amp; c != '-' &amp;&amp; c != '+')
 *       return NAME_INVALID_CHARSET;
 *   if (len &gt; NAME_LEN) return NAME_INVALID_LENGTH;   // NAME_LEN 128, len counts the NUL
 * </pre>
 *
 * <p>{@code apply_lvname_restrictions} refuses LV names starting {@code pvmove} or {@code snapshot}
 * and names whose part from the first {@code _} contains a component suffix ({@code _cdata _cmeta
 * _corig _cpool _cvol _wcorig _mimage _mlog _rimage _rmeta _tdata _tmeta _vdata _imeta _iorig}) or
 * {@code _pmspare}, {@code _vorigin}. {@code tools/lvrename.c} limits an LV name to {@code NAME_LEN
 * - strlen(vg_name) - 3} characters.
 */
public final class LvmNames {
  /** lvm2's NAME_LEN (lib/misc/lvm-string.h), including the terminating NUL. */
  public static final int NAME_LEN = 128;

  static final List<String> RESERVED_PREFIXES = List.of("pvmove", "snapshot");

  static final List<String> RESERVED_STRINGS =
      List.of(
          "_cdata",
          "_cmeta",
          "_corig",
          "_cpool",
          "_cvol",
          "_wcorig",
          "_mimage",
          "_mlog",
          "_rimage",
          "_rmeta",
          "_tdata",
          "_tmeta",
          "_vdata",
          "_imeta",
          "_iorig",
          "_pmspare",
          "_vorigin");

  private LvmNames() {}

  /** What is wrong with a VG or LV name by lvm2's {@code _validate_name}, or empty when valid. */
  public static Optional<String> invalid(String n) {
    if (n.isEmpty()) return Optional.of("it is empty");
    if (n.charAt(0) == '-') return Optional.of("it starts with '-'");
    if (n.equals(".") || n.equals("..")) return Optional.of("'.' and '..' are not names");
    for (int i = 0; i < n.length(); i++) {
      char c = n.charAt(i);
      boolean alnum = c < 128 && Character.isLetterOrDigit(c);
      if (!alnum && c != '.' && c != '_' && c != '-' && c != '+') {
        return Optional.of(
            "it contains '" + c + "'; lvm2 allows letters, digits, '.', '_', '-', '+'");
      }
    }
    if (n.length() + 1 > NAME_LEN) {
      return Optional.of("it is longer than " + (NAME_LEN - 1) + " characters");
    }
    return Optional.empty();
  }

  /** The reserved prefix or string an LV name has ({@code apply_lvname_restrictions}), if any. */
  public static Optional<String> reserved(String lv) {
    for (String p : RESERVED_PREFIXES) if (lv.startsWith(p)) return Optional.of(p);
    int underscore = lv.indexOf('_');
    if (underscore < 0) return Optional.empty();
    String tail = lv.substring(underscore);
    for (String s : RESERVED_STRINGS) if (tail.contains(s)) return Optional.of(s);
    return Optional.empty();
  }

  /** The longest LV name a group named {@code vg} takes ({@code tools/lvrename.c}). */
  public static int maxLvLength(String vg) {
    return NAME_LEN - vg.length() - 3;
  }
}
