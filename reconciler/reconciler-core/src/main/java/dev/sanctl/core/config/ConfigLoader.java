package dev.sanctl.core.config;

import dev.sanctl.core.engine.SecretDirs;
import dev.sanctl.core.validate.InlineSecrets;
import dev.sanctl.core.validate.SchemaValidator;
import dev.sanctl.core.validate.SecretPaths;
import dev.sanctl.core.validate.SemanticValidator;
import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.diag.Severity;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.SourceRef;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Loads a config repository (format v1, {@code spec/desired-state.md}): reads every YAML file,
 * checks each against the JSON Schema, merges them, checks the semantic rules and builds the typed
 * {@link DesiredState}. Never throws for bad input: every problem is a {@link Diagnostic}.
 */
public final class ConfigLoader {
  private ConfigLoader() {}

  /**
   * Starts compiling the JSON Schema on a daemon thread, so that it is ready, or nearly, when the
   * next load needs it: a command line that will load a configuration calls this first, and its own
   * start-up runs meanwhile. Optional: a load compiles the schema itself when nobody did (or waits
   * for this thread to finish it); a failure here shows there again.
   */
  public static void prepareSchemaInBackground() {
    Thread t =
        new Thread(
            () -> {
              try {
                SchemaValidator.prepare();
              } catch (RuntimeException | Error e) {
                // the load that needs the schema reports it
              }
            },
            "sanctl-schema");
    t.setDaemon(true);
    t.start();
  }

  /**
   * Loads the working tree of {@code dir}; when its configuration files are exactly those of the
   * git {@code HEAD} commit (a clean checkout), the state's revision is that commit, else null
   * ("working tree").
   */
  public static LoadResult loadDirectory(Path dir) {
    return loadDirectory(dir, new ArrayList<>());
  }

  /**
   * As {@link #loadDirectory(Path)}; adds each file that was read as YAML to {@code parsed}, so
   * that a caller checking more of them (secret files on this host) need not read them again.
   */
  public static LoadResult loadDirectory(Path dir, List<ParsedFile> parsed) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    List<SourceFile> files = ConfigFiles.fromDirectory(dir, diagnostics, ignored);
    if (files.isEmpty() && diagnostics.isEmpty()) diagnostics.add(notAConfigRepository(dir, null));
    String revision = diagnostics.isEmpty() ? CleanCheckout.revision(dir, files) : null;
    return withIgnored(load(files, revision, diagnostics, parsed), ignored);
  }

  /**
   * Loads {@code repoDir} as it is in git revision {@code rev} (branch, tag, commit), reading the
   * tree of that commit without touching the working tree.
   */
  public static LoadResult loadRevision(Path repoDir, String rev) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    List<SourceFile> files = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    String commit = ConfigFiles.fromRevision(repoDir, rev, files, diagnostics, ignored);
    if (commit == null) return new LoadResult(null, diagnostics, ignored);
    if (files.isEmpty() && diagnostics.isEmpty()) {
      diagnostics.add(notAConfigRepository(repoDir, rev));
    }
    return withIgnored(load(files, commit, diagnostics, new ArrayList<>()), ignored);
  }

  /**
   * The one error for a directory without configuration files ({@code -C} pointing elsewhere),
   * instead of "no cluster section".
   */
  private static Diagnostic notAConfigRepository(Path dir, String rev) {
    return Diagnostic.error(
        SourceRef.NONE,
        "not a sanctl configuration repository: no YAML file with apiVersion: sanctl/v1 (or a"
            + " sanctl section such as cluster, nodes, targets) below "
            + dir
            + (rev == null ? "" : " in git revision '" + rev + "'"),
        "pass the config repository with -C DIR; other YAML files there are not read (sanctl -v"
            + " validate lists them)");
  }

  private static LoadResult withIgnored(LoadResult r, List<String> ignored) {
    return new LoadResult(r.state(), r.diagnostics(), ignored);
  }

  /** Loads in-memory files (paths relative to a virtual config directory). */
  public static LoadResult loadFiles(List<SourceFile> files) {
    return load(files, null, new ArrayList<>(), new ArrayList<>());
  }

  /** As {@link #loadFiles}, but lets a bug surface as an exception (for the fuzz test). */
  static LoadResult loadFilesUnchecked(List<SourceFile> files) {
    return loadUnchecked(files, null, new ArrayList<>(), new ArrayList<>());
  }

  private static LoadResult load(
      List<SourceFile> files,
      String revision,
      List<Diagnostic> diagnostics,
      List<ParsedFile> parsed) {
    try {
      return loadUnchecked(files, revision, diagnostics, parsed);
    } catch (RuntimeException | StackOverflowError e) {
      diagnostics.add(
          Diagnostic.error(
              SourceRef.NONE,
              "internal error while reading the configuration: " + e,
              "please report this with the config that caused it"));
      return new LoadResult(null, diagnostics);
    }
  }

  private static LoadResult loadUnchecked(
      List<SourceFile> files,
      String revision,
      List<Diagnostic> diagnostics,
      List<ParsedFile> parsed) {
    parsed.addAll(YamlFiles.read(files, diagnostics, SchemaValidator::prepare));
    for (ParsedFile f : parsed) {
      Set<YamlPath> secretKeys = InlineSecrets.check(f, diagnostics);
      SecretPaths.check(f, SecretDirs.current(), diagnostics);
      diagnostics.addAll(SchemaValidator.validate(f, secretKeys));
    }
    if (hasErrors(diagnostics)) return new LoadResult(null, diagnostics);
    MergedDocument merged = DocumentMerger.merge(parsed, diagnostics);
    if (hasErrors(diagnostics)) return new LoadResult(null, diagnostics);
    diagnostics.addAll(SemanticValidator.validate(merged));
    if (hasErrors(diagnostics)) return new LoadResult(null, diagnostics);
    return new LoadResult(ModelBuilder.build(merged, revision), diagnostics);
  }

  private static boolean hasErrors(List<Diagnostic> diagnostics) {
    return diagnostics.stream().anyMatch(d -> d.severity() == Severity.ERROR);
  }
}
