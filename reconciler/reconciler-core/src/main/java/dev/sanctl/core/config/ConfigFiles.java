package dev.sanctl.core.config;

import dev.sanctl.spi.diag.Diagnostic;
import dev.sanctl.spi.model.SourceRef;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * Finds the configuration files of a config repository: the {@code *.yaml} and {@code *.yml} files
 * below the directory, recursively, skipping hidden directories, directories that are another git
 * repository (holding their own {@code .git}, as git itself does) and what {@link SanctlIgnore
 * .sanctlignore} names, that {@link ConfigFileRule} calls configuration; in path order; from the
 * working tree or from the tree of a git revision (the working tree is not touched). The other YAML
 * files are listed as ignored, with the reason.
 */
public final class ConfigFiles {
  static final long MAX_FILE_BYTES = 8L * 1024 * 1024;

  private ConfigFiles() {}

  /**
   * The configuration files of a directory; problems (unreadable, not UTF-8) become diagnostics.
   */
  public static List<SourceFile> fromDirectory(Path dir, List<Diagnostic> diagnostics) {
    return fromDirectory(dir, diagnostics, new ArrayList<>());
  }

  /**
   * As {@link #fromDirectory(Path, List)}; adds the YAML files that are not configuration to {@code
   * ignored} as {@code "path (reason)"}.
   */
  public static List<SourceFile> fromDirectory(
      Path dir, List<Diagnostic> diagnostics, List<String> ignored) {
    List<SourceFile> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      diagnostics.add(
          Diagnostic.error(
              SourceRef.NONE,
              "config directory " + dir + " does not exist or is not a directory",
              "pass the config repository with -C DIR"));
      return files;
    }
    List<Path> paths = new ArrayList<>();
    SanctlIgnore ignore;
    try {
      Path ignoreFile = dir.resolve(SanctlIgnore.FILE);
      ignore =
          SanctlIgnore.of(Files.isRegularFile(ignoreFile) ? Files.readAllBytes(ignoreFile) : null);
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes a) {
              if (!d.equals(dir) && Files.exists(d.resolve(".git"), LinkOption.NOFOLLOW_LINKS)) {
                // another repository (as git sees it: a revision's tree holds no files of it)
                ignored.add(relative(dir, d) + "/ (another git repository)");
                return FileVisitResult.SKIP_SUBTREE;
              }
              return !d.equals(dir)
                      && (isHidden(d.getFileName().toString())
                          || ignore.ignores(relative(dir, d), true))
                  ? FileVisitResult.SKIP_SUBTREE
                  : FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path f, BasicFileAttributes a) {
              if (a.isRegularFile()
                  && isYaml(f.getFileName().toString())
                  && !ignore.ignores(relative(dir, f), false)) {
                paths.add(f);
              }
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException | RuntimeException e) {
      diagnostics.add(
          Diagnostic.error(SourceRef.NONE, "cannot list " + dir + ": " + e.getMessage(), null));
      return files;
    }
    for (Path p : paths) {
      String rel = relative(dir, p);
      try {
        if (Files.size(p) > MAX_FILE_BYTES) {
          diagnostics.add(tooLarge(rel));
          continue;
        }
        decode(rel, Files.readAllBytes(p), files, diagnostics);
      } catch (IOException e) {
        diagnostics.add(
            Diagnostic.error(
                new SourceRef(rel, 1, 1),
                "cannot read the file: " + dev.sanctl.spi.diag.IoErrors.describe(e),
                "check its permissions"));
      }
    }
    return select(files, ignored);
  }

  /**
   * The configuration files among {@code yaml}, in path order; the others go to {@code ignored}.
   */
  private static List<SourceFile> select(List<SourceFile> yaml, List<String> ignored) {
    List<SourceFile> files = new ArrayList<>();
    for (SourceFile f : yaml) {
      String why = ConfigFileRule.whyNotConfiguration(f.text());
      if (why == null) files.add(f);
      else ignored.add(f.path() + " (" + why + ")");
    }
    files.sort(Comparator.comparing(SourceFile::path));
    ignored.sort(Comparator.naturalOrder());
    return files;
  }

  /**
   * The full id of the commit {@code rev} names in the git repository holding {@code dir}, or null
   * when {@code dir} is in no repository or {@code rev} names no commit there.
   */
  public static String commitId(Path dir, String rev) {
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().findGitDir(dir.toAbsolutePath().normalize().toFile());
    if (builder.getGitDir() == null) return null;
    try (Repository repo = builder.setMustExist(true).build()) {
      ObjectId id = repo.resolve(rev + "^{commit}");
      return id == null ? null : id.getName();
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /**
   * The YAML files under {@code dir} in the tree of git revision {@code rev} of the repository that
   * contains {@code dir}.
   *
   * @return the resolved commit id, or null when the revision cannot be read (diagnostics added)
   */
  public static String fromRevision(
      Path dir, String rev, List<SourceFile> out, List<Diagnostic> diagnostics) {
    return fromRevision(dir, rev, out, diagnostics, new ArrayList<>());
  }

  /**
   * As {@link #fromRevision(Path, String, List, List)}; adds the YAML files that are not
   * configuration to {@code ignored}.
   */
  public static String fromRevision(
      Path dir,
      String rev,
      List<SourceFile> out,
      List<Diagnostic> diagnostics,
      List<String> ignored) {
    Path abs = dir.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(abs.toFile());
    if (builder.getGitDir() == null) {
      diagnostics.add(
          Diagnostic.error(
              SourceRef.NONE,
              abs + " is not inside a git repository",
              "run git init there, or leave out --rev"));
      return null;
    }
    try (Repository repo = builder.setMustExist(true).build()) {
      ObjectId id = repo.resolve(rev + "^{commit}");
      if (id == null) {
        diagnostics.add(
            Diagnostic.error(
                SourceRef.NONE,
                "git revision '" + rev + "' does not exist",
                "give a branch, tag or commit id"));
        return null;
      }
      String prefix = "";
      if (!repo.isBare()) {
        Path top = repo.getWorkTree().toPath().toAbsolutePath().normalize();
        if (abs.startsWith(top)) prefix = relative(top, abs);
      }
      try (RevWalk walk = new RevWalk(repo);
          TreeWalk tree = new TreeWalk(repo)) {
        RevCommit commit = walk.parseCommit(id);
        SanctlIgnore ignore = SanctlIgnore.of(ignoreFile(repo, commit, prefix));
        tree.addTree(commit.getTree());
        tree.setRecursive(false);
        List<SourceFile> files = new ArrayList<>();
        while (tree.next()) {
          String path = tree.getPathString();
          boolean inside = prefix.isEmpty() || path.startsWith(prefix + "/");
          boolean above = !prefix.isEmpty() && (prefix + "/").startsWith(path + "/");
          if (tree.isSubtree()) {
            String rel = inside ? path.substring(prefix.isEmpty() ? 0 : prefix.length() + 1) : "";
            boolean hidden =
                inside
                    && !rel.isEmpty()
                    && (isHidden(rel.substring(rel.lastIndexOf('/') + 1))
                        || ignore.ignores(rel, true));
            if ((inside && !hidden) || above) tree.enterSubtree();
            continue;
          }
          if (!inside || !isYaml(tree.getNameString())) continue;
          if ((tree.getFileMode(0).getBits() & 0170000) == 0120000) continue;
          String rel = prefix.isEmpty() ? path : path.substring(prefix.length() + 1);
          if (ignore.ignores(rel, false)) continue;
          ObjectLoader loader = repo.open(tree.getObjectId(0));
          if (loader.getSize() > MAX_FILE_BYTES) {
            diagnostics.add(tooLarge(rel));
            continue;
          }
          decode(rel, loader.getBytes(), files, diagnostics);
        }
        out.addAll(select(files, ignored));
        return commit.getName();
      }
    } catch (IOException | RuntimeException e) {
      diagnostics.add(
          Diagnostic.error(
              SourceRef.NONE, "cannot read git revision '" + rev + "': " + e.getMessage(), null));
      return null;
    }
  }

  /** The bytes of {@code .sanctlignore} at {@code prefix} in a commit, or null. */
  private static byte[] ignoreFile(Repository repo, RevCommit commit, String prefix)
      throws IOException {
    String path = prefix.isEmpty() ? SanctlIgnore.FILE : prefix + "/" + SanctlIgnore.FILE;
    try (TreeWalk one = TreeWalk.forPath(repo, path, commit.getTree())) {
      return one == null ? null : repo.open(one.getObjectId(0)).getBytes();
    }
  }

  private static void decode(
      String rel, byte[] bytes, List<SourceFile> files, List<Diagnostic> diagnostics) {
    try {
      String text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(ByteBuffer.wrap(bytes))
              .toString();
      files.add(new SourceFile(rel, text));
    } catch (CharacterCodingException e) {
      diagnostics.add(
          Diagnostic.error(
              new SourceRef(rel, 1, 1), "the file is not UTF-8 text", "save it as UTF-8"));
    }
  }

  private static Diagnostic tooLarge(String rel) {
    return Diagnostic.error(
        new SourceRef(rel, 1, 1), "the file is larger than 8 MiB", "split it into smaller files");
  }

  private static String relative(Path base, Path p) {
    return base.relativize(p).toString().replace('\\', '/');
  }

  static boolean isHidden(String name) {
    return name.startsWith(".");
  }

  static boolean isYaml(String name) {
    String n = name;
    return (n.endsWith(".yaml") || n.endsWith(".yml")) && !name.startsWith(".");
  }
}
