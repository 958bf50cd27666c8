package dev.sanctl.providers.iet;

import dev.sanctl.spi.model.InitiatorGroup;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Writes an imported ACL with the initiator groups of the desired state: a run of IQNs equal to a
 * group's members, in the group's order, becomes the group's name (groups with more members first),
 * so that the ACL expands to exactly the live list again.
 */
final class InitiatorFolding {
  private InitiatorFolding() {}

  static List<String> fold(List<String> acl, Collection<InitiatorGroup> groups) {
    List<InitiatorGroup> bySize = new ArrayList<>(groups);
    bySize.sort((a, b) -> Integer.compare(b.initiators().size(), a.initiators().size()));
    List<String> out = new ArrayList<>();
    int i = 0;
    next:
    while (i < acl.size()) {
      for (InitiatorGroup g : bySize) {
        List<String> m = g.initiators();
        if (!m.isEmpty() && i + m.size() <= acl.size() && acl.subList(i, i + m.size()).equals(m)) {
          out.add(g.name());
          i += m.size();
          continue next;
        }
      }
      out.add(acl.get(i++));
    }
    return out;
  }
}
