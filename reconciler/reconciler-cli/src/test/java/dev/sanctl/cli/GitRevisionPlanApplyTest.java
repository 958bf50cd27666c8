package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.PersonIdent;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code plan}/{@code apply} record the git revision of a clean checkout, and {@code --rev REV}
 * plans and applies exactly that committed revision, whatever the working tree holds.
 */
class GitRevisionPlanApplyTest {
  private static final String VOLUMES = "      lv_web01_data: {size: 20G}\n";
  @TempDir Path tmp;
  CliRun c;
  Git git;
  String first;

  @BeforeEach
  void committedQuickstart() throws Exception {
    CliRun.assumeProviders();
    c = CliRun.quickstart(tmp);
    git = Git.init().setDirectory(c.config.toFile()).call();
    first = commit("quickstart");
  }

  @Test
  void aCleanCheckoutRecordsItsRevisionInThePlanJournalAndStatus() throws Exception {
    CliRun.Result json = c.cluster("plan", "--format", "json");
    assertEquals(ExitCodes.OK, json.exit(), json.toString());
    assertTrue(json.out().contains("\"revision\": \"" + first + "\""), json.out());
    CliRun.Result md = c.cluster("plan", "--format", "markdown");
    assertTrue(md.out().startsWith("### Plan for `" + first.substring(0, 7)), md.out());

    CliRun.Result apply = c.cluster("apply", "--auto-approve");
    assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
    String journal = Files.readString(c.stateDir.resolve("journal.jsonl"));
    assertTrue(journal.contains("\"revision\": \"" + first + "\""), journal);
    CliRun.Result status =
        CliRun.run("-C", c.config.toString(), "status", "--state-dir", c.stateDir.toString());
    assertTrue(status.out().contains("revision " + first), status.toString());
  }

  @Test
  void aModifiedWorkingTreeIsRecordedAsWorkingTree() throws Exception {
    addVolume("lv_uncommitted");
    CliRun.Result json = c.cluster("plan", "--format", "json");
    assertTrue(json.out().contains("\"revision\": null"), json.out());
  }

  @Test
  void revPlansAndAppliesExactlyTheCommittedRevision() throws Exception {
    addVolume("lv_committed");
    String second = commit("add lv_committed");
    addVolume("lv_uncommitted");
    String workingTree = Files.readString(c.config.resolve("lvm.yaml"));

    CliRun.Result plan = c.cluster("plan", "--rev", second.substring(0, 10));
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
    assertTrue(plan.out().contains("lv_committed"), plan.out());
    assertFalse(plan.out().contains("lv_uncommitted"), plan.out());

    CliRun.Result apply = c.cluster("apply", "--rev", second, "--auto-approve");
    assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
    CliRun.Result status =
        CliRun.run("-C", c.config.toString(), "status", "--state-dir", c.stateDir.toString());
    assertTrue(status.out().contains("revision " + second), status.toString());

    CliRun.Result again = c.cluster("plan", "--rev", second, "--detailed-exitcode");
    assertEquals(ExitCodes.OK, again.exit(), "the revision is applied: " + again);
    CliRun.Result tree = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.CHANGES, tree.exit(), tree.toString());
    assertTrue(tree.out().contains("lv_uncommitted"), tree.out());
    assertEquals(workingTree, Files.readString(c.config.resolve("lvm.yaml")));
    assertEquals(1, git.status().call().getModified().size(), "working tree untouched");
  }

  @Test
  void aSavedPlanIsAppliedFromTheRevisionItWasMadeFrom() throws Exception {
    Path planFile = tmp.resolve("plan.json");
    CliRun.Result plan = c.cluster("plan", "--out", planFile.toString());
    assertEquals(ExitCodes.OK, plan.exit(), plan.toString());
    addVolume("lv_later");
    String second = commit("add lv_later after the plan was reviewed");

    CliRun.Result wrongRev =
        c.cluster("apply", "--plan", planFile.toString(), "--rev", second, "--auto-approve");
    assertEquals(ExitCodes.USAGE, wrongRev.exit(), wrongRev.toString());
    assertTrue(wrongRev.err().contains("is not the revision the saved plan was made from"));

    CliRun.Result apply = c.cluster("apply", "--plan", planFile.toString(), "--auto-approve");
    assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
    assertFalse(apply.out().contains("lv_later"), apply.out());
    String journal = Files.readString(c.stateDir.resolve("journal.jsonl"));
    assertTrue(journal.contains("\"revision\": \"" + first + "\""), journal);
    CliRun.Result now = c.cluster("plan", "--detailed-exitcode");
    assertEquals(ExitCodes.CHANGES, now.exit(), now.toString());
    assertTrue(now.out().contains("lv_later"), "the later commit is still to apply: " + now);
  }

  @Test
  void aSavedPlanFromACommitThisRepositoryLacksIsCheckedAgainstTheWorkingTree() throws Exception {
    Path planFile = tmp.resolve("plan.json");
    assertEquals(ExitCodes.OK, c.cluster("plan", "--out", planFile.toString()).exit());
    String json = Files.readString(planFile);
    Files.writeString(planFile, json.replace(first, "0123456789abcdef0123456789abcdef01234567"));

    CliRun.Result apply = c.cluster("apply", "--plan", planFile.toString(), "--auto-approve");
    assertEquals(ExitCodes.OK, apply.exit(), "same configuration in the working tree: " + apply);
  }

  @Test
  void anUnknownRevisionIsOneClearError() {
    CliRun.Result plan = c.cluster("plan", "--rev", "no-such-branch");
    assertEquals(ExitCodes.ERROR, plan.exit(), plan.toString());
    assertTrue(plan.err().contains("git revision 'no-such-branch' does not exist"), plan.err());
    assertFalse(plan.err().contains("Exception"), plan.err());
    assertEquals(
        "git revision 'no-such-branch' does not exist (give a branch, tag or commit id)",
        plan.err().strip(),
        "one message, not a second 'see above' line");
  }

  private void addVolume(String name) throws Exception {
    String lvm = Files.readString(c.config.resolve("lvm.yaml"));
    c.write("lvm.yaml", lvm.replace(VOLUMES, VOLUMES + "      " + name + ": {size: 1G}\n"));
  }

  private String commit(String message) throws Exception {
    git.add().addFilepattern(".").call();
    PersonIdent who = new PersonIdent("t", "t@example.org");
    return git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
  }
}
