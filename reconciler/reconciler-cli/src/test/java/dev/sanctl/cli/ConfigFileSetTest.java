package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.testkit.CliRunner;
import dev.sanctl.testkit.CliRunner.Result;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which files of a config repository are configuration (docs/configuration.md "Which files are
 * read"): YAML files with {@code apiVersion: sanctl/v1} or sanctl sections; CI templates and other
 * YAML are not read; {@code .sanctlignore} excludes more; a directory without configuration is
 * refused with one message.
 */
class ConfigFileSetTest {
  private static final Path ROOT = Path.of("../..").toAbsolutePath().normalize();
  private static final Path QUICKSTART = ROOT.resolve("examples/quickstart");

  @Test
  void shippedCiTemplatesInTheConfigRepositoryDoNotBreakValidate(@TempDir Path tmp)
      throws IOException {
    Path repo = copyOf(QUICKSTART, tmp.resolve("site"));
    Files.createDirectories(repo.resolve("ci"));
    Files.copy(
        ROOT.resolve("ci/gitlab/sanctl-plan.gitlab-ci.yml"),
        repo.resolve("ci/sanctl-plan.gitlab-ci.yml"));
    Files.copy(ROOT.resolve("ci/github/sanctl-plan.yml"), repo.resolve("ci/sanctl-plan.yml"));

    Result run = CliRunner.run("-C", repo.toString(), "validate");

    assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
    assertTrue(run.out().startsWith("valid: 2 nodes"), run.toString());
    Result verbose = CliRunner.run("-C", repo.toString(), "-v", "validate");
    assertTrue(
        verbose.err().contains("not configuration, not read: ci/sanctl-plan.gitlab-ci.yml"),
        verbose.toString());
    assertTrue(
        verbose.err().contains("not configuration, not read: ci/sanctl-plan.yml"),
        verbose.toString());
  }

  @Test
  void aDirectoryWithoutConfigurationIsRefusedWithOneMessage(@TempDir Path tmp) throws IOException {
    Files.writeString(tmp.resolve("docker-compose.yml"), "services:\n  web: {image: nginx}\n");
    Files.createDirectories(tmp.resolve("k8s"));
    Files.writeString(
        tmp.resolve("k8s/pod.yaml"), "apiVersion: v1\nkind: Pod\nnodes: [a]\nmetadata: {}\n");

    Result run = CliRunner.run("-C", tmp.toString(), "validate");

    assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
    assertEquals(
        "not a sanctl configuration repository: no YAML file with apiVersion: sanctl/v1 (or a"
            + " sanctl section such as cluster, nodes, targets) below "
            + tmp
            + " (pass the config repository with -C DIR; other YAML files there are not read"
            + " (sanctl -v validate lists them))\n",
        run.out());
    Result plan = CliRunner.run("-C", tmp.toString(), "plan", "--sim", tmp.toString());
    assertEquals(ExitCodes.ERROR, plan.exitCode(), plan.toString());
    assertTrue(plan.err().contains("not a sanctl configuration repository"), plan.toString());
  }

  @Test
  void sanctlIgnoreExcludesFilesAndDirectories(@TempDir Path tmp) throws IOException {
    Path repo = copyOf(QUICKSTART, tmp.resolve("site"));
    Files.createDirectories(repo.resolve("drafts"));
    Files.copy(repo.resolve("lvm.yaml"), repo.resolve("drafts/lvm.yaml"));
    Files.copy(repo.resolve("lvm.yaml"), repo.resolve("lvm.old.yaml"));
    Result before = CliRunner.run("-C", repo.toString(), "validate");
    assertEquals(ExitCodes.ERROR, before.exitCode(), before.toString());

    Files.writeString(repo.resolve(".sanctlignore"), "# not yet\ndrafts/\n*.old.yaml\n");
    Result after = CliRunner.run("-C", repo.toString(), "validate");

    assertEquals(ExitCodes.OK, after.exitCode(), after.toString());
  }

  @Test
  void aMisspeltSectionAloneInAFileIsStillReadAndNamed(@TempDir Path tmp) throws IOException {
    Path repo = copyOf(QUICKSTART, tmp.resolve("site"));
    Files.writeString(repo.resolve("more.yaml"), "volumeGroup:\n  vg_x: {nodes: [san-a]}\n");

    Result run = CliRunner.run("-C", repo.toString(), "validate");

    assertEquals(ExitCodes.ERROR, run.exitCode(), run.toString());
    assertTrue(run.out().contains("did you mean 'volumeGroups'?"), run.toString());
  }

  @Test
  void aRevisionIsReadWithTheSameRules(@TempDir Path tmp) throws Exception {
    Path repo = copyOf(QUICKSTART, tmp.resolve("site"));
    Files.copy(ROOT.resolve("ci/github/sanctl-plan.yml"), repo.resolve("workflow.yml"));
    Files.createDirectories(repo.resolve("drafts"));
    Files.copy(repo.resolve("lvm.yaml"), repo.resolve("drafts/lvm.yaml"));
    Files.writeString(repo.resolve(".sanctlignore"), "drafts/\n");
    try (Git git = Git.init().setDirectory(repo.toFile()).call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@example.org");
      git.commit().setMessage("c1").setAuthor(who).setCommitter(who).call();
    }

    Result run = CliRunner.run("-C", repo.toString(), "validate", "--rev", "HEAD");

    assertEquals(ExitCodes.OK, run.exitCode(), run.toString());
    assertFalse(run.out().contains("workflow.yml"), run.toString());
  }

  static Path copyOf(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) Files.copy(f, to.resolve(f.getFileName()));
    }
    return to;
  }
}
