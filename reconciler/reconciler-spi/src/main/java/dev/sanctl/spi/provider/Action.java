package dev.sanctl.spi.provider;

/** What a change does, with terraform's symbols. */
public enum Action {
  CREATE("+", "will be created"),
  UPDATE("~", "will be updated in-place"),
  REPLACE("-/+", "must be replaced"),
  DELETE("-", "will be destroyed");

  private final String symbol;
  private final String phrase;

  Action(String symbol, String phrase) {
    this.symbol = symbol;
    this.phrase = phrase;
  }

  public String symbol() {
    return symbol;
  }

  public String phrase() {
    return phrase;
  }
}
