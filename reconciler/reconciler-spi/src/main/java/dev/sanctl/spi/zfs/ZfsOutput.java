package dev.sanctl.spi.zfs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reading what the {@link ZfsCommands} print: {@code -H} output (one row per line, TAB-separated
 * fields, {@code -} for an unset value) and the stderr messages sanctl acts on. The one place where
 * zfs output is parsed.
 */
public final class ZfsOutput {
  private ZfsOutput() {}

  /** The rows of {@code -H} output: each non-empty line split at every TAB. */
  public static List<String[]> rows(String out) {
    List<String[]> rows = new ArrayList<>();
    for (String line : out.split("\n")) {
      if (!line.isEmpty()) rows.add(line.split("\t", -1));
    }
    return rows;
  }

  /**
   * {@code zfs get -H -o name,property,value} output by dataset, then property, in output order;
   * lines without exactly three fields are skipped.
   */
  public static Map<String, Map<String, String>> properties(String out) {
    Map<String, Map<String, String>> values = new LinkedHashMap<>();
    for (String[] f : rows(out)) {
      if (f.length == 3) values.computeIfAbsent(f[0], k -> new LinkedHashMap<>()).put(f[1], f[2]);
    }
    return values;
  }

  /**
   * Snapshot names (after {@code @}) of {@code volumes} in {@code zfs list -t snapshot -o name}
   * output, in listing order; every volume has an entry, other datasets' snapshots are left out.
   */
  public static Map<String, List<String>> snapshotNames(String out, Collection<String> volumes) {
    Map<String, List<String>> names = new LinkedHashMap<>();
    volumes.forEach(v -> names.put(v, new ArrayList<>()));
    for (String line : out.split("\n")) {
      int at = line.indexOf('@');
      List<String> of = at <= 0 ? null : names.get(line.substring(0, at));
      if (of != null) of.add(line.substring(at + 1));
    }
    return names;
  }

  /** Null for an unset value ({@code -} or empty), else the value. */
  public static String unset(String value) {
    return value == null || value.equals("-") || value.isEmpty() ? null : value;
  }

  /** Whether stderr says a named dataset does not exist. */
  public static boolean missingDataset(String err) {
    return err.contains("dataset does not exist");
  }

  /** Whether stderr says the dataset to create exists already. */
  public static boolean datasetExists(String err) {
    return err.contains("dataset already exists");
  }

  /** The first line of stderr, or {@code fallback} when it is empty. */
  public static String firstLine(String err, String fallback) {
    String t = err.strip();
    if (t.isEmpty()) return fallback;
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl);
  }

  /** The block device of a zvol or zvol snapshot on a node of {@code os}. */
  public static String devicePath(String os, String dataset) {
    return ("illumos".equals(os) ? "/dev/zvol/rdsk/" : "/dev/zvol/") + dataset;
  }

  /** The user property naming a volume's snapshot schedule: {@code <ns>:snaprotate_schedule}. */
  public static String scheduleProperty(String namespace) {
    return namespace + ":snaprotate_schedule";
  }
}
