package dev.sanctl.core.validate;

import dev.sanctl.core.config.MergedDocument;
import dev.sanctl.spi.diag.Diagnostic;
import java.util.ArrayList;
import java.util.List;

/** The semantic rules of the format, checked on the merged document after the schema. */
public final class SemanticValidator {
  private SemanticValidator() {}

  public static List<Diagnostic> validate(MergedDocument doc) {
    return new ArrayList<>();
  }
}
