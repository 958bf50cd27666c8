package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.approvaltests.Approvals;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidateCommandTest {
  private static final Path CORPUS = InvalidConfigCorpusTest.CORPUS;
  private static final Path QUICKSTART =
      Path.of("../../examples/quickstart").toAbsolutePath().normalize();

  @Test
  void validConfigExitsZeroWithSummary() {
    CliRun run = CliRun.of("-C", QUICKSTART.toString(), "validate");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertEquals("valid: 2 nodes, 2 volume groups, 4 volumes, 4 targets\n", run.out());
  }

  @Test
  void jsonFormatListsDiagnosticsWithPositions() {
    CliRun run =
        CliRun.of(
            "validate", "-C", CORPUS.resolve("12-unknown-key-typo").toString(), "--format", "json");
    assertEquals(ExitCodes.ERROR, run.exitCode());
    Approvals.verify(run.out());
  }

  @Test
  void jsonFormatOfAValidConfig() {
    CliRun run = CliRun.of("validate", "-C", QUICKSTART.toString(), "--format", "json");
    assertEquals(ExitCodes.OK, run.exitCode());
    assertEquals(
        "{\n  \"diagnostics\": [],\n  \"formatVersion\": \"1\",\n  \"valid\": true\n}\n",
        run.out());
  }

  @Test
  void unknownFormatIsAUsageError() {
    CliRun run = CliRun.of("validate", "--format", "xml");
    assertEquals(ExitCodes.USAGE, run.exitCode());
    assertTrue(run.err().contains("--format"), run.err());
  }

  @Test
  void missingDirectoryIsAnErrorWithoutStackTrace(@TempDir Path tmp) {
    CliRun run = CliRun.of("validate", "-C", tmp.resolve("nope").toString());
    assertEquals(ExitCodes.ERROR, run.exitCode());
    assertTrue(run.out().contains("does not exist"), run.out());
    assertTrue(!run.out().contains("Exception") && run.err().isEmpty(), run.out() + run.err());
  }

  @Test
  void revisionIsReadFromGitNotFromTheWorkingTree(@TempDir Path repo) throws Exception {
    Path cfg = repo.resolve("cfg");
    Files.createDirectories(cfg);
    for (String f : new String[] {"cluster.yaml", "lvm.yaml", "iscsi.yaml"}) {
      Files.copy(QUICKSTART.resolve(f), cfg.resolve(f));
    }
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      git.add().addFilepattern(".").call();
      PersonIdent who = new PersonIdent("t", "t@example.org");
      git.commit().setMessage("valid").setAuthor(who).setCommitter(who).call();
    }
    Files.writeString(cfg.resolve("lvm.yaml"), "volumeGroups: [broken\n");

    assertEquals(ExitCodes.ERROR, CliRun.of("validate", "-C", cfg.toString()).exitCode());
    CliRun atHead = CliRun.of("validate", "-C", cfg.toString(), "--rev", "HEAD");
    assertEquals(ExitCodes.OK, atHead.exitCode(), atHead.out());
    assertEquals("volumeGroups: [broken\n", Files.readString(cfg.resolve("lvm.yaml")));

    CliRun unknown = CliRun.of("validate", "-C", cfg.toString(), "--rev", "no-such-branch");
    assertEquals(ExitCodes.ERROR, unknown.exitCode());
    assertEquals(
        "git revision 'no-such-branch' does not exist (give a branch, tag or commit id)\n",
        unknown.out());
  }

  @Test
  void warningsAreListedAndTheConfigIsStillValid(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("c.yaml"),
        "cluster: {name: c, iqnPrefix: iqn.2024-01.org.example}\n"
            + "nodes:\n  t1: {address: 10.0.0.1, services: [tgt]}\n"
            + "portalGroups: {pg: {portals: {t1: [10.0.0.1]}}}\n");
    CliRun run = CliRun.of("validate", "-C", dir.toString());
    assertEquals(ExitCodes.OK, run.exitCode());
    List<String> lines = run.out().lines().toList();
    assertEquals(2, lines.size(), run.out());
    assertTrue(lines.get(0).startsWith("c.yaml:3:3: warning: node 't1' serves targets with tgt"));
    assertEquals("valid: 1 node", lines.get(1));
  }
}
