package dev.sanctl.cli.support;

import picocli.CommandLine.Option;

/**
 * The one way to ask a command for machine output: {@code --format text|json} (default text);
 * {@code --json} is a hidden alias kept for the commands that had it. Commands that render plans
 * use {@link FormatOption} instead, which adds {@code markdown}.
 */
public class OutputFormat {
  /** The output formats. */
  public enum Format {
    text,
    json
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  Format format = Format.text;

  @Option(names = "--json", hidden = true, description = "The same as --format json.")
  boolean jsonAlias;

  /** The choice made without picocli (e.g. by a fast path that parsed the arguments itself). */
  public static OutputFormat of(boolean json) {
    OutputFormat f = new OutputFormat();
    f.format = json ? Format.json : Format.text;
    return f;
  }

  /** True for {@code --format json} or {@code --json}. */
  public boolean json() {
    return jsonAlias || format == Format.json;
  }
}
