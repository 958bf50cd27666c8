package dev.sanctl.core.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import org.eclipse.jgit.ignore.IgnoreNode;

/**
 * The {@code .sanctlignore} file at the top of a config repository: gitignore patterns (one per
 * line, {@code #} comments, {@code !} negation, a trailing {@code /} for directories, {@code **})
 * naming files and directories sanctl does not read. Matched with jgit's gitignore engine.
 */
public final class SanctlIgnore {
  /** The file name, at the top of the config directory. */
  public static final String FILE = ".sanctlignore";

  private final IgnoreNode node = new IgnoreNode();

  private SanctlIgnore(byte[] content) {
    try {
      node.parse(FILE, new ByteArrayInputStream(content));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rules from the bytes of a {@code .sanctlignore}; no rules for null. */
  public static SanctlIgnore of(byte[] content) {
    return new SanctlIgnore(content == null ? new byte[0] : content);
  }

  /** Whether {@code path} (relative to the config directory, {@code /}-separated) is ignored. */
  public boolean ignores(String path, boolean directory) {
    Boolean ignored = node.checkIgnored(path, directory);
    return ignored != null && ignored;
  }
}
