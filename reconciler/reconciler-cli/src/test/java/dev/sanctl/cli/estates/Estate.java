package dev.sanctl.cli.estates;

import java.util.ArrayList;
import java.util.List;

/**
 * A generated storage estate and its YAML: an IET HA pair (l1, l2) with an HA LVM group with a meta
 * volume, a single-node LVM group and a files group; optionally a tgt node (t1) with a single-node
 * group; optionally an illumos HA pair (z1, z2) with a stmf-ha pool, a single-node pool with direct
 * COMSTAR, snapshot schedules, an archive host (arch) with backups of the HA group's volumes, and
 * cron blocks. Mutable only through {@link #grow}, {@link #add} and {@link #forget} (the operations
 * of a scenario).
 */
final class Estate {
  /** An LVM or files volume, with its target when {@code target} is set. */
  record Vol(String name, int sizeMib, Target target) {
    Vol grown(int byMib) {
      return new Vol(name, sizeMib + byMib, target);
    }
  }

  /**
   * A target: {@code initiators} 0 a group, 1 a literal IQN, 2 both, 3 none; optional CHAP, offline
   * state, per-target io and options.
   */
  record Target(
      int initiators, boolean chap, boolean offline, String io, boolean options, String serial) {}

  /** A zvol of a pool; {@code scheduled} attaches the snapshot schedule. */
  record Zvol(String name, int sizeMib, boolean sparse, boolean scheduled) {}

  final List<Vol> ha;
  final List<Vol> single;
  final List<Vol> files;
  final List<Vol> tgt;
  final List<Zvol> haZvols;
  final List<Zvol> directZvols;
  final boolean targetDefaults;
  final boolean backups;
  final boolean cron;
  final String edge;

  Estate(
      List<Vol> ha,
      List<Vol> single,
      List<Vol> files,
      List<Vol> tgt,
      List<Zvol> haZvols,
      List<Zvol> directZvols,
      boolean targetDefaults,
      boolean backups,
      boolean cron,
      String edge) {
    this.ha = new ArrayList<>(ha);
    this.single = new ArrayList<>(single);
    this.files = new ArrayList<>(files);
    this.tgt = new ArrayList<>(tgt);
    this.haZvols = new ArrayList<>(haZvols);
    this.directZvols = new ArrayList<>(directZvols);
    this.targetDefaults = targetDefaults;
    this.backups = backups;
    this.cron = cron;
    this.edge = edge;
  }

  boolean zfs() {
    return !haZvols.isEmpty() || !directZvols.isEmpty() || backups;
  }

  /** The groups that can fail over (LVM groups with a meta volume). */
  static final String HA_GROUP = "vg_ha";

  static final String HA_POOL = "tank";

  /** Names of LVM volumes of the HA group and their group, for drift operations. */
  List<String[]> lvmVolumes() {
    List<String[]> out = new ArrayList<>();
    for (Vol v : ha) out.add(new String[] {groupName("ha"), v.name()});
    for (Vol v : single) out.add(new String[] {groupName("one"), v.name()});
    return out;
  }

  /** The derived IQNs of the online targets IET serves (HA, single-node and files groups). */
  java.util.Set<String> onlineIetIqns() {
    java.util.Set<String> out = new java.util.HashSet<>();
    for (int k = 0; k < 3; k++) {
      for (Vol v : lists().get(k)) {
        if (v.target() == null || v.target().offline()) continue;
        String vg = groupName(KINDS.get(k));
        out.add(
            ("iqn.2026-12.dev.sanctl:estate.pg_lin." + vg + "." + v.name())
                .toLowerCase(java.util.Locale.ROOT)
                .replace('_', '-'));
      }
    }
    return out;
  }

  String groupName(String kind) {
    return switch (kind) {
      case "ha" -> HA_GROUP;
      case "one" -> "vg_one" + edge;
      case "files" -> "vg_files";
      case "tgt" -> "vg_tgt";
      default -> throw new IllegalArgumentException(kind);
    };
  }

  /** Every volume list with its group kind, in a fixed order. */
  List<List<Vol>> lists() {
    return List.of(ha, single, files, tgt);
  }

  static final List<String> KINDS = List.of("ha", "one", "files", "tgt");

