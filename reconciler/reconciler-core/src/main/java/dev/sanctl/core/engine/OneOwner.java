package dev.sanctl.core.engine;

import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.LiveObject;
import dev.sanctl.spi.provider.Provider;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Each live object has one owner in a plan: when changes of two providers touch the same live
 * object on a node (e.g. a dataset declared under {@code pools} that backups also derive), neither
 * is planned and an error names both. Validation refuses the configurations it knows to cause this;
 * this is the engine's guarantee for the rest.
 */
final class OneOwner {
  private record Touch(String provider, Change change) {}

  private record Key(String node, LiveObject object) {}

  private final Map<Key, List<Touch>> byObject = new LinkedHashMap<>();

  /** Records that {@code change} of {@code p} touches its live object, if it names one. */
  void add(Provider p, Change change) {
    Optional<LiveObject> o = p.liveObject(change);
    if (o.isEmpty()) return;
    byObject
        .computeIfAbsent(new Key(change.node(), o.get()), k -> new ArrayList<>())
        .add(new Touch(p.id(), change));
  }

  /**
   * The addresses of changes that share their live object with a change of another provider, with
   * one error finding per such object added to {@code findings}.
   */
  Set<String> refuse(List<Finding> findings) {
    Set<String> refused = new HashSet<>();
    for (Map.Entry<Key, List<Touch>> e : byObject.entrySet()) {
      List<Touch> touches = e.getValue();
      if (touches.stream().map(Touch::provider).distinct().count() < 2) continue;
      Change first = touches.get(0).change();
      List<String> addresses = touches.stream().map(t -> t.change().address()).toList();
      refused.addAll(addresses);
      findings.add(
          Finding.error(
              first.resource(),
              "two providers plan the same live object on "
                  + first.node()
                  + ": "
                  + String.join(" and ", addresses)
                  + " both touch "
                  + e.getKey().object()
                  + "; neither is planned",
              "declare it in one place only: each live object has exactly one owner",
              null));
    }
    return refused;
  }
}
