package dev.sanctl.core.usecase;

import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.core.engine.Engine;
import dev.sanctl.core.engine.NodeObservation;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Importer;
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
 * into one YAML document. Importers see the desired state, so volumes imported by one pass let the
 * next pass import the targets on them: the caller loads the draft and runs passes until one adds
 * nothing ({@link #MAX_PASSES} at most). Read only, so no cluster lock.
 */
public final class ImportOperation {
  /** Passes at most before the last draft is taken as it is. */
  public static final int MAX_PASSES = 3;

  /** The first line of every imported file. */
  public static final String HEADER = "# written by sanctl import from live state\n";

  private static final Dump DUMP =
      new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());

  private final Engine engine;

  public ImportOperation(Engine engine) {
    this.engine = engine;
  }

  /**
   * One pass.
   *
   * @param yaml the imported document (with {@link #HEADER})
   * @param importers how many providers imported; 0 means none installed can
   * @param unknownNodes nodes that could not be observed (nothing imported from them) and why
   */
  public record ImportPass(String yaml, int importers, Map<String, String> unknownNodes) {
    public ImportPass {
      unknownNodes = Collections.unmodifiableMap(new LinkedHashMap<>(unknownNodes));
    }

    /** Nothing was imported from a node that could not be observed: never complete then. */
    public boolean incomplete() {
      return !unknownNodes.isEmpty();
    }
  }

  /** Observes {@code scope} (all nodes when empty) and imports what is live. */
  public ImportPass pass(DesiredState desired, List<String> scope) {
    ClusterObservation obs = engine.observe(desired, scope);
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("apiVersion", "sanctl/v1");
    int importers = 0;
    for (Provider p : engine.providers().all()) {
      if (!(p instanceof Importer imp)) continue;
      importers++;
      merge(doc, imp.importState(engine.context(p, desired, obs)));
    }
    Map<String, String> unknown = new LinkedHashMap<>();
    for (NodeObservation n : obs.nodes().values()) {
      if (!n.known()) unknown.put(n.node(), n.unknownReason());
    }
    return new ImportPass(HEADER + DUMP.dumpToString(doc), importers, unknown);
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
