package dev.sanctl.spi.rules;

import dev.sanctl.spi.provider.Impact;
import java.math.BigInteger;
import java.util.Optional;
import java.util.Set;

/**
 * What sanctl lets a user declare under a dataset's or zvol's {@code properties:}, and how a change
 * of a declared property is classified. The one place for ZFS property rules: validation refuses
 * with {@link #refusal}, the zfs planner classifies with {@link #impact} and {@link #isSetOnce}.
 *
 * <p>The lists follow OpenZFS {@code module/zcommon/zfs_prop.c} ({@code zfs_prop_init}): {@code
 * PROP_READONLY} properties cannot be set; {@code PROP_ONETIME} ones only when the dataset is
 * created ({@code volblocksize}, {@code normalization}, {@code casesensitivity}, {@code utf8only},
 * {@code encryption}, {@code keyformat}, {@code pbkdf2iters}); {@code quota}, {@code refquota},
 * {@code mountpoint}, {@code canmount}, {@code recordsize} ... are registered for {@code
 * ZFS_TYPE_FILESYSTEM} only and {@code volsize}, {@code volblocksize} for {@code ZFS_TYPE_VOLUME}
 * only.
 */
public final class ZfsProperties {
  /** Why a declared property is refused: the message and how to fix it. */
  public record Refusal(String message, String hint) {}

  /** {@code PROP_READONLY} in zfs_prop.c: zfs set answers "read-only property". */
  static final Set<String> READ_ONLY =
      Set.of(
          "available",
          "avail",
          "clones",
          "compressratio",
          "createtxg",
          "creation",
          "defer_destroy",
          "encryptionroot",
          "filesystem_count",
          "guid",
          "keystatus",
          "logicalreferenced",
          "logicalused",
          "mounted",
          "name",
          "objsetid",
          "origin",
          "receive_resume_token",
          "redact_snaps",
          "refcompressratio",
          "referenced",
          "refer",
          "snapshot_count",
          "type",
          "used",
          "usedbychildren",
          "usedbydataset",
          "usedbyrefreservation",
          "usedbysnapshots",
          "userrefs",
          "written");

  /** Prefixes of read-only per-user accounting properties (zfs_userquota_prop_prefixes). */
  private static final Set<String> READ_ONLY_PREFIXES =
      Set.of(
          "userused@",
          "groupused@",
          "userobjused@",
          "groupobjused@",
          "projectused@",
          "projectobjused@",
          "written@",
          "written#");

  /** Encryption: keys must be loaded when the dataset is created; sanctl handles no ZFS keys. */
  static final Set<String> ENCRYPTION =
      Set.of("encryption", "keyformat", "keylocation", "pbkdf2iters");

  /** {@code PROP_ONETIME} filesystem properties: fixed when the dataset is created. */
  static final Set<String> SET_ONCE = Set.of("normalization", "casesensitivity", "utf8only");

  /** Registered for ZFS_TYPE_FILESYSTEM (and snapshots) only: zfs set refuses them on a volume. */
  static final Set<String> FILESYSTEM_ONLY =
      Set.of(
          "aclinherit",
          "aclmode",
          "acltype",
          "atime",
          "canmount",
          "casesensitivity",
          "devices",
          "dnodesize",
          "exec",
          "filesystem_limit",
          "mountpoint",
          "nbmand",
          "normalization",
          "overlay",
          "quota",
          "recordsize",
          "refquota",
          "relatime",
          "setuid",
          "sharenfs",
          "sharesmb",
          "snapdir",
          "special_small_blocks",
          "utf8only",
          "version",
          "vscan",
          "xattr",
          "zoned");

  /** Limits: a smaller value (none is unlimited) leaves writers less room. */
  static final Set<String> LIMITS = Set.of("quota", "refquota");

  /** Guarantees: a smaller value (none is 0) gives up space the dataset was sure to get. */
  static final Set<String> GUARANTEES = Set.of("reservation", "refreservation");

