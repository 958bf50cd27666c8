package dev.sanctl.providers.comstar;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.provider.AccessChanges;
import dev.sanctl.spi.provider.Action;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.FieldChange;
import dev.sanctl.spi.provider.Impact;
import dev.sanctl.spi.provider.ResourceAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The changes of one directly managed COMSTAR pool on the node importing it, as they are planned:
 * addresses {@code <node>/comstar.<kind>/<name>}, and the objects created or changed so far, so
 * that a later change (a view) depends on the earlier ones it needs (its LU, host and target
 * groups).
 */
final class ComstarChanges {
  private final String node;
  private final List<Change> changes;
  private final Map<String, ResourceAddress> planned = new LinkedHashMap<>();

  ComstarChanges(String node, List<Change> changes) {
    this.node = node;
    this.changes = changes;
  }

  String node() {
    return node;
  }

  /** The address of {@code kind} {@code name} on this node. */
  ResourceAddress address(String kind, String name) {
    return ResourceAddress.of(node, ComstarProvider.ID, kind, name);
  }

  void add(
      String kind,
      String name,
      Action action,
      Impact impact,
      String reason,
      List<FieldChange> fields,
      List<Command> commands,
      List<ResourceAddress> deps) {
    ResourceAddress address = address(kind, name);
    changes.add(new Change(address, action, impact, reason, fields, commands, List.of(), deps));
    planned.put(kind + "/" + name, address);
  }

  /** The addresses of the planned changes among {@code keys} ({@code <kind>/<name>}), in order. */
  List<ResourceAddress> deps(String... keys) {
    List<ResourceAddress> out = new ArrayList<>();
    for (String k : keys) if (planned.containsKey(k)) out.add(planned.get(k));
    return out;
  }

  /** Whether a change replacing LU {@code zvol} is planned (it adds the LU's views again). */
  boolean replacesLu(String zvol) {
    return changes.stream()
        .anyMatch(
            ch ->
                ch.kind().equals("lu") && ch.name().equals(zvol) && ch.action() == Action.REPLACE);
  }

  /**
   * Gates the change just added: it takes access away (a group member, a view). COMSTAR sessions
   * are not observed, so it needs approval whether or not an initiator is logged in.
   */
  void gateLast(String why) {
    int last = changes.size() - 1;
    changes.set(
        last,
        AccessChanges.gate(
            changes.get(last),
            List.of(),
            why
                + " (COMSTAR sessions are not observed: approval is needed whether or not an"
                + " initiator is logged in)"));
  }
}
