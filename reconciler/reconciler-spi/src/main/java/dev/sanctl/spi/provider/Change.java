package dev.sanctl.spi.provider;

import dev.sanctl.spi.host.Command;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * One planned change of one object on one node, with the exact commands that carry it out.
 *
 * <p>{@code resource} names the object (see {@link ResourceAddress}); its rendered {@link
 * #address()} is the key in plans, journals and output and is unique in a plan. It always names a
 * node: a change runs on one node. Commands run in order; each must be idempotent or guarded so
 * that an interrupted apply can be finished by re-planning.
 *
 * @param resource the object changed, with its node; never cluster-wide
 * @param reason why, for humans only (e.g. "size 1G -> 2G", "not present on node")
 * @param affectedInitiators initiators with live sessions that will feel this change
 * @param dependsOn objects whose changes (in this plan) must be applied first; an address no change
 *     of the plan has is already satisfied
 * @param requiresApproval true when a {@link Impact#DISRUPTIVE disruptive} change needs {@code
 *     --allow-disruptive} (or the daemon's policy) even though no initiator has a live session now:
 *     it drops a served export at the next restart or failover, removes a CHAP account or an access
 *     line, or empties a managed block or daemon settings. Without it a disruptive change is gated
 *     only while {@code affectedInitiators} is not empty.
 */
public record Change(
    ResourceAddress resource,
    Action action,
    Impact impact,
    String reason,
    List<FieldChange> fields,
    List<Command> commands,
    List<String> affectedInitiators,
    List<ResourceAddress> dependsOn,
    boolean requiresApproval) {
  public Change {
    Objects.requireNonNull(resource, "resource");
    if (resource.node() == null) {
      throw new IllegalArgumentException("a change runs on one node: " + resource);
    }
    fields = List.copyOf(fields);
    commands = List.copyOf(commands);
    affectedInitiators = List.copyOf(affectedInitiators);
    dependsOn = List.copyOf(dependsOn);
  }

  /** A change gated by its impact and live sessions only ({@code requiresApproval} false). */
  public Change(
      ResourceAddress resource,
      Action action,
      Impact impact,
      String reason,
      List<FieldChange> fields,
      List<Command> commands,
      List<String> affectedInitiators,
      List<ResourceAddress> dependsOn) {
    this(resource, action, impact, reason, fields, commands, affectedInitiators, dependsOn, false);
  }

  /** The rendered {@link #resource()}: {@code <node>/<provider>.<kind>/<name>}. */
  public String address() {
    return resource.toString();
  }

  /** The node this change runs on. */
  public String node() {
    return resource.node();
  }

  /** The id of the provider that planned this change. */
  public String provider() {
    return resource.provider();
  }

  /** The kind of object changed, within its provider. */
  public String kind() {
    return resource.kind();
  }

  /** The name of the object changed, within its kind. */
  public String name() {
    return resource.name();
  }

  /** The rendered {@link #dependsOn()} addresses, in order. */
  public List<String> dependsOnAddresses() {
    return dependsOn.stream().map(ResourceAddress::toString).toList();
  }

  /** This change carried out by {@code other} commands instead (everything else equal). */
  public Change withCommands(List<Command> other) {
    return new Change(
        resource,
        action,
        impact,
        reason,
        fields,
        other,
        affectedInitiators,
        dependsOn,
        requiresApproval);
  }

  /**
   * This change classified at least {@code impact}, with {@code initiators} added to the affected
   * ones and needing approval even without live sessions; {@code why} is appended to the reason.
   */
  public Change gated(Impact impact, List<String> initiators, String why) {
    LinkedHashSet<String> affected = new LinkedHashSet<>(affectedInitiators);
    affected.addAll(initiators);
    String r = why == null ? reason : reason == null ? why : reason + "; " + why;
    return new Change(
        resource,
        action,
        Impact.worst(this.impact, impact),
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
    return fields.stream().allMatch(f -> Objects.equals(f.before(), f.after()));
  }
}
