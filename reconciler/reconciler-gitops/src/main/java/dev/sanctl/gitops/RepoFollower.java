package dev.sanctl.gitops;

import dev.sanctl.core.config.ConfigLoader;
import dev.sanctl.core.config.LoadResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;

/**
 * Follows one branch of a config repository: fetches it into a bare cache {@code
 * <state-dir>/repo.git} (never a working-tree checkout) and lists the commits that are new since
 * the last one seen, oldest first, along the branch's first-parent history (the merge commits of
 * merged pull requests). Configurations are read from the trees of those commits.
 */
public final class RepoFollower {
  public static final String CACHE = "repo.git";
  private final String url;
  private final String branch;
  private final Path cache;

  /**
   * @param url a path, {@code file://}, {@code ssh://} or {@code https://} URL of the repository
   */
  public RepoFollower(String url, String branch, Path stateDir) {
    this.url = url;
    this.branch = branch;
    this.cache = stateDir.resolve(CACHE);
  }

  public Path cache() {
    return cache;
  }

  /** Fetches the branch; returns its head commit. */
  public String fetch() throws IOException {
    try (Git git = open()) {
      String tracking = "refs/remotes/origin/" + branch;
      git.fetch()
          .setRemote(remoteUrl())
          .setRefSpecs(new RefSpec("+refs/heads/" + branch + ":" + tracking))
          .setRemoveDeletedRefs(false)
          .call();
      ObjectId head = git.getRepository().resolve(tracking + "^{commit}");
      if (head == null) {
        throw new IOException("branch '" + branch + "' does not exist in " + url);
      }
      return head.getName();
    } catch (GitAPIException | RuntimeException e) {
      throw new IOException(
          "cannot fetch branch '" + branch + "' from " + url + ": " + e.getMessage(), e);
    }
  }

  private String remoteUrl() {
    if (url.contains("://") || url.matches("^[^/]+@[^:]+:.*")) return url;
    return Path.of(url).toAbsolutePath().normalize().toUri().toString();
  }

  private Git open() throws IOException {
    if (!Files.isDirectory(cache.resolve("objects"))) {
      try {
        dev.sanctl.core.apply.StateDirectory.ensure(cache.getParent());
        Files.createDirectories(cache);
        Git.init().setBare(true).setGitDir(cache.toFile()).setInitialBranch(branch).call().close();
      } catch (GitAPIException e) {
        throw new IOException(
            "cannot create the repository cache " + cache + ": " + e.getMessage(), e);
      }
    }
    Repository repo =
        new FileRepositoryBuilder().setGitDir(cache.toFile()).setMustExist(true).build();
    return new Git(repo, true);
  }

  /**
   * The commits after {@code lastSeen} up to {@code head}, oldest first, first parents only. On a
   * first run ({@code lastSeen} null) and after a history rewrite that dropped {@code lastSeen},
   * only {@code head}.
   */
  public List<String> newCommits(String lastSeen, String head) throws IOException {
    if (head.equals(lastSeen)) return List.of();
    try (Git git = open();
        RevWalk walk = new RevWalk(git.getRepository())) {
      Repository repo = git.getRepository();
      RevCommit headCommit = walk.parseCommit(ObjectId.fromString(head));
      if (lastSeen == null || !repo.getObjectDatabase().has(ObjectId.fromString(lastSeen))) {
        return List.of(head);
      }
      RevCommit seen = walk.parseCommit(ObjectId.fromString(lastSeen));
      if (!walk.isMergedInto(seen, headCommit)) return List.of(head);
      walk.reset();
      walk.setFirstParent(true);
      walk.markStart(walk.parseCommit(headCommit));
      walk.markUninteresting(walk.parseCommit(seen));
      List<String> out = new ArrayList<>();
      for (RevCommit c : walk) out.add(c.getName());
      Collections.reverse(out);
      return out;
    }
  }

  /** The configuration in the tree of {@code commit}. */
  public LoadResult load(String commit) {
    return ConfigLoader.loadRevision(cache, commit);
  }

  /** The first line of a commit message, for reports. */
  public String title(String commit) {
    try (Git git = open();
        RevWalk walk = new RevWalk(git.getRepository())) {
      return walk.parseCommit(ObjectId.fromString(commit)).getShortMessage();
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }
}
