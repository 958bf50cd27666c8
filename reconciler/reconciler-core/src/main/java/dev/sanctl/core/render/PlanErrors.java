package dev.sanctl.core.render;

import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import dev.sanctl.spi.provider.Finding;
import java.util.ArrayList;
import java.util.List;

/**
 * The errors of a plan (configuration diagnostics and {@code ERROR} findings), one line each in the
 * words of the text plan, for repeating them where a run ends (a plan with errors applies nothing).
 */
public final class PlanErrors {
  private PlanErrors() {}

  /** One line per error, diagnostics first; empty when the plan has none. */
  public static List<String> lines(Plan plan) {
    List<String> out = new ArrayList<>();
    for (Diagnostic d : plan.diagnostics()) {
      if (d.severity() == Severity.ERROR) out.add(d.render().strip().replace("\n", " "));
    }
    for (Finding f : plan.findings()) {
      if (f.kind() == Finding.Kind.ERROR) out.add(Wording.finding(f));
    }
    return out;
  }
}
