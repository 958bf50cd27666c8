package dev.sanctl.spi.model;

import java.util.List;
import java.util.Map;

/**
 * A ZFS pool, imported on one of {@code nodes}, with managed datasets and volumes and optionally
 * COMSTAR configuration through stmf-ha ({@code stmfHa}) or directly ({@code comstar}).
 */
public record Pool(
    String name,
    List<String> nodes,
    Map<String, Dataset> datasets,
    Map<String, Zvol> volumes,
    VolumeDefaults volumeDefaults,
    StmfHa stmfHa,
    Comstar comstar,
    SourceRef source) {

  /** A filesystem dataset and its properties. */
  public record Dataset(String name, Map<String, String> properties, SourceRef source) {}

  /** A ZFS volume; {@code blockSize} is null for the default. */
  public record Zvol(
      String name,
      long sizeBytes,
      boolean sparse,
      Long blockSize,
      Map<String, String> properties,
      String snapshotSchedule,
      ResourceState state,
      SourceRef source) {}

  /** Defaults for volumes created in this pool (e.g. backup archive volumes). */
  public record VolumeDefaults(
      Map<String, String> properties, String snapshotSchedule, boolean sparse, Long blockSize) {
    public static final VolumeDefaults NONE = new VolumeDefaults(Map.of(), null, false, null);
  }

  /**
   * stmf-ha pool configuration (rendered to {@code stmf-ha.conf}).
   *
   * @param logicalUnits null when omitted (every zvol of the pool)
   */
  public record StmfHa(
      Map<String, List<String>> targetPortalGroups,
      String defaultTpg,
      Map<String, StmfHaTarget> targets,
      List<String> logicalUnits,
      Map<String, List<String>> hostGroups,
      Map<String, List<String>> targetGroups,
      Map<String, StmfHaView> views,
      SourceRef source) {}

  /** A stmf-ha target; {@code type} defaults to {@code iscsi}. */
  public record StmfHaTarget(String name, String type, String tpg, SourceRef source) {}

  /** A stmf-ha view. */
  public record StmfHaView(
      String name, String hostGroup, String targetGroup, String luPrefix, SourceRef source) {}

  /** Direct COMSTAR management. */
  public record Comstar(
      List<ComstarLu> logicalUnits,
      Map<String, List<String>> hostGroups,
      Map<String, List<String>> targetGroups,
      Map<String, List<String>> tpgs,
      Map<String, ComstarTarget> targets,
      List<ComstarView> views,
      SourceRef source) {}

  /** A logical unit backed by a zvol, with a fixed GUID (identity) and serial. */
  public record ComstarLu(
      String zvol,
      String guid,
      String serial,
      String alias,
      ResourceState state,
      SourceRef source) {}

  /** An iSCSI target (itadm) with its TPGs. */
  public record ComstarTarget(
      String name, String iqn, List<String> tpgs, ResourceState state, SourceRef source) {}

  /** A view: LU (by zvol) to host group and target group at a LUN number. */
  public record ComstarView(
      String lu, String hostGroup, String targetGroup, int lun, SourceRef source) {}
}
