package dev.sanctl.core.render;

import dev.sanctl.core.plan.Plan;

/**
 * Turns a finished {@link Plan} into text. Renderers never compute diffs; output is byte for byte
 * deterministic and never contains a secret.
 */
public interface PlanRenderer {
  String render(Plan plan);

  /** The renderer for {@code --format text|markdown|json}. */
  static PlanRenderer forFormat(String format, boolean color) {
    return switch (format) {
      case "text" -> new TextRenderer(color);
      case "markdown", "md" -> new MarkdownRenderer();
      case "json" -> new JsonRenderer();
      default -> throw new IllegalArgumentException(
          "unknown format '" + format + "' (use text, markdown or json)");
    };
  }
}
