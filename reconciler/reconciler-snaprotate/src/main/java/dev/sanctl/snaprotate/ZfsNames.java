package dev.sanctl.snaprotate;

import java.util.regex.Pattern;

/** Pattern checks for every name that reaches a zfs argv. */
public final class ZfsNames {
  private static final Pattern DATASET =
      Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:-]*(/[A-Za-z0-9_.:-]+)*");
  private static final Pattern SNAPSHOT = Pattern.compile("[A-Za-z0-9_.:-]+");
  private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9][a-z0-9_.-]*(:[a-z0-9_.-]+)?");
  private static final Pattern RULE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");

  private ZfsNames() {}

  public static boolean isDataset(String s) {
    return s != null && s.length() <= 255 && DATASET.matcher(s).matches();
  }

  public static boolean isSnapshot(String s) {
    return s != null && s.length() <= 255 && SNAPSHOT.matcher(s).matches();
  }

  /** Whether {@code ns} is a usable user-property namespace ({@code edu.amherst}). */
  public static boolean isNamespace(String ns) {
    return ns != null && !ns.contains(":") && NAMESPACE.matcher(ns).matches();
  }

  public static boolean isRuleName(String s) {
    return s != null && RULE.matcher(s).matches();
  }

  /** Throws when {@code volume} is not a dataset name. */
  public static String requireDataset(String volume) {
    if (!isDataset(volume)) {
      throw new IllegalArgumentException("not a valid ZFS dataset name: '" + volume + "'");
    }
    return volume;
  }

  /** Throws when {@code ns} is not a namespace. */
  public static String requireNamespace(String ns) {
    if (!isNamespace(ns)) {
      throw new IllegalArgumentException("not a valid property namespace: '" + ns + "'");
    }
    return ns;
  }
}
