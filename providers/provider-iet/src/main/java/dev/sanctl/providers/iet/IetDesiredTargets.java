package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.provider.ChapSecrets;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.PlanContext;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The desired targets iet plans (those whose volume group is declared), by IQN, checked once for
 * the whole plan: a target whose values cannot be written safely to {@code ietd.conf} or whose CHAP
 * secret cannot be used is refused (an error finding), and nothing is planned for it or its node's
 * {@code ietd.conf}. Holds the usable CHAP secrets by secret file.
 */
final class IetDesiredTargets {
  private final List<DesiredTarget> all = new ArrayList<>();
  private final Map<String, DesiredTarget> byIqn = new LinkedHashMap<>();
  private final Map<String, String> secrets = new LinkedHashMap<>();
  private final Set<String> refused = new HashSet<>();
  private final ChapSecrets chapSecrets;
  private final List<Finding> findings;

  private IetDesiredTargets(PlanContext ctx, List<Finding> findings) {
    this.chapSecrets = new ChapSecrets(ctx.secrets());
    this.findings = findings;
  }

  /** The desired targets of {@code ctx}, checked; refusals are added to {@code findings}. */
  static IetDesiredTargets check(PlanContext ctx, List<Finding> findings) {
    IetDesiredTargets out = new IetDesiredTargets(ctx, findings);
    for (Target t : ctx.desired().targets()) {
      DesiredTarget d = DesiredTarget.of(ctx.desired(), t);
      if (d.group() == null) continue;
      out.all.add(d);
      out.byIqn.putIfAbsent(d.iqn(), d);
      // a target on a group no IET node can hold (served by tgt, say) is not IET's to refuse
      if (d.group().nodes().stream().anyMatch(ctx.nodes()::containsKey)) out.check(d);
    }
    return out;
  }

  /** Every desired target with a declared volume group, in declared order. */
  List<DesiredTarget> all() {
    return all;
  }

  /** The desired target of {@code iqn}, or null when it is not in the desired state. */
  DesiredTarget get(String iqn) {
    return byIqn.get(iqn);
  }

  boolean declares(String iqn) {
    return byIqn.containsKey(iqn);
  }

  /** True when nothing is planned for {@code iqn} (its finding says why). */
  boolean refused(String iqn) {
    return refused.contains(iqn);
  }

  /** Refuses {@code iqn} for a reason a node planner found (its own finding says why). */
  void refuse(String iqn) {
    refused.add(iqn);
  }

  /** The usable secret of {@code secretFile}, or null. */
  String secret(String secretFile) {
    return secrets.get(secretFile);
  }

  /** Every usable CHAP secret, in the order they were read. */
  Collection<String> secrets() {
    return secrets.values();
  }

  /** Guards values that reach argument vectors and config lines; resolves CHAP secrets. */
  private void check(DesiredTarget d) {
    for (DesiredTarget.LunSpec l : d.luns()) {
      if (l.path().matches(".*[\\s,].*") || d.iqn().startsWith("-")) {
        refuse(
            d,
            "LUN path " + l.path() + " or IQN cannot be written safely to ietd.conf",
            "volume group paths and names must not contain white space or commas");
        return;
      }
    }
    for (Target.ChapUser u : ChapSecrets.users(ChapSecrets.of(d.target()))) {
      if (secrets.containsKey(u.secretFile())) continue;
      try {
        String s = chapSecrets.secretOf(u);
        if (s.isEmpty() || s.matches(".*[\\s,].*")) {
          refuse(
              d,
              "CHAP secret in "
                  + u.secretFile()
                  + " is empty or contains white space or a"
                  + " comma",
              "write a secret of printable characters without spaces or commas");
          return;
        }
        secrets.put(u.secretFile(), s);
      } catch (PlanContext.SecretException e) {
        refuse(
            d,
            "cannot use CHAP secret file " + u.secretFile() + ": " + e.getMessage(),
            "create it readable by the sanctl user only (mode 0600)");
        return;
      }
    }
  }

  private void refuse(DesiredTarget d, String message, String hint) {
    refused.add(d.iqn());
    findings.add(
        Finding.error(
            ResourceAddress.cluster(IetProvider.ID, "target", d.iqn()),
            "target "
                + d.iqn()
                + ": "
                + message
                + "; nothing is planned for it or its node's"
                + " ietd.conf",
            hint,
            d.target().source()));
  }
}
