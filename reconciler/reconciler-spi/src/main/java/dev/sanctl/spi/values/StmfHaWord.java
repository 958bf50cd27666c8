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
        "1 to 255 letters, digits, '.', '_', ':', '/' and '-', not starting with '-' ('[' and ']'"
            + " only around an IPv6 address)",
        255);
  }

  @Override
  protected String article() {
    return "an";
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return asciiLetterOrDigit(c) || oneOf(c, "._:/[]") || (c == '-' && index > 0);
  }

  @Override
  protected String more(String value) {
    boolean brackets = value.indexOf('[') >= 0 || value.indexOf(']') >= 0;
    if (brackets && !value.matches("\\[[0-9A-Fa-f:.]+\\](:[0-9]{1,5})?")) {
      return "has '[' or ']' outside an IPv6 address (a glob pattern to bash)";
    }
    return null;
  }
}
