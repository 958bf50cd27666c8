package dev.sanctl.core.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.spi.diag.Diagnostic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigFilesTest {
  @Test
  void readsYamlRecursivelyInPathOrderSkippingHiddenDirectories(@TempDir Path dir)
      throws Exception {
    Files.createDirectories(dir.resolve("sub"));
    Files.createDirectories(dir.resolve(".git"));
    Files.writeString(dir.resolve("z.yml"), "nodes: {}\n");
    Files.writeString(dir.resolve("sub/a.yaml"), "apiVersion: sanctl/v1\n");
    Files.writeString(dir.resolve(".git/x.yaml"), "nodes: {}\n");
    Files.writeString(dir.resolve("notes.txt"), "d\n");
    List<Diagnostic> diags = new ArrayList<>();
    List<String> paths =
        ConfigFiles.fromDirectory(dir, diags).stream().map(SourceFile::path).toList();
    assertEquals(List.of("sub/a.yaml", "z.yml"), paths);
    assertTrue(diags.isEmpty());
  }

  @Test
  void aNestedGitRepositoryIsNotPartOfTheConfiguration(@TempDir Path dir) throws Exception {
    Files.writeString(dir.resolve("cluster.yaml"), "apiVersion: sanctl/v1\n");
    Path other = dir.resolve("someone-elses-site");
    Files.createDirectories(other.resolve(".git"));
    Files.writeString(other.resolve("cluster.yaml"), "apiVersion: sanctl/v1\n");
    Path submodule = dir.resolve("vendored");
    Files.createDirectories(submodule);
    Files.writeString(submodule.resolve(".git"), "gitdir: ../.git/modules/vendored\n");
    Files.writeString(submodule.resolve("lvm.yaml"), "apiVersion: sanctl/v1\n");
    List<Diagnostic> diags = new ArrayList<>();
    List<String> ignored = new ArrayList<>();
    List<String> paths =
        ConfigFiles.fromDirectory(dir, diags, ignored).stream().map(SourceFile::path).toList();
    assertEquals(List.of("cluster.yaml"), paths);
    assertEquals(
        List.of(
            "someone-elses-site/ (another git repository)", "vendored/ (another git repository)"),
        ignored);
    assertTrue(diags.isEmpty());
  }

  @Test
  void nonUtf8FileIsADiagnostic(@TempDir Path dir) throws Exception {
    Files.write(dir.resolve("bad.yaml"), new byte[] {(byte) 0xff, (byte) 0xfe, 'a'});
    List<Diagnostic> diags = new ArrayList<>();
    ConfigFiles.fromDirectory(dir, diags);
    assertEquals(
        "bad.yaml:1:1: the file is not UTF-8 text (save it as UTF-8)", diags.get(0).render());
  }

  @Test
  void revisionReadsTheCommittedTreeOfASubdirectory(@TempDir Path repo) throws Exception {
    Path cfg = repo.resolve("site/config");
    Files.createDirectories(cfg);
    Files.writeString(repo.resolve("outside.yaml"), "nodes: {}\n");
    Files.writeString(cfg.resolve("a.yaml"), "targets: []\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@example.org");
      git.commit().setMessage("c1").setAuthor(who).setCommitter(who).call();
    }
    Files.writeString(cfg.resolve("a.yaml"), "targets: [x]\n");
    Files.writeString(cfg.resolve("new.yaml"), "nodes: {}\n");
    List<SourceFile> files = new ArrayList<>();
    List<Diagnostic> diags = new ArrayList<>();
    String commit = ConfigFiles.fromRevision(cfg, "HEAD", files, diags);
    assertTrue(diags.isEmpty(), diags.toString());
    assertEquals(40, commit.length());
    assertEquals(List.of(new SourceFile("a.yaml", "targets: []\n")), files);
    assertEquals("targets: [x]\n", Files.readString(cfg.resolve("a.yaml")));
    assertEquals(commit, ConfigFiles.commitId(cfg, "HEAD"));
    assertEquals(commit, ConfigFiles.commitId(cfg, commit.substring(0, 10)));
    assertEquals(null, ConfigFiles.commitId(cfg, "no-such-branch"));
    assertEquals(null, ConfigFiles.commitId(repo.getParent(), "HEAD"), "not in a repository");
  }
}
