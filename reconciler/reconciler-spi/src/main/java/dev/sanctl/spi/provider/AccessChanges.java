package dev.sanctl.spi.provider;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.function.Predicate;

/**
 * The rules every target provider applies to a change of who may reach a target, so that nothing is
 * unexported, re-identified or opened by omission:
 *
 * <ul>
 *   <li>removing an initiator that has a live session from an ACL is {@link Impact#DISRUPTIVE} and
 *       names it ({@link #revoking});
 *   <li>removing a CHAP account, or dropping a served export now or from a persisted config (it
 *       disappears at the next restart or failover), is disruptive, names the initiators with
 *       sessions and needs approval even when there are none ({@link #gate});
 *   <li>a change that would admit initiators no rule names (e.g. an IET target losing its {@code
 *       initiators.allow} line) is opening: a provider refuses it unless the desired state asks for
 *       it explicitly.
 * </ul>
 */
public final class AccessChanges {
  private AccessChanges() {}

  /** The initiators of {@code withSessions} that the new rules no longer admit, in order. */
  public static List<String> shutOut(
      Collection<String> withSessions, Predicate<String> admittedAfter) {
    List<String> out = new ArrayList<>();
    for (String i : withSessions) {
      if (!admittedAfter.test(i) && !out.contains(i)) out.add(i);
    }
    return out;
  }

  /**
   * {@code c} (a change of an ACL) classified: disruptive and naming them when it shuts out
   * initiators with live sessions, unchanged otherwise.
   */
  public static Change revoking(
      Change c, Collection<String> withSessions, Predicate<String> admittedAfter) {
    List<String> out = shutOut(withSessions, admittedAfter);
    if (out.isEmpty()) return c;
    return c.gated(Impact.DISRUPTIVE, out, "revokes access of initiators with live sessions");
  }

  /**
   * {@code c} gated: at least disruptive, naming {@code withSessions}, needing {@code
   * --allow-disruptive} (or the daemon's policy) even without live sessions.
   *
   * @param why what it takes away, for the plan (e.g. "drops the export of X at the next restart")
   */
  public static Change gate(Change c, Collection<String> withSessions, String why) {
    return c.gated(Impact.DISRUPTIVE, List.copyOf(withSessions), why);
  }
}
