package dev.sanctl.spi.zfs;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.values.ZfsPropertyValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Every {@code zfs} command sanctl runs, as argument vectors: the one place where zfs argv is built
 * (the zfs and backup providers, backup runs and snapshot rotation all call it). Property values
 * are checked against {@link ZfsPropertyValue} before they reach an argument; dataset names are
 * checked by the callers' rules ({@code spi.rules.ZfsDatasetNames}). Reads are {@link
 * Command#read}, everything else {@link Command#change}. Output is parsed by {@link ZfsOutput}.
 */
public final class ZfsCommands {
  /** The executable. */
  public static final String ZFS = "zfs";

  private ZfsCommands() {}

  /**
   * {@code zfs create -V <bytes> [-s] [-b <blockSize>] [-o <k>=<v>]... <volume>}, properties in the
   * map's order.
   *
   * @param blockSize null for the pool's default
   */
  public static Command createVolume(
      String volume, long sizeBytes, boolean sparse, Long blockSize, Map<String, String> props) {
    List<String> argv = new ArrayList<>(List.of(ZFS, "create", "-V", Long.toString(sizeBytes)));
    if (sparse) argv.add("-s");
    if (blockSize != null) argv.addAll(List.of("-b", Long.toString(blockSize)));
    addProperties(argv, volume, props);
    argv.add(volume);
    return change(argv);
  }

  /**
   * {@code zfs create [-p] [-o <k>=<v>]... <filesystem>}, properties in the map's order; {@code -p}
   * creates missing parents (and succeeds when the filesystem exists).
   */
  public static Command createFilesystem(
      String filesystem, boolean parents, Map<String, String> props) {
    List<String> argv = new ArrayList<>(List.of(ZFS, "create"));
    if (parents) argv.add("-p");
    addProperties(argv, filesystem, props);
    argv.add(filesystem);
    return change(argv);
  }

  /** {@code zfs set <property>=<value> <dataset>...}. */
  public static Command set(String property, String value, List<String> datasets) {
    List<String> argv = new ArrayList<>(List.of(ZFS, "set", assignment(datasets, property, value)));
    argv.addAll(datasets);
    return change(argv);
  }

  /** {@code zfs set <property>=<value> <dataset>}. */
  public static Command set(String property, String value, String dataset) {
    return set(property, value, List.of(dataset));
  }

  /** {@code zfs inherit <property> <dataset>}: the property's local value removed. */
  public static Command inherit(String property, String dataset) {
    return Command.change(ZFS, "inherit", property, dataset);
  }

  /** {@code zfs destroy <target>} (a dataset, or {@code <volume>@a,b,c}), no flags. */
  public static Command destroy(String target) {
    return Command.change(ZFS, "destroy", target);
  }

  /** {@code zfs snapshot [-o <k>=<v>]... <volume>@<name>}, properties in the map's order. */
  public static Command snapshot(String snapshot, Map<String, String> props) {
    List<String> argv = new ArrayList<>(List.of(ZFS, "snapshot"));
    addProperties(argv, snapshot, props);
    argv.add(snapshot);
    return change(argv);
  }

  /**
   * {@code zfs get -H -p -o <fields> <properties> <dataset>...}: exact numbers, no header,
   * TAB-separated ({@code -p} exists in every dialect, unlike {@code zfs list -p}).
   *
   * @param fields e.g. {@code name,property,value} or {@code value}
   * @param properties comma-separated
   */
  public static Command get(String fields, String properties, List<String> datasets) {
    List<String> argv = new ArrayList<>(List.of(ZFS, "get", "-H", "-p", "-o", fields, properties));
    argv.addAll(datasets);
    return read(argv);
  }

  /** {@code zfs get -H -o <fields> <properties> <dataset>...}: values as zfs shows them. */
  public static Command getShown(String fields, String properties, List<String> datasets) {
    List<String> argv = new ArrayList<>(List.of(ZFS, "get", "-H", "-o", fields, properties));
    argv.addAll(datasets);
    return read(argv);
  }

  /**
   * {@code zfs list -H [-p] -t <types> [-d <depth>] [-s <sort>] -o <fields> [-r] <dataset>...}.
   *
   * @param parsable {@code -p} (exact numbers; OpenZFS and illumos only, not the legacy dialect)
   * @param depth {@code -d}, or null
   * @param sort {@code -s} property, or null
   * @param recursive {@code -r}
   */
  public static Command list(
      boolean parsable,
      String types,
      Integer depth,
      String sort,
      String fields,
      boolean recursive,
      List<String> datasets) {
    List<String> argv = new ArrayList<>(List.of(ZFS, "list", "-H"));
    if (parsable) argv.add("-p");
    argv.addAll(List.of("-t", types));
    if (depth != null) argv.addAll(List.of("-d", depth.toString()));
    if (sort != null) argv.addAll(List.of("-s", sort));
    argv.addAll(List.of("-o", fields));
    if (recursive) argv.add("-r");
    argv.addAll(datasets);
    return read(argv);
  }

  /** {@code zfs -?}: the usage text, whose options tell the dialect. */
  public static Command usage() {
    return Command.read(ZFS, "-?");
  }

  /** {@code zpool list -H -o <fields>}. */
  public static Command poolList(String fields) {
    return Command.read("zpool", "list", "-H", "-o", fields);
  }

  private static void addProperties(List<String> argv, String dataset, Map<String, String> props) {
    props.forEach((k, v) -> argv.addAll(List.of("-o", assignment(List.of(dataset), k, v))));
  }

  private static String assignment(List<String> datasets, String property, String value) {
    String where = datasets.size() == 1 ? datasets.get(0) + " " + property : property;
    return property + "=" + ZfsPropertyValue.KIND.require(value, where);
  }

  private static Command read(List<String> argv) {
    return new Command(argv, null, null, false, null);
  }

  private static Command change(List<String> argv) {
    return new Command(argv, null, null, true, null);
  }
}
