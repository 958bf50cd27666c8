package dev.sanctl.providers.cron;

import dev.sanctl.spi.model.CronEntry;
import dev.sanctl.spi.values.CronCommand;
import dev.sanctl.spi.values.CronComment;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The managed block of a crontab, as a pure function: {@link #merge} replaces (or appends, or
 * removes) the lines from {@code # BEGIN sanctl <cluster> -- managed by sanctl, do not edit} to
 * {@code # END sanctl <cluster>} and keeps every other byte of the crontab as it was. The result
 * always ends with a newline (crontab refuses a file without one).
 */
public final class CrontabBlock {
  private static final Pattern CLUSTER = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,62}");
  private static final Pattern FIELD = Pattern.compile("[0-9A-Za-z*/,\\-]+");

  private CrontabBlock() {}

  /** The opening marker line (without newline). */
  public static String begin(String cluster) {
    return "# BEGIN sanctl " + cluster + " -- managed by sanctl, do not edit";
  }

  /** The closing marker line (without newline). */
  public static String end(String cluster) {
    return "# END sanctl " + cluster;
  }

  /** The crontab cannot be merged safely (an unclosed or repeated marker, an unsafe entry). */
  public static final class BlockException extends Exception {
    private static final long serialVersionUID = 1L;

    public BlockException(String message) {
      super(message);
    }
  }

  /**
   * The block for {@code entries}: markers, and for each entry an optional {@code # comment} line
   * followed by {@code <schedule> <command>}. Empty when there are no entries.
   */
  public static String render(String cluster, List<CronEntry> entries) throws BlockException {
    if (!CLUSTER.matcher(cluster).matches()) {
      throw new BlockException("cluster name '" + cluster + "' cannot be used in a crontab marker");
    }
    if (entries.isEmpty()) return "";
    StringBuilder sb = new StringBuilder(begin(cluster)).append('\n');
    for (CronEntry e : entries) {
      checkEntry(e);
      if (e.comment() != null && !e.comment().isBlank()) {
        sb.append("# ").append(e.comment().strip()).append('\n');
      }
      sb.append(e.schedule().trim().replaceAll("\\s+", " "))
          .append(' ')
          .append(e.command().strip());
      sb.append('\n');
    }
    return sb.append(end(cluster)).append('\n').toString();
  }

  private static void checkEntry(CronEntry e) throws BlockException {
    String where = e.source() == null ? "" : e.source() + ": ";
    if (e.command() == null) throw new BlockException(where + "cron entry has no command");
    // what crontab(5) can carry: one line, no unescaped '%', no comment read as a block marker
    String unsafe = CronCommand.KIND.check(e.command());
    if (unsafe == null) unsafe = CronComment.KIND.check(e.comment());
    if (unsafe != null) throw new BlockException(where + unsafe);
    String[] fields = e.schedule() == null ? new String[0] : e.schedule().trim().split("\\s+");
    boolean ok = fields.length == 5;
    for (String f : fields) ok &= FIELD.matcher(f).matches();
    if (!ok) {
      throw new BlockException(
          where
              + "cron schedule '"
              + e.schedule()
              + "' is not five fields (minute hour dom month dow)");
    }
  }

  /** The text of this cluster's block in {@code crontab}, markers included, or null if absent. */
  public static String current(String crontab, String cluster) throws BlockException {
    int[] span = find(crontab, cluster);
    return span == null ? null : crontab.substring(span[0], span[1]);
  }

  /**
   * {@code crontab} with this cluster's block replaced by the block for {@code entries}: appended
   * when absent, removed when {@code entries} is empty. Bytes outside the block are unchanged,
   * except that a final newline is added when the crontab lacks one and a block is appended.
   */
  public static String merge(String crontab, String cluster, List<CronEntry> entries)
      throws BlockException {
    String block = render(cluster, entries);
    int[] span = find(crontab, cluster);
    if (span != null) {
      return crontab.substring(0, span[0]) + block + crontab.substring(span[1]);
    }
    if (block.isEmpty()) return crontab;
    String head = crontab.isEmpty() || crontab.endsWith("\n") ? crontab : crontab + "\n";
    return head + block;
  }

  /** [start, end) of the block's lines (end after the END line's newline), or null. */
  private static int[] find(String crontab, String cluster) throws BlockException {
    String b = begin(cluster);
    String e = end(cluster);
    List<int[]> begins = new ArrayList<>();
    List<int[]> ends = new ArrayList<>();
    int pos = 0;
    int lineNo = 1;
    while (pos < crontab.length()) {
      int nl = crontab.indexOf('\n', pos);
      int lineEnd = nl < 0 ? crontab.length() : nl;
      int next = nl < 0 ? crontab.length() : nl + 1;
      String line = crontab.substring(pos, lineEnd).stripTrailing();
      if (line.equals(b)) begins.add(new int[] {pos, lineNo});
      if (line.equals(e)) ends.add(new int[] {next, lineNo});
      pos = next;
      lineNo++;
    }
    if (begins.isEmpty() && ends.isEmpty()) return null;
    if (begins.size() != 1 || ends.size() != 1 || ends.get(0)[1] < begins.get(0)[1]) {
      throw new BlockException(
          "the crontab has "
              + begins.size()
              + " '"
              + b
              + "' and "
              + ends.size()
              + " '"
              + e
              + "' marker line(s)"
              + (begins.isEmpty() || ends.isEmpty() ? "" : " (END before BEGIN?)")
              + "; fix the markers by hand (crontab -e), then plan again");
    }
    return new int[] {begins.get(0)[0], ends.get(0)[0]};
  }
}
