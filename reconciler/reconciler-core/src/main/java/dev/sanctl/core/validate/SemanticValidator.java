package dev.sanctl.core.validate;

import dev.sanctl.core.config.MergedDocument;
import dev.sanctl.spi.diag.Diagnostic;
import java.util.List;

/**
 * The semantic rules of format v1 ({@code spec/desired-state.md}, "Semantic rules"), checked on the
 * merged document after the schema: references resolve, cluster-wide uniqueness, portal coverage,
 * sizes and limits, cron expressions, time zones, derived IQN validity and the characters every
 * value can carry where it is written. Each problem points at the offending value.
 */
public final class SemanticValidator {

  private SemanticValidator() {}

  /** Every semantic problem of {@code doc}. */
  public static List<Diagnostic> validate(MergedDocument doc) {
    RuleContext c = new RuleContext(doc);
    new StorageRules(c).check();
    new TargetRules(c).check();
    new PoolRules(c).check();
    new ZfsPropertyRules(c).check();
    new MountRules(c).check();
    new AddressRules(c).check();
    new LvmNameRules(c).check();
    new PlatformNameRules(c).check();
    new ScheduleRules(c).check();
    new ValueRules(c).check();
    return c.diagnostics();
  }
}
