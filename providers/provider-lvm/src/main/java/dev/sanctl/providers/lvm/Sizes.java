package dev.sanctl.providers.lvm;

/** Byte counts as people read them, and the argument guard every provider applies. */
final class Sizes {
  private static final String UNITS = "KMGTP";

  private Sizes() {}

  /** {@code 1073741824} becomes {@code 1G}; sizes that are no whole unit stay in bytes. */
  static String human(long bytes) {
    if (bytes <= 0) return bytes + "B";
    long v = bytes;
    int unit = -1;
    while (unit + 1 < UNITS.length() && v % 1024 == 0) {
      v /= 1024;
      unit++;
    }
    return unit < 0 ? bytes + "B" : v + String.valueOf(UNITS.charAt(unit));
  }

  /** Names from the desired state are schema-checked; this guard keeps them out of option space. */
  static boolean safeName(String name) {
    return name != null && !name.isEmpty() && !name.startsWith("-");
  }
}
