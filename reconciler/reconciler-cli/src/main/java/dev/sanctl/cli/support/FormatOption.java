package dev.sanctl.cli.support;

import dev.sanctl.core.render.JsonRenderer;
import dev.sanctl.core.render.MarkdownRenderer;
import dev.sanctl.core.render.PlanRenderer;
import dev.sanctl.core.render.TextRenderer;
import picocli.CommandLine.Option;

/** {@code --format text|markdown|json}; anything else is a usage error (exit 64). */
public class FormatOption {
  /** The plan formats. */
  public enum Format {
    text,
    markdown,
    json
  }

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: text).")
  public Format format = Format.text;

  /** The renderer; colour only for text on a terminal without --no-color. */
  public PlanRenderer renderer(boolean noColor) {
    return switch (format) {
      case text -> new TextRenderer(Terminal.color(noColor));
      case markdown -> new MarkdownRenderer();
      case json -> new JsonRenderer();
    };
  }
}
