package dev.sanctl.spi.values;

/**
 * The command of a cron entry: the rest of a crontab line, run by {@code /bin/sh}. crontab(5): a
 * newline ends it and an unescaped {@code %} becomes a newline (the text after the first one is the
 * command's standard input), so a literal percent sign is written {@code \%}; cron reads at most
 * 999 bytes of a command and silently drops the rest.
 */
public final class CronCommand extends ValueKind {
  public static final CronCommand KIND = new CronCommand();

  private CronCommand() {
    super(
        "cron command",
        "1 to 999 bytes of letters, digits, punctuation, symbols and spaces on one line, every"
            + " '%' written as '\\%' (crontab(5))",
        999);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return printable(c);
  }

  @Override
  protected String more(String value) {
    if (value.isBlank()) return "is blank";
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if (c == '\\') {
        i++; // the escaped character
      } else if (c == '%') {
        return "has an unescaped '%' at character "
            + (value.codePointCount(0, i) + 1)
            + ", which cron turns into a newline";
      }
    }
    return null;
  }

  @Override
  public String hint() {
    return "write '\\%' for a literal percent sign (e.g. date +\\%F); put multi-line input in a"
        + " script and call it";
  }
}