  /** Grows the {@code i}-th volume (modulo) by {@code mib}. */
  void grow(int i, int mib) {
    List<Vol> all = all();
    if (all.isEmpty()) return;
    Vol v = all.get(Math.floorMod(i, all.size()));
    for (List<Vol> l : lists()) {
      int at = l.indexOf(v);
      if (at >= 0) l.set(at, v.grown(mib));
    }
  }

  /** Adds a new volume with a target to group kind {@code i} (modulo). */
  void add(int i, int serialNo) {
    List<Vol> l = lists().get(Math.floorMod(i, lists().size()));
    if (l == tgt && !hasTgt()) l = ha;
    l.add(
        new Vol(
            "lv_new" + serialNo,
            8,
            new Target(0, false, false, null, false, String.format("NEW-%04d", serialNo))));
  }

  /**
   * Removes the {@code i}-th volume (modulo) from the desired state (not {@code state: absent}): it
   * becomes unmanaged and must never be destroyed. Its target goes with it (and is then an
   * unmanaged target too); volumes that back up go nowhere.
   */
  String[] forget(int i) {
    List<Vol> all = all();
    if (all.isEmpty()) return null;
    Vol v = all.get(Math.floorMod(i, all.size()));
    for (int k = 0; k < lists().size(); k++) {
      if (lists().get(k).remove(v)) return new String[] {groupName(KINDS.get(k)), v.name()};
    }
    return null;
  }

  List<Vol> all() {
    List<Vol> out = new ArrayList<>();
    lists().forEach(out::addAll);
    return out;
  }

  boolean hasTgt() {
    return !tgt.isEmpty();
  }

  // ---- YAML ----

  /** The config files as shown in reports: secret files under /etc/sanctl/estate. */
  List<String[]> files() {
    return files("/etc/sanctl/estate");
  }

  /**
   * The config files: name and text; {@code secretsDir} is the absolute directory (one of the
   * machine's secrets directories) the secret files of {@link #secrets} are written to.
   */
  List<String[]> files(String secretsDir) {
    List<String[]> out = new ArrayList<>();
    out.add(new String[] {"cluster.yaml", cluster()});
    out.add(new String[] {"lvm.yaml", lvm()});
    out.add(new String[] {"iscsi.yaml", iscsi(secretsDir)});
    if (zfs()) out.add(new String[] {"zfs.yaml", zfsYaml()});
    if (cron) out.add(new String[] {"cron.yaml", cronYaml()});
    return out;
  }

  private String cluster() {
    StringBuilder sb = new StringBuilder();
    sb.append("apiVersion: sanctl/v1\n");
    sb.append("cluster: {name: estate, iqnPrefix: iqn.2026-12.dev.sanctl:estate,")
        .append(" propertyNamespace: dev.sanctl}\n");
    sb.append("nodes:\n");
    String cronSvc = cron ? ", cron" : "";
    sb.append("  l1: {address: 192.0.2.1, os: linux, services: [lvm, files, iet")
        .append(cronSvc)
        .append("]}\n");
    sb.append("  l2: {address: 192.0.2.2, os: linux, services: [lvm, iet]}\n");
    if (hasTgt()) sb.append("  t1: {address: 192.0.2.5, os: linux, services: [lvm, tgt]}\n");
    if (!haZvols.isEmpty() || !directZvols.isEmpty()) {
      sb.append("  z1: {address: 192.0.2.21, os: illumos, services: [zfs, comstar")
          .append(cronSvc)
          .append("]}\n");
      sb.append("  z2: {address: 192.0.2.22, os: illumos, services: [zfs, comstar]}\n");
    }
    // a direct COMSTAR pool has a head of its own: its explicit view LUNs and the LUNs stmf-ha
    // picks for a pool imported on the same head collide (see EstatesRegressionTest)
    if (!directZvols.isEmpty()) {
      sb.append("  z3: {address: 192.0.2.23, os: illumos, services: [zfs, comstar]}\n");
    }
    if (backups) {
      sb.append("  arch: {address: 192.0.2.30, os: illumos, services: [zfs, backup")
          .append(cronSvc)
          .append("]}\n");
    }
    return sb.toString();
  }

