package dev.sanctl.core.provider;

import dev.sanctl.spi.provider.Provider;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.TreeMap;

/**
 * The providers found with {@link ServiceLoader}, in dependency order ({@link Provider#dependsOn()}
 * first, then by id). Fails fast on duplicate ids, on a dependency cycle and on a provider with no
 * executables; never returns null.
 */
public final class ProviderRegistry {
  private final List<Provider> ordered;
  private final Map<String, Provider> byId;

  private ProviderRegistry(Collection<Provider> providers) {
    Map<String, Provider> ids = new TreeMap<>();
    for (Provider p : providers) {
      String id = p.id();
      if (id == null || !id.matches("[a-z][a-z0-9-]*")) {
        throw new IllegalStateException(
            "provider " + p.getClass().getName() + " has an invalid id: " + id);
      }
      Provider previous = ids.putIfAbsent(id, p);
      if (previous != null) {
        throw new IllegalStateException(
            "two providers claim the id '"
                + id
                + "': "
                + previous.getClass().getName()
                + " and "
                + p.getClass().getName());
      }
      if (p.executables() == null) {
        throw new IllegalStateException("provider '" + id + "' declares no executables");
      }
    }
    this.ordered = topological(ids);
    Map<String, Provider> m = new LinkedHashMap<>();
    ordered.forEach(p -> m.put(p.id(), p));
    this.byId = m;
  }

  /** Every provider on the class path of this class' loader. */
  public static ProviderRegistry load() {
    return load(ProviderRegistry.class.getClassLoader());
  }

  /** Every provider visible to {@code loader}. */
  public static ProviderRegistry load(ClassLoader loader) {
    List<Provider> found = new ArrayList<>();
    ServiceLoader.load(Provider.class, loader).forEach(found::add);
    return new ProviderRegistry(found);
  }

  /** A registry of exactly these providers (tests, embedding). */
  public static ProviderRegistry of(Collection<? extends Provider> providers) {
    return new ProviderRegistry(List.copyOf(providers));
  }

  /** All providers, dependencies before dependants. */
  public List<Provider> all() {
    return ordered;
  }

  /** The provider with {@code id}. */
  public Optional<Provider> find(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** The provider with {@code id}; fails when there is none. */
  public Provider get(String id) {
    Provider p = byId.get(id);
    if (p == null) {
      throw new IllegalArgumentException(
          "no provider with id '" + id + "' (known: " + String.join(", ", byId.keySet()) + ")");
    }
    return p;
  }

  /** Position of the provider in dependency order (unknown ids last). */
  public int rank(String id) {
    int i = 0;
    for (String k : byId.keySet()) {
      if (k.equals(id)) return i;
      i++;
    }
    return Integer.MAX_VALUE;
  }

  private static List<Provider> topological(Map<String, Provider> ids) {
    List<Provider> out = new ArrayList<>();
    Map<String, Integer> mark = new TreeMap<>();
    for (String id : ids.keySet()) visit(id, ids, mark, out, new ArrayList<>());
    return List.copyOf(out);
  }

  private static void visit(
      String id,
      Map<String, Provider> ids,
      Map<String, Integer> mark,
      List<Provider> out,
      List<String> path) {
    Provider p = ids.get(id);
    if (p == null) return; // a dependency that is not installed orders nothing
    Integer m = mark.get(id);
    if (m != null && m == 2) return;
    path.add(id);
    if (m != null && m == 1) {
      throw new IllegalStateException("provider dependency cycle: " + String.join(" -> ", path));
    }
    mark.put(id, 1);
    p.dependsOn().stream()
        .sorted(Comparator.naturalOrder())
        .forEach(d -> visit(d, ids, mark, out, path));
    mark.put(id, 2);
    path.remove(path.size() - 1);
    out.add(p);
  }
}
