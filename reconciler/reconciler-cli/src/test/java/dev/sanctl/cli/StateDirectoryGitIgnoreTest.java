package dev.sanctl.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sanctl.cli.support.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.Status;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The default state directory {@code <config>/.sanctl} is not committed by {@code git add -A}. */
class StateDirectoryGitIgnoreTest {
  @Test
  void gitAddAllAfterAnApplyLeavesTheStateDirectoryOut(@TempDir Path tmp) throws Exception {
    CliRun.assumeProviders();
    CliRun c = CliRun.quickstart(tmp);
    try (Git git = Git.init().setDirectory(c.config.toFile()).call()) {
      CliRun.Result apply =
          CliRun.run(
              "-C", c.config.toString(), "apply", "--sim", c.simDir.toString(), "--auto-approve");
      assertEquals(ExitCodes.OK, apply.exit(), apply.toString());
      assertTrue(Files.isRegularFile(c.config.resolve(".sanctl/last-apply.json")));

      git.add().addFilepattern(".").call(); // git add -A
      git.add().addFilepattern(".").setUpdate(true).call();
      Status status = git.status().call();

      Set<String> paths = new TreeSet<>(status.getAdded());
      paths.addAll(status.getUntracked());
      assertEquals(Set.of("cluster.yaml", "iscsi.yaml", "lvm.yaml"), paths);
      assertEquals("*", Files.readAllLines(c.config.resolve(".sanctl/.gitignore")).get(1));
    }
  }
}