  private String lvm() {
    StringBuilder sb = new StringBuilder("volumeGroups:\n");
    sb.append("  ").append(HA_GROUP).append(":\n    nodes: [l1, l2]\n");
    sb.append("    metaVolume: {name: lv_meta, size: 8M, mountPoint: /mnt/iscsi-target/vg_ha}\n");
    volumes(sb, ha);
    sb.append("  ").append(groupName("one")).append(":\n    nodes: [l1]\n");
    volumes(sb, single);
    sb.append("  vg_files:\n    type: files\n    path: /srv/sanctl/vg_files\n    nodes: [l1]\n");
    volumes(sb, files);
    if (hasTgt()) {
      sb.append("  vg_tgt:\n    nodes: [t1]\n");
      volumes(sb, tgt);
    }
    return sb.toString();
  }

  private static void volumes(StringBuilder sb, List<Vol> vols) {
    if (vols.isEmpty()) {
      sb.append("    volumes: {}\n");
      return;
    }
    sb.append("    volumes:\n");
    for (Vol v : vols) {
      sb.append("      \"")
          .append(v.name())
          .append("\": {size: ")
          .append(v.sizeMib())
          .append("M}\n");
    }
  }

  private String iscsi(String secretsDir) {
    StringBuilder sb = new StringBuilder();
    sb.append("portalGroups:\n  pg_lin:\n    port: 3260\n");
    sb.append("    portals: {l1: [10.0.0.1], l2: [10.0.0.2]}\n");
    if (hasTgt()) sb.append("  pg_tgt:\n    portals: {t1: [10.0.1.5]}\n");
    sb.append("initiatorGroups:\n");
    sb.append("  ig_a: [iqn.1994-05.com.redhat:a1, iqn.1998-01.com.vmware:esx-01]\n");
    sb.append("  ig.b-2: [iqn.1994-05.com.redhat:b1]\n");
    if (targetDefaults) {
      sb.append("targetDefaults:\n  io: blockio\n");
      sb.append("  options: {InitialR2T: \"No\", ImmediateData: \"Yes\",")
          .append(" MaxRecvDataSegmentLength: 262144}\n");
    }
    StringBuilder targets = new StringBuilder();
    for (int k = 0; k < lists().size(); k++) {
      String vg = groupName(KINDS.get(k));
      String pg = KINDS.get(k).equals("tgt") ? "pg_tgt" : "pg_lin";
      for (Vol v : lists().get(k)) {
        Target t = v.target();
        if (t == null) continue;
        targets.append("  - volume: \"").append(vg).append('/').append(v.name()).append("\"\n");
        targets.append("    serial: \"").append(t.serial()).append("\"\n");
        targets.append("    portalGroup: ").append(pg).append('\n');
        targets.append("    initiators: ").append(initiators(t.initiators())).append('\n');
        if (t.offline()) targets.append("    state: offline\n");
        if (t.io() != null) targets.append("    io: ").append(t.io()).append('\n');
        if (t.options()) {
          targets.append("    options: {InitialR2T: \"Yes\", MaxBurstLength: 131072}\n");
        }
        if (t.chap()) {
          targets
              .append("    chap:\n      incoming: [{user: u-")
              .append(t.serial().toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]", ""))
              .append(", secretFile: \"")
              .append(secretsDir)
              .append('/')
              .append(secretName(t))
              .append("\"}]\n");
        }
      }
    }
    if (targets.length() > 0) sb.append("targets:\n").append(targets);
    return sb.toString();
  }

  /** The secret files the config refers to: name (under secrets/) and a 12-16 char secret. */
  List<String[]> secrets() {
    List<String[]> out = new ArrayList<>();
    for (Vol v : all()) {
      if (v.target() != null && v.target().chap()) {
        String s = v.target().serial().replaceAll("[^A-Za-z0-9]", "");
        out.add(
            new String[] {secretName(v.target()), ("Secret" + s + "xxxxxxxx").substring(0, 14)});
      }
    }
    return out;
  }

  private static String secretName(Target t) {
    return t.serial().replaceAll("[^A-Za-z0-9]", "_") + ".chap";
  }

