package dev.sanctl.spi.provider;

import dev.sanctl.spi.host.Command;
import java.util.List;

/**
 * One planned change of one object on one node, with the exact commands that carry it out.
 *
 * <p>{@code address} is {@code <node>/<provider>.<kind>/<name>} (e.g. {@code
 * node1/lvm.volume/vg_dsk_0/lv_a}); it is the key in plans, journals and output and is unique in a
 * plan. Commands run in order; each must be idempotent or guarded so that an interrupted apply can
 * be finished by re-planning.
 *
 * @param reason why, for humans only (e.g. "size 1G -> 2G", "not present on node")
 * @param affectedInitiators initiators with live sessions that will feel this change
 * @param dependsOn addresses of changes (in this plan) that must be applied first
 * @param requiresApproval true when a {@link Impact#DISRUPTIVE disruptive} change needs {@code
 *     --allow-disruptive} (or the daemon's policy) even though no initiator has a live session now:
 *     it drops a served export at the next restart or failover, removes a CHAP account or an access
 *     line, or empties a managed block or daemon settings. Without it a disruptive change is gated
 *     only while {@code affectedInitiators} is not empty.
 */
public record Change(
    String address,
    String node,
    String provider,
    String kind,
    String name,
    Action action,
    Impact impact,
    String reason,
    List<FieldChange> fields,
    List<Command> commands,
    List<String> affectedInitiators,
    List<String> dependsOn,
    boolean requiresApproval) {
  public Change {
    fields = List.copyOf(fields);
    commands = List.copyOf(commands);
    affectedInitiators = List.copyOf(affectedInitiators);
    dependsOn = List.copyOf(dependsOn);
  }

  /** A change gated by its impact and live sessions only ({@code requiresApproval} false). */
  public Change(
      String address,
      String node,
      String provider,
      String kind,
      String name,
      Action action,
      Impact impact,
      String reason,
      List<FieldChange> fields,
      List<Command> commands,
      List<String> affectedInitiators,
      List<String> dependsOn) {
    this(
        address,
        node,
        provider,
        kind,
        name,
        action,
        impact,
        reason,
        fields,
        commands,
        affectedInitiators,
        dependsOn,
        false);
  }

  /** Builds the canonical address. */
  public static String address(String node, String provider, String kind, String name) {
    return node + "/" + provider + "." + kind + "/" + name;
  }

  /**
   * This change classified at least {@code impact}, with {@code initiators} added to the affected
   * ones and needing approval even without live sessions; {@code why} is appended to the reason.
   */
  public Change gated(Impact impact, List<String> initiators, String why) {
    java.util.LinkedHashSet<String> affected = new java.util.LinkedHashSet<>(affectedInitiators);
    affected.addAll(initiators);
    Impact worst = this.impact.compareTo(impact) >= 0 ? this.impact : impact;
    String r = why == null ? reason : reason == null ? why : reason + "; " + why;
    return new Change(
        address,
        node,
        provider,
        kind,
        name,
        action,
        worst,
        r,
        fields,
        commands,
        List.copyOf(affected),
        dependsOn,
        true);
  }

  /**
   * True when nothing differs: an update none of whose fields changes a value (or that has no
   * fields while writing content). Such a change is never planned.
   */
  public boolean emptyDiff() {
    if (action != Action.UPDATE) return false;
    if (fields.isEmpty()) return commands.stream().anyMatch(c -> c.stdin().length > 0);
    return fields.stream().allMatch(f -> java.util.Objects.equals(f.before(), f.after()));
  }
}
