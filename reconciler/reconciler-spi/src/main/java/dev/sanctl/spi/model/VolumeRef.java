package dev.sanctl.spi.model;

/** A {@code vg/lv} reference. */
public record VolumeRef(String vg, String lv) {
  public static VolumeRef parse(String s) {
    int i = s.indexOf('/');
    if (i <= 0 || i == s.length() - 1 || s.indexOf('/', i + 1) >= 0) {
      throw new IllegalArgumentException("not a vg/lv reference: " + s);
    }
    return new VolumeRef(s.substring(0, i), s.substring(i + 1));
  }

  @Override
  public String toString() {
    return vg + "/" + lv;
  }
}