  private static String initiators(int choice) {
    return switch (choice) {
      case 0 -> "[ig_a]";
      case 1 -> "[iqn.2001-04.com.example:host-1]";
      case 2 -> "[ig.b-2, iqn.2001-04.com.example:host-2]";
      default -> "[]";
    };
  }

  private String zfsYaml() {
    StringBuilder sb = new StringBuilder();
    boolean scheduled =
        haZvols.stream().anyMatch(Zvol::scheduled)
            || directZvols.stream().anyMatch(Zvol::scheduled);
    sb.append("pools:\n");
    if (!haZvols.isEmpty()) {
      sb.append("  ").append(HA_POOL).append(":\n    nodes: [z1, z2]\n");
      sb.append("    datasets:\n      \"tank/vm\": {properties: {compression: \"on\"}}\n");
      zvols(sb, "tank/vm/", haZvols);
      sb.append("    stmfHa:\n      targetPortalGroups: {tpg01: [10.30.1.1]}\n");
      sb.append("      defaultTpg: tpg01\n      targets: {target01: {}}\n");
    }
    if (!directZvols.isEmpty()) {
      sb.append("  solo:\n    nodes: [z3]\n");
      zvols(sb, "solo/", directZvols);
      sb.append("    comstar:\n      logicalUnits:\n");
      for (int i = 0; i < directZvols.size(); i++) {
        sb.append("        - {zvol: \"solo/")
            .append(directZvols.get(i).name())
            .append("\", guid: ")
            .append(String.format("600144F0%024X", i + 1))
            .append("}\n");
      }
      sb.append("      tpgs: {tpg_solo: [10.30.2.1]}\n");
      sb.append(
          "      targets: {t_solo: {iqn: \"iqn.2026-12.dev.sanctl:solo\", tpgs: [tpg_solo]}}\n");
      sb.append("      views:\n");
      for (int i = 0; i < directZvols.size(); i++) {
        sb.append("        - {lu: \"solo/")
            .append(directZvols.get(i).name())
            .append("\", lun: ")
            .append(i)
            .append("}\n");
      }
    }
    if (backups) {
      sb.append("  apool:\n    nodes: [arch]\n");
      sb.append("    volumeDefaults: {sparse: true, properties: {compression: \"on\"}}\n");
    }
    if (scheduled) {
      sb.append("snapshotSchedules:\n  SNAP_DAILY:\n    zone: America/New_York\n");
      sb.append("    rules:\n      - {name: DAILY_7, freq: daily, n: 7}\n");
      sb.append("      - {name: WEEKLY_4, freq: weekly, n: 4}\n");
    }
    if (backups && !ha.isEmpty()) {
      sb.append("backups:\n  defaults: {archive: arch, pool: apool, workers: 2}\n  jobs:\n");
      for (Vol v : ha) {
        sb.append("    - source: \"").append(HA_GROUP).append('/').append(v.name()).append("\"\n");
      }
    }
    return sb.toString();
  }

  private static void zvols(StringBuilder sb, String prefix, List<Zvol> zvols) {
    sb.append("    volumes:\n");
    for (Zvol z : zvols) {
      sb.append("      \"")
          .append(prefix)
          .append(z.name())
          .append("\": {size: ")
          .append(z.sizeMib())
          .append("M");
      if (z.sparse()) sb.append(", sparse: true");
      if (z.scheduled()) sb.append(", snapshotSchedule: SNAP_DAILY");
      sb.append("}\n");
    }
  }

  private String cronYaml() {
    StringBuilder sb = new StringBuilder("cron:\n");
    sb.append("  l1:\n    - {schedule: \"*/15 * * * *\", command: \"sanctl drift --notify\",")
        .append(" comment: drift check}\n");
    if (!haZvols.isEmpty() || !directZvols.isEmpty()) {
      sb.append("  z1:\n    - {schedule: \"0 22 * * mon-fri\", command: \"sanctl snaprotate run")
          .append(" --all\"}\n");
    }
    if (backups) {
      sb.append(
          "  arch:\n    - {schedule: \"15 */12 * * *\", command: \"sanctl backup run --all\"}\n");
    }
    return sb.toString();
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder();
    for (String[] f : files()) sb.append("# ").append(f[0]).append('\n').append(f[1]);
    return sb.toString();
  }
}
