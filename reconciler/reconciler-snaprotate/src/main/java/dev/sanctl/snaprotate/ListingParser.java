package dev.sanctl.snaprotate;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.zfs.ZfsCommands;
import dev.sanctl.spi.zfs.ZfsOutput;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses the output of {@code zfs list -H -p -t snapshot -d 1 -s createtxg -o
 * name,guid,createtxg,creation,userrefs,clones,defer_destroy,<ns>:snap_time,<ns>:snaprotate_rule
 * <volume>}: one row per snapshot, nine TAB-separated fields, {@code -} for unset.
 */
public final class ListingParser {
  /** The columns, in order, for namespace {@code ns}. */
  public static String columns(String ns) {
    return "name,guid,createtxg,creation,userrefs,clones,defer_destroy,"
        + ns
        + ":snap_time,"
        + ns
        + ":snaprotate_rule";
  }

  /** The argv that produces a listing of {@code volume}. */
  public static List<String> listArgv(String ns, String volume) {
    return listCommand(ns, volume).argv();
  }

  /** The command that produces a listing of {@code volume}. */
  public static Command listCommand(String ns, String volume) {
    return ZfsCommands.list(true, "snapshot", 1, "createtxg", columns(ns), false, List.of(volume));
  }

  private static final int FIELDS = 9;

  private ListingParser() {}

  /** A parsed listing: the volume (null when empty) and its snapshots in listing order. */
  public record Listing(String volume, List<Snapshot> snapshots) {}

  /** A malformed listing line, 1-based line and column. */
  public static final class ListingException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final int column;

    public ListingException(int line, int column, String message) {
      super(message);
      this.line = line;
      this.column = column;
    }

    public int line() {
      return line;
    }

    public int column() {
      return column;
    }
  }

  /**
   * Parses {@code text}. Every row must name a snapshot of the same volume ({@code expected} when
   * not null).
   */
  public static Listing parse(String text, String expected) throws ListingException {
    List<Snapshot> out = new ArrayList<>();
    String volume = expected;
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i];
      if (line.isEmpty() && i == lines.length - 1) break;
      int lineNo = i + 1;
      String[] f = line.split("\t", -1);
      if (f.length != FIELDS) {
        throw new ListingException(
            lineNo,
            1,
            "expected "
                + FIELDS
                + " TAB-separated fields ("
                + columns("<ns>")
                + "), found "
                + f.length);
      }
      int at = f[0].indexOf('@');
      if (at <= 0 || at == f[0].length() - 1) {
        throw new ListingException(lineNo, 1, "'" + f[0] + "' is not a snapshot name (vol@snap)");
      }
      String vol = f[0].substring(0, at);
      if (volume == null) volume = vol;
      else if (!volume.equals(vol)) {
        throw new ListingException(
            lineNo, 1, "snapshot of " + vol + " in a listing of " + volume + " (use -d 1)");
      }
      out.add(
          new Snapshot(
              f[0].substring(at + 1),
              unset(f[1]),
              number(f[2], lineNo, column(f, 2), "createtxg", 0L),
              unset(f[3]) == null ? null : number(f[3], lineNo, column(f, 3), "creation", 0L),
              (int) number(f[4], lineNo, column(f, 4), "userrefs", 0L),
              unset(f[5]) == null ? "" : f[5],
              "on".equals(f[6]),
              unset(f[7]),
              unset(f[8])));
    }
    return new Listing(volume, out);
  }

  private static String unset(String v) {
    return ZfsOutput.unset(v);
  }

  private static long number(String v, int line, int col, String what, long dflt)
      throws ListingException {
    if (unset(v) == null) return dflt;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      throw new ListingException(
          line, col, what + " '" + v + "' is not an integer (was the listing made with -p?)");
    }
  }

  private static int column(String[] fields, int index) {
    int col = 1;
    for (int i = 0; i < index; i++) col += fields[i].length() + 1;
    return col;
  }

  /** Renders snapshots back to listing rows (the inverse of {@link #parse}). */
  public static String render(String volume, List<Snapshot> snapshots) {
    StringBuilder sb = new StringBuilder();
    for (Snapshot s : snapshots) {
      sb.append(volume).append('@').append(s.name()).append('\t');
      sb.append(dash(s.guid())).append('\t');
      sb.append(s.createtxg()).append('\t');
      sb.append(s.creation() == null ? "-" : s.creation().toString()).append('\t');
      sb.append(s.userrefs()).append('\t');
      sb.append(s.clones().isEmpty() ? "-" : s.clones()).append('\t');
      sb.append(s.deferDestroy() ? "on" : "off").append('\t');
      sb.append(dash(s.snapTime())).append('\t');
      sb.append(dash(s.ruleTag())).append('\n');
    }
    return sb.toString();
  }

  private static String dash(String v) {
    return v == null ? "-" : v;
  }
}
