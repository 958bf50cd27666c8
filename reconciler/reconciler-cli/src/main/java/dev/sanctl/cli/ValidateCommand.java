package dev.sanctl.cli;

import dev.sanctl.cli.support.OutputFormat;
import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import dev.sanctl.core.config.ParsedFile;
import dev.sanctl.core.engine.SecretDirs;
import dev.sanctl.core.validate.SecretFiles;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.json.Json;
import dev.sanctl.spi.model.SourceRef;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code sanctl validate}: checks a config repository (or one git revision of it) against the
 * schema and the semantic rules. Exit 0 when valid, 1 with every problem listed as {@code
 * file:line:column: message}, sorted by file and position.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = "Check the desired state: schema, references, uniqueness, sizes, cron, secrets.")
public class ValidateCommand implements Callable<Integer> {
  @ParentCommand Main main;

  @Spec CommandSpec spec;

  @Option(
      names = "--rev",
      paramLabel = "REV",
      description = "Validate this git revision of the config repository (working tree untouched).")
  String rev;

  @Option(
      names = "--skip-secret-files",
      description =
          "Do not check that secretFile/passwordFile exist here with mode 600 (e.g. in CI).")
  boolean skipSecretFiles;

  @Mixin OutputFormat output;

  @Override
  public Integer call() {
    List<ParsedFile> parsed = new ArrayList<>(); // read once, for the loader and secret files
    LoadResult result =
        rev == null
            ? ConfigLoader.loadDirectory(main.global.configDir, parsed)
            : ConfigLoader.loadRevision(main.global.configDir, rev);
    SecretFiles.Report secrets = null;
    if (rev == null && !skipSecretFiles) {
      secrets = SecretFiles.check(parsed, SecretDirs.current());
      result = secrets.addTo(result);
    }
    PrintWriter out = spec.commandLine().getOut();
    if (main.global.verbose) {
      PrintWriter err = spec.commandLine().getErr();
      result.ignored().forEach(f -> err.println("not configuration, not read: " + f));
      err.flush();
    }
    if (output.json()) {
      out.print(json(result));
    } else {
      boolean quiet = Verbosity.quiet(spec);
      for (Diagnostic d : result.diagnostics()) {
        if (!quiet || d.severity() == dev.sanctl.spi.diag.Severity.ERROR) out.println(d.render());
      }
      if (result.ok()) out.println("valid: " + summary(result) + uncheckedNote(secrets));
    }
    out.flush();
    return result.ok() ? ExitCodes.OK : ExitCodes.ERROR;
  }

  private static String uncheckedNote(SecretFiles.Report secrets) {
    if (secrets == null || secrets.unchecked() == 0) return "";
    return " ("
        + secrets.unchecked()
        + " secret file(s) not checked: no secrets directory "
        + SecretDirs.current().describe()
        + " on this host)";
  }

  /** "2 nodes, 1 volume group, 3 volumes, ...": what the valid config declares. */
  static String summary(LoadResult r) {
    var s = r.state();
    List<String> parts = new ArrayList<>();
    count(parts, s.nodes().size(), "node");
    count(parts, s.volumeGroups().size(), "volume group");
    count(
        parts,
        s.volumeGroups().values().stream().mapToInt(v -> v.volumes().size()).sum(),
        "volume");
    count(parts, s.targets().size(), "target");
    count(parts, s.pools().size(), "pool");
    count(parts, s.pools().values().stream().mapToInt(p -> p.volumes().size()).sum(), "zvol");
    count(parts, s.snapshotSchedules().size(), "snapshot schedule");
    count(parts, s.backups().jobs().size(), "backup job");
    return String.join(", ", parts);
  }

  private static void count(List<String> parts, int n, String noun) {
    if (n > 0) parts.add(n + " " + noun + (n == 1 ? "" : "s"));
  }

  /** The {@code --format json} document (format version 1). */
  static String json(LoadResult r) {
    List<Object> diagnostics = new ArrayList<>();
    for (Diagnostic d : r.diagnostics()) {
      SourceRef at = d.source() == null ? SourceRef.NONE : d.source();
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", at.file());
      m.put("line", at.line());
      m.put("column", at.column());
      m.put("severity", d.severity().name().toLowerCase(Locale.ROOT));
      m.put("message", d.message());
      m.put("hint", d.hint());
      diagnostics.add(m);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("formatVersion", "1");
    doc.put("valid", r.ok());
    doc.put("diagnostics", diagnostics);
    return Json.write(doc);
  }
}
