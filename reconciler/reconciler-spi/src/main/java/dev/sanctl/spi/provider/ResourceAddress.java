package dev.sanctl.spi.provider;

import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.util.Objects;

/**
 * The name of one object a plan speaks about: {@code <node>/<provider>.<kind>/<name>} (e.g. {@code
 * node1/lvm.volume/vg_dsk_0/lv_a}). It is the key of a {@link Change} in plans, journals and
 * output, what {@link Change#dependsOn()} refers to, and where a {@link Finding} points.
 *
 * <p>Two parts may be left out, and are then left out of the rendered form too:
 *
 * <ul>
 *   <li>{@code node} is null for an object of the cluster rather than of one node (a volume group
 *       that may be held by any of its nodes, a pool, a target before it is placed): {@code
 *       zfs.pool/tank};
 *   <li>{@code name} is null for the one object of its kind on a node or in the cluster (a
 *       provider's values, a node's portal list): {@code node1/tgt.portal}.
 * </ul>
 *
 * <p>Build addresses only here, never by concatenating strings, so that every provider and the
 * engine render them alike. Addresses of objects that one provider owns and another provider's
 * changes depend on (volumes, ZFS datasets) have factories of their own ({@link #volume}, {@link
 * #zfsVolume}, {@link #zfsFilesystem}), so a provider names its dependency without knowing which
 * provider id owns it.
 *
 * @param node the node the object lives on, or null for a cluster-wide object; never contains
 *     {@code /}
 * @param provider the owning provider's {@link Provider#id() id}; never contains {@code .} or
 *     {@code /}
 * @param kind the object's kind within the provider ({@code volume}, {@code target}); never
 *     contains {@code /}
 * @param name the object's name within the kind (may contain {@code /}, e.g. {@code vg/lv}), or
 *     null when the kind has one object
 */
public record ResourceAddress(String node, String provider, String kind, String name) {

  /** Provider id of the volumes of a {@link VolumeGroup.Type#LVM} group. */
  private static final String LVM = "lvm";

  /** Provider id of the sparse files of a {@link VolumeGroup.Type#FILES} group. */
  private static final String FILES = "files";

  /** Provider id of the ZFS pools, datasets and volumes declared under {@code pools}. */
  private static final String ZFS = "zfs";

  public ResourceAddress {
    Objects.requireNonNull(provider, "provider");
    Objects.requireNonNull(kind, "kind");
    if (node != null && (node.isEmpty() || node.contains("/"))) {
      throw new IllegalArgumentException("node name '" + node + "' cannot be part of an address");
    }
    if (provider.isEmpty() || provider.contains(".") || provider.contains("/")) {
      throw new IllegalArgumentException("provider id '" + provider + "' cannot be in an address");
    }
    if (kind.isEmpty() || kind.contains("/")) {
      throw new IllegalArgumentException("kind '" + kind + "' cannot be part of an address");
    }
  }

  /** The object {@code name} of {@code provider.kind} on {@code node}. */
  public static ResourceAddress of(String node, String provider, String kind, String name) {
    return new ResourceAddress(node, provider, kind, name);
  }

  /** The cluster-wide object {@code name} of {@code provider.kind} (held by no one node). */
  public static ResourceAddress cluster(String provider, String kind, String name) {
    return new ResourceAddress(null, provider, kind, name);
  }

  /**
   * The volume {@code ref} on {@code node}, owned by the provider of its group's type: {@code
   * node1/lvm.volume/vg/lv} or {@code node1/files.volume/vg/lv}. A target provider's change that
   * needs the volume created or grown first depends on this address.
   */
  public static ResourceAddress volume(String node, VolumeGroup.Type type, VolumeRef ref) {
    return new ResourceAddress(node, volumeProvider(type), "volume", ref.toString());
  }

  /** The ZFS volume (zvol) {@code dataset} on {@code node}: {@code node1/zfs.volume/tank/v}. */
  public static ResourceAddress zfsVolume(String node, String dataset) {
    return new ResourceAddress(node, ZFS, "volume", dataset);
  }

  /** The ZFS filesystem {@code dataset} on {@code node}: {@code node1/zfs.filesystem/tank/fs}. */
  public static ResourceAddress zfsFilesystem(String node, String dataset) {
    return new ResourceAddress(node, ZFS, "filesystem", dataset);
  }

  /** The id of the provider that creates and grows the volumes of a group of {@code type}. */
  public static String volumeProvider(VolumeGroup.Type type) {
    return type == VolumeGroup.Type.FILES ? FILES : LVM;
  }

  /**
   * The ids of every provider that creates volumes (of any {@link VolumeGroup.Type}): what a target
   * provider's {@link Provider#dependsOn()} names.
   */
  public static java.util.Set<String> volumeProviders() {
    return java.util.Set.of(LVM, FILES);
  }

  /**
   * The id of the provider that creates ZFS datasets and volumes: what a provider that serves or
   * fills them names in {@link Provider#dependsOn()}.
   */
  public static String zfsProvider() {
    return ZFS;
  }

  /** Another object of the same provider and kind on the same node (or cluster-wide alike). */
  public ResourceAddress named(String otherName) {
    return new ResourceAddress(node, provider, kind, otherName);
  }

  /** The same object as seen on {@code otherNode}. */
  public ResourceAddress on(String otherNode) {
    return new ResourceAddress(otherNode, provider, kind, name);
  }

  /** {@code [<node>/]<provider>.<kind>[/<name>]}: how plans, journals and findings show it. */
  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    if (node != null) sb.append(node).append('/');
    sb.append(provider).append('.').append(kind);
    if (name != null) sb.append('/').append(name);
    return sb.toString();
  }
}
