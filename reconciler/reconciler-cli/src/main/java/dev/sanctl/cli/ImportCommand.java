package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Invocation;
import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.cli.support.Session;
import dev.sanctl.core.usecase.ImportOperation;
import dev.sanctl.spi.json.Json;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.provider.Imported;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl import}: writes the desired-state sections that describe what is live (the passes
 * of {@link ImportOperation}), so an existing estate can be adopted. The config directory needs the
 * {@code cluster} and {@code nodes} sections; the written file holds the rest, and planning right
 * after changes nothing but what the import lists at the end ({@code not imported: ADDRESS: REASON}
 * on standard error). The passes run on a scratch copy of the config directory in a hidden
 * directory next to the written file, removed when the command ends. Exit 0 written, 1 error, 3
 * refused (file exists), 4 written but incomplete (a node could not be observed: nothing was
 * imported from it).
 */
@Command(
    name = "import",
    description = "Write desired-state YAML that matches what is live.",
    mixinStandardHelpOptions = true)
public class ImportCommand implements Callable<Integer> {
  /** The prefix of every line of the list of what was not imported. */
  public static final String NOT_IMPORTED = "not imported: ";

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

  @Mixin OutputFormat output;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    Path configDir = parent.global.configDir;
    Path target = outFile == null ? configDir.resolve("imported.yaml") : Path.of(outFile);
    if (!"-".equals(outFile) && Files.exists(target) && !force) {
      err.println("sanctl: " + target + " exists; use --force to overwrite it");
      return ExitCodes.REFUSED;
    }
    Path beside = "-".equals(outFile) ? configDir : target.toAbsolutePath().getParent();
    if (!Files.isDirectory(beside)) {
      err.println("sanctl: " + beside + ": no such directory; create it or choose another --out");
      return ExitCodes.ERROR;
    }
    Path work = Files.createTempDirectory(beside, ".sanctl-import-");
    try {
      return run(configDir, target, work, err);
    } finally {
      deleteTree(work);
    }
  }

  private int run(Path configDir, Path target, Path work, PrintWriter err) throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    copyConfig(configDir, work, target);
    Path draft = work.resolve("imported.yaml");
    String yaml = null;
    DesiredState declared = null;
    ImportOperation.ImportPass last = null;
    // Importers see the desired state: volumes imported by one pass let the next pass import
    // the targets on them. Stop when a pass adds nothing.
    for (int pass = 1; pass <= ImportOperation.MAX_PASSES; pass++) {
      StringWriter loadErrors = new StringWriter();
      Optional<Session> opened;
      try (PrintWriter w = new PrintWriter(loadErrors)) {
        opened = Session.open(work, cluster.sim, w);
      }
      String diagnostics =
          loadErrors
              .toString()
              .replace(draft.toString(), target.toString())
              .replace(work.toString(), configDir.toString());
      if (opened.isEmpty()) {
        err.print(diagnostics);
        if (pass > 1) {
          err.println(
              "sanctl: the imported sections conflict with "
                  + configDir
                  + ": remove the sections sanctl imports (volumeGroups, targets, ...) from your"
                  + " files and import again");
        }
        return ExitCodes.ERROR;
      }
      try (Session s = opened.get()) {
        if (!s.knowsNodes(cluster.nodes, err)) return ExitCodes.USAGE;
        if (declared == null) declared = s.desired();
        last = new ImportOperation(s.engine()).pass(s.desired(), declared, cluster.nodes);
        if (last.importers() == 0) {
          err.println("sanctl: no installed provider can import");
          return ExitCodes.ERROR;
        }
        String next = last.yaml();
        boolean done = next.equals(yaml) || pass == ImportOperation.MAX_PASSES;
        yaml = next;
        if (done) break;
        Files.writeString(draft, yaml, StandardCharsets.UTF_8);
      }
    }
    last.unknownNodes()
        .forEach(
            (n, why) ->
                err.println("warning: node " + n + " is unknown (" + why + "); nothing imported"));
    boolean toStdout = "-".equals(outFile);
    if (!toStdout) Files.writeString(target, yaml, StandardCharsets.UTF_8);
    if (output.json()) {
      Map<String, Object> doc = new LinkedHashMap<>();
      doc.put("formatVersion", "1");
      doc.put("written", toStdout ? null : target.toString());
      doc.put("incomplete", last.incomplete());
      doc.put("unknownNodes", last.unknownNodes());
      List<Map<String, String>> left = new ArrayList<>();
      for (Imported.LeftOut l : last.leftOut()) {
        left.add(Map.of("address", l.address(), "reason", l.reason()));
      }
      doc.put("notImported", left);
      if (toStdout) doc.put("yaml", yaml);
      out.println(Json.write(doc));
    } else if (toStdout) {
      out.print(yaml);
    } else {
      out.println(
          "Wrote " + target + "; check it with: " + Invocation.of(configDir, cluster, "plan"));
    }
    out.flush();
    printLeftOut(last.leftOut(), err);
    return last.incomplete() ? ExitCodes.INCOMPLETE : ExitCodes.OK;
  }

  /** The list of what was not imported, one {@value #NOT_IMPORTED} line each. */
  private static void printLeftOut(List<Imported.LeftOut> leftOut, PrintWriter err) {
    if (leftOut.isEmpty()) return;
    err.println(
        "Not imported ("
            + leftOut.size()
            + "); a plan right after this import changes or reports these:");
    for (Imported.LeftOut l : leftOut) {
      err.println(NOT_IMPORTED + l.address() + ": " + l.reason());
    }
    err.flush();
  }

  /** The config directory without its state, git directory and the file being replaced. */
  private static void copyConfig(Path from, Path to, Path replaced) throws IOException {
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

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
    }
  }
}
