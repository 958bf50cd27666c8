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
    List<String> dependsOn) {
  public Change {
    fields = List.copyOf(fields);
    commands = List.copyOf(commands);
    affectedInitiators = List.copyOf(affectedInitiators);
    dependsOn = List.copyOf(dependsOn);
  }

  /** Builds the canonical address. */
  public static String address(String node, String provider, String kind, String name) {
    return node + "/" + provider + "." + kind + "/" + name;
  }
}
