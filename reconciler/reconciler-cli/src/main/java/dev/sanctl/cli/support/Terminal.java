package dev.sanctl.cli.support;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/** Whether we talk to a person: colour and the {@code yes} confirmation. */
public final class Terminal {
  private Terminal() {}

  /** Colour when stdout is a terminal, {@code --no-color} is absent and NO_COLOR is unset. */
  public static boolean color(boolean noColor) {
    return !noColor && System.console() != null && System.getenv("NO_COLOR") == null;
  }

  /** True when standard input and output are a terminal (a person can answer). */
  public static boolean interactive() {
    return System.console() != null;
  }

  /** Reads one line from standard input (null at end of input). */
  public static String readLine() throws IOException {
    return new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
  }
}
