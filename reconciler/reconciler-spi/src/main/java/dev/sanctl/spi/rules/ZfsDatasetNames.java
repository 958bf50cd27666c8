package dev.sanctl.spi.rules;

/**
 * ZFS dataset and snapshot names as OpenZFS checks them ({@code module/zcommon/zfs_namecheck.c},
 * {@code entity_namecheck}): shorter than {@code ZFS_MAX_DATASET_NAME_LEN} (256) including the
 * {@code @snapshot} part, no empty component, no component {@code .} ({@code NAME_ERR_SELF_REF}) or
 * {@code ..} ({@code NAME_ERR_PARENT_REF}), characters from {@code valid_char}: letters, digits,
 * {@code - _ . :} and space.
 */
public final class ZfsDatasetNames {
  /** ZFS_MAX_DATASET_NAME_LEN: a full name (with {@code @snapshot}) is shorter. */
  public static final int MAX_NAME_LEN = 256;

  /** The snapshots snaprotate and backups take: {@code @yyyy-MM-dd_HH.mm.ss}. */
  public static final int SNAPSHOT_SUFFIX_LEN = "@yyyy-MM-dd_HH.mm.ss".length();

  private ZfsDatasetNames() {}

  /** What is wrong with dataset name {@code name} for zfs, or null. */
  public static String invalid(String name) {
    if (name.length() >= MAX_NAME_LEN) return "it is longer than " + (MAX_NAME_LEN - 1);
    for (String component : name.split("/", -1)) {
      if (component.isEmpty()) return "it has an empty component";
      if (component.equals(".")) return "it has a component '.' (a self reference)";
      if (component.equals("..")) return "it has a component '..' (a parent reference)";
      for (char c : component.toCharArray()) {
        boolean ok =
            (c >= 'a' && c <= 'z')
                || (c >= 'A' && c <= 'Z')
                || (c >= '0' && c <= '9')
                || "-_.: ".indexOf(c) >= 0;
        if (!ok) return "it contains '" + c + "'";
      }
    }
    return null;
  }

  /** Whether the snapshots sanctl takes of {@code dataset} have names zfs accepts. */
  public static boolean snapshotsFit(String dataset) {
    return dataset.length() + SNAPSHOT_SUFFIX_LEN < MAX_NAME_LEN;
  }
}
