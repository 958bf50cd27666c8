package dev.sanctl.sim.lvm;

/**
 * The group and volume names a block device path of an LV names: {@code /dev/<vg>/<lv>} ({@link
 * Lvm#lvPath}) or {@code /dev/mapper/<vg>-<lv>} with dashes in names doubled ({@link Lvm#dmPath}),
 * so that a path is resolved by a lookup instead of rendering the paths of every LV.
 */
public record LvDevicePath(String vg, String lv) {
  private static final String DEV = "/dev/";
  private static final String MAPPER = "/dev/mapper/";

  /** The names in {@code abs}, or null when it is no LV path of either form. */
  public static LvDevicePath parse(String abs) {
    LvDevicePath p = null;
    if (abs.startsWith(MAPPER)) {
      String dm = abs.substring(MAPPER.length());
      int sep = separator(dm);
      if (sep > 0) {
        p =
            new LvDevicePath(
                dm.substring(0, sep).replace("--", "-"), dm.substring(sep + 1).replace("--", "-"));
      }
    } else if (abs.startsWith(DEV)) {
      String rest = abs.substring(DEV.length());
      int slash = rest.indexOf('/');
      if (slash > 0) p = new LvDevicePath(rest.substring(0, slash), rest.substring(slash + 1));
    }
    // the form renders back to exactly this path (no other spelling names the LV)
    if (p == null || p.lv.isEmpty()) return null;
    return abs.equals(Lvm.lvPath(p.vg, p.lv)) || abs.equals(Lvm.dmPath(p.vg, p.lv)) ? p : null;
  }

  /** The index of the single dash between the escaped names, or -1. */
  private static int separator(String dm) {
    for (int i = 0; i < dm.length(); i++) {
      if (dm.charAt(i) != '-') continue;
      if (i + 1 < dm.length() && dm.charAt(i + 1) == '-') {
        i++; // an escaped dash
        continue;
      }
      return i;
    }
    return -1;
  }
}
