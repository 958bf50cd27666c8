package dev.sanctl.core.plan;

/**
 * The deterministic JSON writer, now {@link dev.sanctl.spi.json.Json} (one JSON utility for core,
 * providers and tools); this name is kept so code written against it still compiles.
 */
public final class Json {
  private Json() {}

  /** {@link dev.sanctl.spi.json.Json#write}. */
  public static String write(Object value) {
    return dev.sanctl.spi.json.Json.write(value);
  }

  /** {@link dev.sanctl.spi.json.Json#writeLine}. */
  public static String writeLine(Object value) {
    return dev.sanctl.spi.json.Json.writeLine(value);
  }
}
