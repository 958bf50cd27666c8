package dev.sanctl.spi.values;

/**
 * The comment of a cron entry, written as a {@code # ...} line inside the managed block. A comment
 * that reads like a block marker ({@code BEGIN sanctl ...} or {@code END sanctl ...}, of this or
 * another cluster) would end or open a managed block, so it is refused.
 */
public final class CronComment extends ValueKind {
  public static final CronComment KIND = new CronComment();

  private CronComment() {
    super(
        "cron comment",
        "at most 256 bytes of letters, digits, punctuation, symbols and spaces on one line, not"
            + " starting with 'BEGIN sanctl' or 'END sanctl'",
        256);
  }

  @Override
  protected int minLength() {
    return 0;
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return printable(c);
  }

  @Override
  public String hint() {
    return "reword the comment: the managed block's markers are '# BEGIN sanctl <cluster> ...'"
        + " and '# END sanctl <cluster>'";
  }

  @Override
  protected String more(String value) {
    String words = lower(value.strip()).replaceAll(" +", " ");
    if (words.startsWith("begin sanctl") || words.startsWith("end sanctl")) {
      return "reads as a sanctl block marker";
    }
    return null;
  }
}
