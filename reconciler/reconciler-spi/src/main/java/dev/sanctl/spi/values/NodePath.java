package dev.sanctl.spi.values;

/**
 * An absolute path on a node ({@code volumeGroups.*.path}, {@code metaVolume.mountPoint}, the
 * device paths derived from them): an IET {@code Path=} parameter (split at {@code ,} and white
 * space), a tgt {@code <backing-store PATH>} line and {@code tgtadm --backing-store}, and the
 * directory of files sanctl writes.
 */
public final class NodePath extends ValueKind {
  public static final NodePath KIND = new NodePath();

  private NodePath() {
    super(
        "node path",
        "an absolute path of at most 1024 bytes: '/' and letters, digits, '.', '_', '+' and '-'",
        1024);
  }

  @Override
  protected boolean allowedAt(int c, int index) {
    return index == 0 ? c == '/' : asciiLetterOrDigit(c) || oneOf(c, "/._+-");
  }
}
