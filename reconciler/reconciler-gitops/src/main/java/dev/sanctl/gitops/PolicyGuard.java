package dev.sanctl.gitops;

import dev.sanctl.spi.model.Policy;
import java.util.ArrayList;
import java.util.List;

/**
 * The policy a commit is applied under. A commit never loosens the policy that guards it: the guard
 * is the policy of the last applied revision (or of a revision a human accepted with {@code sanctl
 * watch --accept-policy}); before any, the commit's own {@code autoApply} and {@code selfHeal} with
 * {@code allowDestroy} and {@code allowDisruptive} off. A commit that tightens the policy takes
 * effect at once (it can only refuse more); one that loosens it (a flag from false to true) waits
 * for a human, with nothing applied.
 *
 * @param guard the policy in force before the commit
 * @param proposed the commit's own {@code policy} section
 */
record PolicyGuard(Policy guard, Policy proposed) {

  /** The guard when no revision was applied or accepted yet. */
  static Policy bootstrap(Policy proposed) {
    return new Policy(proposed.autoApply(), false, false, proposed.selfHeal());
  }

  /** What the commit may do: every flag only when both the guard and the commit allow it. */
  Policy effective() {
    return new Policy(
        guard.autoApply() && proposed.autoApply(),
        guard.allowDestroy() && proposed.allowDestroy(),
        guard.allowDisruptive() && proposed.allowDisruptive(),
        guard.selfHeal() && proposed.selfHeal());
  }

  /** One line per flag the commit turns on, e.g. {@code policy.allowDestroy: false -> true}. */
  List<String> loosened() {
    List<String> out = new ArrayList<>();
    flag(out, "autoApply", guard.autoApply(), proposed.autoApply());
    flag(out, "allowDestroy", guard.allowDestroy(), proposed.allowDestroy());
    flag(out, "allowDisruptive", guard.allowDisruptive(), proposed.allowDisruptive());
    flag(out, "selfHeal", guard.selfHeal(), proposed.selfHeal());
    return out;
  }

  private static void flag(List<String> out, String name, boolean before, boolean after) {
    if (!before && after) {
      out.add(
          "policy."
              + name
              + ": false -> true (a policy change waits for a human: review it, then run sanctl"
              + " watch --accept-policy REVISION)");
    }
  }
}
