package dev.sanctl.core.usecase;

import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.NodeObservation;
import dev.sanctl.core.engine.SecretDirs;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Change;
import dev.sanctl.spi.provider.Finding;
import dev.sanctl.spi.provider.ImportContext;
import dev.sanctl.spi.provider.Imported;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.NodeState;
import dev.sanctl.spi.provider.Provider;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;

/**
 * The import use case ({@code sanctl import}): one pass observes the scope and asks every provider
 * implementing {@link Importer} for the desired-state sections that describe what is live, merged
 * into one YAML document with comments saying which provider imported each section from where.
 * Importers see the desired state, so volumes imported by one pass let the next pass import the
 * targets on them: the caller loads the draft and runs passes until one adds nothing ({@link
 * #MAX_PASSES} at most). Read only, so no cluster lock.
 *
 * <p>Every pass also plans the draft it was given: each change or error of that plan that no
 * importer reported as left out becomes a {@link Imported.LeftOut} of its own (a provider without
 * importer, or an importer that missed something), so the list printed at the end is everything a
 * plan right after the import may change.
 */
public final class ImportOperation {
  /** Passes at most before the last draft is taken as it is. */
  public static final int MAX_PASSES = 4;

  /** The first line of every imported file. */
  public static final String HEADER = "# written by sanctl import from live state\n";

