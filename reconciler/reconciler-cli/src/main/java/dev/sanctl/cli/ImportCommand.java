package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Session;
import dev.sanctl.core.engine.ClusterObservation;
import dev.sanctl.spi.provider.Importer;
import dev.sanctl.spi.provider.Provider;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.common.FlowStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl import}: writes the desired-state sections that describe what is live (every
 * provider implementing {@link Importer}), so an existing estate can be adopted. The config
 * directory needs the {@code cluster} and {@code nodes} sections; the written file holds the rest,
 * and planning right after shows no changes. Exit 0 written, 1 error, 3 refused (file exists), 4
 * written but incomplete (a node could not be observed: nothing was imported from it).
 */
@Command(
    name = "import",
    description = "Write desired-state YAML that matches what is live.",
    mixinStandardHelpOptions = true)
public class ImportCommand implements Callable<Integer> {
  @ParentCommand Main parent;
  @Spec picocli.CommandLine.Model.CommandSpec spec;
  @Mixin ClusterOptions cluster;

  @Option(
      names = "--out",
      paramLabel = "FILE",
      description = "File to write (default: <config>/imported.yaml); '-' for standard output.")
  String outFile;

  @Option(names = "--force", description = "Overwrite an existing file.")
  boolean force;

  private static final int MAX_PASSES = 3;
  private static final String HEADER = "# written by sanctl import from live state\n";
  private static final Dump DUMP =
      new Dump(DumpSettings.builder().setDefaultFlowStyle(FlowStyle.BLOCK).build());

  @Override
  public Integer call() throws Exception {
    boolean incomplete = false;
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path configDir = parent.global.configDir;
    Path target = outFile == null ? configDir.resolve("imported.yaml") : Path.of(outFile);
    if (!"-".equals(outFile) && Files.exists(target) && !force) {
      err.println("sanctl: " + target + " exists; use --force to overwrite it");
      return ExitCodes.REFUSED;
    }
    Path work = Files.createTempDirectory("sanctl-import");
    copyConfig(configDir, work, target);
    Path draft = work.resolve("imported.yaml");
    String yaml = null;
    // Importers see the desired state: volumes imported by one pass let the next pass import
    // the targets on them. Stop when a pass adds nothing.
    for (int pass = 1; pass <= MAX_PASSES; pass++) {
      Optional<Session> opened = Session.open(work, cluster.sim, err);
      if (opened.isEmpty()) {
        err.println(
            "sanctl: the imported sections conflict with "
                + configDir
                + ": remove the sections sanctl imports (volumeGroups, targets, ...) from your"
                + " files and import again");
        return ExitCodes.ERROR;
      }
      try (Session s = opened.get()) {
        if (!s.knowsNodes(cluster.nodes, err)) return ExitCodes.USAGE;
        ClusterObservation obs = s.engine().observe(s.desired(), cluster.nodes);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("apiVersion", "sanctl/v1");
        int importers = 0;
        for (Provider p : s.engine().providers().all()) {
          if (!(p instanceof Importer imp)) continue;
          importers++;
          merge(doc, imp.importState(s.engine().context(p, s.desired(), obs)));
        }
        if (importers == 0) {
          err.println("sanctl: no installed provider can import");
          return ExitCodes.ERROR;
        }
        String next = HEADER + DUMP.dumpToString(doc);
        if (next.equals(yaml) || pass == MAX_PASSES) {
          incomplete = obs.nodes().values().stream().anyMatch(n -> !n.known());
          obs.nodes().values().stream()
              .filter(n -> !n.known())
              .forEach(
                  n ->
                      err.println(
                          "warning: node "
                              + n.node()
                              + " is unknown ("
                              + n.unknownReason()
                              + "); nothing imported from it"));
          yaml = next;
          break;
        }
        yaml = next;
        Files.writeString(draft, yaml, StandardCharsets.UTF_8);
      }
    }
    if ("-".equals(outFile)) {
      out.print(yaml);
    } else {
      Files.writeString(target, yaml, StandardCharsets.UTF_8);
      out.println("Wrote " + target + "; check it with: sanctl -C " + configDir + " plan");
    }
    out.flush();
    return incomplete ? ExitCodes.INCOMPLETE : ExitCodes.OK;
  }

  /** The config directory without its state, git directory and the file being replaced. */
  private static void copyConfig(Path from, Path to, Path replaced) throws java.io.IOException {
    Path skip = replaced.toAbsolutePath().normalize();
    try (var files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path rel = from.relativize(f);
        if (rel.toString().startsWith(".sanctl") || rel.toString().startsWith(".git")) continue;
        if (f.toAbsolutePath().normalize().equals(skip)) continue;
        Path t = to.resolve(rel.toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(t);
        } else {
          Files.copy(f, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  static void merge(Map<String, Object> into, Map<String, Object> from) {
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
