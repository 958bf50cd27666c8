package dev.sanctl.snaprotate;

import java.util.Objects;

/**
 * One snapshot of a volume as listed by {@code zfs list -H -p -t snapshot -d 1 -s createtxg -o
 * name,guid,createtxg,creation,userrefs,clones,defer_destroy,<ns>:snap_time,<ns>:snaprotate_rule}.
 *
 * @param name the part after {@code @}
 * @param guid the snapshot's guid as printed (identity across renames and reuse of names)
 * @param creation epoch seconds, null when unknown
 * @param clones comma-separated clone names, empty when none
 * @param snapTime the raw {@code <ns>:snap_time} value, null when unset
 * @param ruleTag the raw {@code <ns>:snaprotate_rule} value, null when unset
 */
public record Snapshot(
    String name,
    String guid,
    long createtxg,
    Long creation,
    int userrefs,
    String clones,
    boolean deferDestroy,
    String snapTime,
    String ruleTag) {
  public Snapshot {
    Objects.requireNonNull(name, "name");
    clones = clones == null ? "" : clones;
  }

  /** Whether the snapshot carries one of our properties (2.3 step 2). */
  public boolean managed() {
    return snapTime != null || ruleTag != null;
  }

  public boolean held() {
    return userrefs > 0;
  }

  public boolean hasClones() {
    return !clones.isEmpty();
  }
}