  private static final Dump DUMP =
      new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());

  private final Engine engine;
  private final String secretsDir;

  public ImportOperation(Engine engine) {
    this(engine, SecretDirs.current().first());
  }

  /**
   * @param secretsDir where imported {@code secretFile}s point (the admin creates those files)
   */
  public ImportOperation(Engine engine, String secretsDir) {
    this.engine = engine;
    this.secretsDir = secretsDir;
  }

  /**
   * One pass.
   *
   * @param yaml the imported document (with {@link #HEADER})
   * @param importers how many providers imported; 0 means none installed can
   * @param unknownNodes nodes that could not be observed (nothing imported from them) and why
   * @param leftOut what the import leaves out and a plan of this pass's input would change
   */
  public record ImportPass(
      String yaml,
      int importers,
      Map<String, String> unknownNodes,
      List<Imported.LeftOut> leftOut) {
    public ImportPass {
      unknownNodes = Collections.unmodifiableMap(new LinkedHashMap<>(unknownNodes));
      leftOut = List.copyOf(leftOut);
    }

    /** Nothing was imported from a node that could not be observed: never complete then. */
    public boolean incomplete() {
      return !unknownNodes.isEmpty();
    }
  }

  /** Observes {@code scope} (all nodes when empty) and imports what is live. */
  public ImportPass pass(DesiredState desired, List<String> scope) {
    return pass(desired, null, scope);
  }

  /**
   * Observes {@code scope} (all nodes when empty) and imports what is live.
   *
   * @param declared the desired state of the admin's own files (without any import), or null: map
   *     entries it declares (a {@code type: files} group, a portal group) are not imported again
   *     ({@link DeclaredEntries})
   */
  public ImportPass pass(DesiredState desired, DesiredState declared, List<String> scope) {
    ClusterObservation obs = engine.observe(desired, scope);
    Map<String, Object> doc = new LinkedHashMap<>();
    Map<String, List<String>> comments = new LinkedHashMap<>();
    List<Imported.LeftOut> leftOut = new ArrayList<>();
    int importers = 0;
    for (Provider p : engine.providers().all()) {
      if (!(p instanceof Importer imp)) continue;
      importers++;
      Imported r = imp.importLive(new ImportContext(engine.context(p, desired, obs), secretsDir));
      merge(doc, r.sections());
      for (String section : r.sections().keySet()) {
        List<String> c = comments.computeIfAbsent(section, k -> new ArrayList<>());
        List<String> from = r.sources().getOrDefault(section, List.of());
        c.add("imported by the " + p.id() + " provider" + (from.isEmpty() ? "" : " from:"));
        from.forEach(s -> c.add("  " + s));
        c.addAll(r.notes().getOrDefault(section, List.of()));
      }
      leftOut.addAll(r.leftOut());
    }
    DeclaredEntries.metaVolumesAreNoVolumes(doc);
    if (declared != null) leftOut.addAll(DeclaredEntries.dropFrom(doc, declared));
    leftOut.addAll(unexplained(desired, obs, leftOut));
    leftOut.addAll(withoutImporter(desired, obs, leftOut));
    Map<String, String> unknown = new LinkedHashMap<>();
    for (NodeObservation n : obs.nodes().values()) {
      if (!n.known()) unknown.put(n.node(), n.unknownReason());
    }
    return new ImportPass(render(doc, comments), importers, unknown, leftOut);
  }

  /** The document: the header, then each section below its comment lines. */
  private static String render(Map<String, Object> doc, Map<String, List<String>> comments) {
    StringBuilder sb = new StringBuilder(HEADER);
    sb.append(DUMP.dumpToString(Map.of("apiVersion", "sanctl/v1")));
    for (Map.Entry<String, Object> e : doc.entrySet()) {
      sb.append('\n');
      for (String c : comments.getOrDefault(e.getKey(), List.of())) {
        sb.append("# ").append(c.replace('\n', ' ')).append('\n');
      }
      Map<String, Object> one = new LinkedHashMap<>();
      one.put(e.getKey(), e.getValue());
      sb.append(DUMP.dumpToString(one));
    }
    return sb.toString();
  }

  /**
   * What a plan of {@code desired} changes, refuses or reports as unmanaged, that no entry of
   * {@code explained} covers (an entry covers the addresses it is a prefix of).
   */
  private List<Imported.LeftOut> unexplained(
      DesiredState desired, ClusterObservation obs, List<Imported.LeftOut> explained) {
    List<Imported.LeftOut> out = new ArrayList<>();
    Plan plan = engine.plan(desired, obs, List.of());
    for (Change c : plan.changes()) {
      String address = c.address().toString();
      if (!covered(address, explained))
        out.add(new Imported.LeftOut(address, why(c.provider()) + c.reason()));
    }
    for (Finding f : plan.findings()) {
      if (f.resource() == null) continue;
      if (f.kind() != Finding.Kind.ERROR && f.kind() != Finding.Kind.UNMANAGED) continue;
      String address = f.resource().toString();
      if (!covered(address, explained)) {
        out.add(new Imported.LeftOut(address, why(f.resource().provider()) + f.message()));
      }
    }
    return out;
  }

  private String why(String provider) {
    return engine.providers().find(provider).map(p -> p instanceof Importer).orElse(false)
        ? "live, but not imported by the " + provider + " importer: "
        : "the " + provider + " provider has no importer: ";
  }

  /**
   * One entry per node served by a provider without importer that the list does not name yet:
   * whatever that provider manages there is not imported, even when a plan would not change it.
   */
  private List<Imported.LeftOut> withoutImporter(
      DesiredState desired, ClusterObservation obs, List<Imported.LeftOut> listed) {
    List<Imported.LeftOut> out = new ArrayList<>();
    for (Provider p : engine.providers().all()) {
      if (p instanceof Importer) continue;
      for (NodeState s : engine.context(p, desired, obs).nodes().values()) {
        String prefix = s.node() + "/" + p.id() + ".";
        if (!s.known() || listed.stream().anyMatch(l -> l.address().startsWith(prefix))) continue;
        out.add(
            new Imported.LeftOut(
                prefix,
                "the "
                    + p.id()
                    + " provider has no importer: nothing it manages on "
                    + s.node()
                    + " is imported"));
      }
    }
    return out;
  }

  private static boolean covered(String address, List<Imported.LeftOut> explained) {
    return explained.stream().anyMatch(l -> address.startsWith(l.address()));
  }

  /** Merges {@code from} into {@code into}: maps recursively, lists appended, else replaced. */
  @SuppressWarnings("unchecked")
  public static void merge(Map<String, Object> into, Map<String, Object> from) {
    for (Map.Entry<String, Object> e : from.entrySet()) {
      Object have = into.get(e.getKey());
      if (have instanceof Map<?, ?> a && e.getValue() instanceof Map<?, ?> b) {
        Map<String, Object> m = new LinkedHashMap<>((Map<String, Object>) a);
        merge(m, (Map<String, Object>) b);
        into.put(e.getKey(), m);
      } else if (have instanceof List<?> a && e.getValue() instanceof List<?> b) {
        List<Object> l = new ArrayList<>(a);
        l.addAll(b);
        into.put(e.getKey(), l);
      } else {
        into.put(e.getKey(), e.getValue());
      }
    }
  }
}