  /** Changes what clients see: where (whether) a filesystem is mounted, shared or writable. */
  static final Set<String> VISIBILITY =
      Set.of("mountpoint", "canmount", "readonly", "volmode", "sharenfs", "sharesmb", "zoned");

  private ZfsProperties() {}

  /** The user property sanctl writes for a volume's {@code snapshotSchedule}. */
  public static String scheduleProperty(String namespace) {
    return namespace + ":snaprotate_schedule";
  }

  /**
   * Why {@code property} cannot be declared under {@code properties:} of a zvol ({@code volume}
   * true, also the pool's {@code volumeDefaults}) or a filesystem dataset, or empty when it can.
   *
   * @param scheduleProperty the user property sanctl writes for {@code snapshotSchedule}
   */
  public static Optional<Refusal> refusal(
      String property, boolean volume, String scheduleProperty) {
    String what = volume ? "volume" : "filesystem";
    if (property.equals("volsize")) {
      return refuse(
          "volsize is the size of a volume; under properties it would be set as written (a"
              + " smaller value shrinks the volume and loses the data past the new end)",
          volume ? "use size: (grown, never shrunk)" : "remove it: filesystems have no volsize");
    }
    if (property.equals("volblocksize")) {
      return refuse(
          "volblocksize is fixed when a volume is created",
          volume ? "use blockSize:" : "remove it: filesystems have no volblocksize");
    }
    if (property.equals(scheduleProperty)) {
      return refuse(
          property + " is the property sanctl writes for snapshotSchedule",
          "use snapshotSchedule:");
    }
    if (READ_ONLY.contains(property)
        || READ_ONLY_PREFIXES.stream().anyMatch(property::startsWith)) {
      return refuse("'" + property + "' is a read-only ZFS property", "remove it");
    }
    if (ENCRYPTION.contains(property)) {
      return refuse(
          "'"
              + property
              + "' needs an encryption key when the dataset is created; sanctl"
              + " handles no ZFS keys",
          "create an encrypted parent filesystem by hand (its children inherit encryption)");
    }
    if (volume && FILESYSTEM_ONLY.contains(property)) {
      return refuse(
          "'" + property + "' does not apply to volumes (zfs set refuses it)",
          property.equals("quota") || property.equals("refquota")
              ? "a volume's size is its limit: use size:"
              : "remove it");
    }
    return Optional.empty();
  }

  private static Optional<Refusal> refuse(String message, String hint) {
    return Optional.of(new Refusal(message, hint));
  }

  /** Whether {@code property} can only be given when the dataset is created. */
  public static boolean isSetOnce(String property) {
    return SET_ONCE.contains(property) || property.equals("volblocksize");
  }

  /**
   * Who feels changing {@code property} from {@code have} to {@code want}, both as {@code zfs get
   * -p} prints them (sizes as byte counts, {@code none} as 0): less space (a lower quota, a smaller
   * reservation) or a changed mount, share or write mode is {@link Impact#DISRUPTIVE}; a value that
   * cannot be compared as a size counts as less space.
   */
  public static Impact impact(String property, String have, String want) {
    if (have.equals(want)) return Impact.NONE;
    if (VISIBILITY.contains(property)) return Impact.DISRUPTIVE;
    boolean limit = LIMITS.contains(property);
    if (!limit && !GUARANTEES.contains(property)) return Impact.NONE;
    BigInteger before = bytes(have, limit);
    BigInteger after = bytes(want, limit);
    if (before == null || after == null) return Impact.DISRUPTIVE;
    return after.compareTo(before) < 0 ? Impact.DISRUPTIVE : Impact.NONE;
  }

  /** A size in bytes; for a limit, 0, none and unset ("-") mean unlimited. */
  private static BigInteger bytes(String v, boolean limit) {
    boolean none = v.equals("-") || v.equals("none") || v.equals("0");
    if (none) return limit ? BigInteger.TWO.pow(64) : BigInteger.ZERO;
    if (!v.chars().allMatch(Character::isDigit) || v.isEmpty()) return null;
    return new BigInteger(v);
  }
}
