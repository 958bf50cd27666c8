package dev.sanctl.spi.values;

/**
 * A value of {@code stmf-ha.conf} (TPG addresses, target, group and view names, IQNs, zvol names
 * and prefixes): single-quoted bash array elements that the stmf-ha script expands unquoted, so one
 * word without quotes, spaces, globbing or expansion characters.
 */
public final class StmfHaWord extends ValueKind {
  public static final StmfHaWord KIND = new StmfHaWord();

  private StmfHaWord() {
    super(
        "stmf-ha.conf value",
        "1 to 255 letters, digits, '.', '_', ':', '/', '[', ']' and '-', not starting with '-'",
        255);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return asciiLetterOrDigit(c) || oneOf(c, "._:/[]") || (c == '-' && index > 0);
  }
}
