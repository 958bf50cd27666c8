package dev.sanctl.cli.support;

import java.io.IOException;
import java.nio.file.Path;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import picocli.CommandLine.Option;

/**
 * {@code --rev REV} of {@code plan} and {@code apply}: use the configuration of one committed git
 * revision (read from git in memory, as {@code watch} does; the working tree is neither read nor
 * touched), so a human can plan and apply exactly the revision {@code status} says is pending.
 */
public class RevisionOption {
  @Option(
      names = "--rev",
      paramLabel = "REV",
      description =
          "Use the configuration of this committed git revision (branch, tag, commit id) of the"
              + " config repository instead of the working tree.")
  public String rev;

  /**
   * True when {@code rev} names commit {@code commitId} in the git repository holding {@code
   * configDir}; false when it names another commit or cannot be resolved.
   */
  public static boolean sameCommit(Path configDir, String rev, String commitId) {
    FileRepositoryBuilder builder =
        new FileRepositoryBuilder().findGitDir(configDir.toAbsolutePath().toFile());
    if (builder.getGitDir() == null) return false;
    try (Repository repo = builder.setMustExist(true).build()) {
      ObjectId a = repo.resolve(rev + "^{commit}");
      ObjectId b = repo.resolve(commitId + "^{commit}");
      return a != null && a.equals(b);
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }
}
