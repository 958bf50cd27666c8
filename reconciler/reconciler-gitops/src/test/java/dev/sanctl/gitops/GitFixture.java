package dev.sanctl.gitops;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.PersonIdent;

/**
 * A bare repository created with jgit in a temporary directory (what the daemon follows) and a
 * second clone that admins push commits from.
 */
public final class GitFixture implements AutoCloseable {
  public final Path bare;
  public final Path work;
  private final Git git;

  public GitFixture(Path tmp) throws IOException, GitAPIException {
    bare = tmp.resolve("origin.git");
    work = tmp.resolve("admin-clone");
    Git.init().setBare(true).setDirectory(bare.toFile()).setInitialBranch("main").call().close();
    git = Git.cloneRepository().setURI(bare.toUri().toString()).setDirectory(work.toFile()).call();
  }

  /** Writes files (name, text, ...) in the clone, commits, pushes to main; returns the commit. */
  public String push(String message, String... nameAndText) throws IOException, GitAPIException {
    for (int i = 0; i < nameAndText.length; i += 2) {
      Path f = work.resolve(nameAndText[i]);
      Files.createDirectories(f.getParent());
      Files.writeString(f, nameAndText[i + 1]);
      git.add().addFilepattern(nameAndText[i]).call();
    }
    PersonIdent who = new PersonIdent("Admin", "admin@example.org");
    String id = git.commit().setMessage(message).setAuthor(who).setCommitter(who).call().getName();
    git.push().setRemote("origin").add("HEAD:refs/heads/main").call();
    return id;
  }

  @Override
  public void close() {
    git.close();
  }
}
