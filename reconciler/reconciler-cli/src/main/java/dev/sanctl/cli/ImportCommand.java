package dev.sanctl.cli;

import dev.sanctl.cli.support.ClusterOptions;
import dev.sanctl.cli.support.Invocation;
import dev.sanctl.cli.support.Session;
import dev.sanctl.core.usecase.ImportOperation;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl import}: writes the desired-state sections that describe what is live (the passes
 * of {@link ImportOperation}), so an existing estate can be adopted. The config directory needs the
 * {@code cluster} and {@code nodes} sections; the written file holds the rest, and planning right
 * after shows no changes. Exit 0 written, 1 error, 3 refused (file exists), 4 written but
 * incomplete (a node could not be observed: nothing was imported from it).
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
    for (int pass = 1; pass <= ImportOperation.MAX_PASSES; pass++) {
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
        ImportOperation.ImportPass imported =
            new ImportOperation(s.engine()).pass(s.desired(), cluster.nodes);
        if (imported.importers() == 0) {
          err.println("sanctl: no installed provider can import");
          return ExitCodes.ERROR;
        }
        String next = imported.yaml();
        if (next.equals(yaml) || pass == ImportOperation.MAX_PASSES) {
          incomplete = imported.incomplete();
          imported
              .unknownNodes()
              .forEach(
                  (n, why) ->
                      err.println(
                          "warning: node "
                              + n
                              + " is unknown ("
                              + why
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
      out.println(
          "Wrote " + target + "; check it with: " + Invocation.of(configDir, cluster, "plan"));
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
}
