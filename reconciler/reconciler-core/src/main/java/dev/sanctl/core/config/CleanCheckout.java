package dev.sanctl.core.config;

import dev.sanctl.spi.diag.Diagnostic;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;

/**
 * The git revision a working tree's configuration is exactly: when the configuration files read
 * from the directory are byte for byte those of the {@code HEAD} commit (same paths, same text, no
 * more, no fewer), plans, journals and {@code last-apply.json} record that commit instead of
 * "working tree". Files that are not configuration (secrets, {@code known_hosts}, a saved plan) do
 * not matter.
 */
final class CleanCheckout {
  private CleanCheckout() {}

  /** The commit id of {@code HEAD} when {@code files} are its configuration, else null. */
  static String revision(Path dir, List<SourceFile> files) {
    try {
      if (new FileRepositoryBuilder().findGitDir(dir.toAbsolutePath().toFile()).getGitDir()
          == null) {
        return null;
      }
      List<SourceFile> committed = new ArrayList<>();
      List<Diagnostic> diagnostics = new ArrayList<>();
      String commit = ConfigFiles.fromRevision(dir, "HEAD", committed, diagnostics);
      return commit != null && diagnostics.isEmpty() && committed.equals(files) ? commit : null;
    } catch (RuntimeException e) {
      return null; // an unreadable repository: the working tree is what was read
    }
  }
}
