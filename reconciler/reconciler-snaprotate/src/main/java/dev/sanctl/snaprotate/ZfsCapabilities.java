package dev.sanctl.snaprotate;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What the node's {@code zfs} supports, read from its usage text ({@code zfs -?}).
 *
 * @param commaDestroy {@code zfs destroy V@a,b,c} (OpenZFS, illumos since 2012)
 * @param parseableList {@code zfs list -p} and the {@code clones} property; without them (zfs-fuse,
 *     Solaris 10) listing goes through {@code zfs get -p} and clones are found by {@code origin}
 */
public record ZfsCapabilities(boolean commaDestroy, boolean parseableList) {
  public static final ZfsCapabilities MODERN = new ZfsCapabilities(true, true);
  private static final Pattern LIST_FLAGS = Pattern.compile("(?m)^\\s*list \\[([^\\]]*)\\]");

  /** Reads the capabilities from the usage text. */
  public static ZfsCapabilities fromUsage(String usage) {
    boolean comma = false;
    for (String line : usage.split("\n")) {
      String l = line.trim();
      if (l.startsWith("destroy ") && l.contains("@") && l.contains("[,...]")) comma = true;
    }
    Matcher m = LIST_FLAGS.matcher(usage);
    boolean parseable = m.find() && m.group(1).contains("p");
    return new ZfsCapabilities(comma, parseable);
  }
}
