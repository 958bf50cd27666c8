package dev.sanctl.snaprotate;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.zfs.ZfsCommands;
import dev.sanctl.spi.zfs.ZfsOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The zfs commands rotation needs, built by the {@link ZfsCommands} client, run on a {@link Host}.
 * Read commands are {@link Command#read}; destroy, set and snapshot are {@link Command#change}.
 */
public final class ZfsCli {
  private static final int GET_BATCH = 100;

  private final Host host;
  private final String ns;

  public ZfsCli(Host host, String namespace) {
    this.host = host;
    this.ns = ZfsNames.requireNamespace(namespace);
  }

  public Host host() {
    return host;
  }

  /** A zfs command failed; the message carries its stderr. */
  public static final class ZfsException extends Exception {
    private static final long serialVersionUID = 1L;

    public ZfsException(String message) {
      super(message);
    }
  }

  /** Reads the capabilities from {@code zfs -?}. */
  public ZfsCapabilities capabilities() throws IOException {
    CommandResult r = host.run(ZfsCommands.usage());
    return ZfsCapabilities.fromUsage(r.out() + "\n" + r.err());
  }

  /** Lists the snapshots of {@code volume} in createtxg order (2.3 step 1). */
  public List<Snapshot> list(String volume, ZfsCapabilities caps) throws IOException, ZfsException {
    ZfsNames.requireDataset(volume);
    if (caps.parseableList()) {
      CommandResult r = host.run(ListingParser.listCommand(ns, volume));
      if (!r.ok()) throw new ZfsException(firstLine(r.err(), "zfs list failed"));
      try {
        return ListingParser.parse(r.out(), volume).snapshots();
      } catch (ListingParser.ListingException e) {
        throw new ZfsException(
            "unexpected zfs list output, line " + e.line() + ": " + e.getMessage());
      }
    }
    return listLegacy(volume);
  }

  private List<Snapshot> listLegacy(String volume) throws IOException, ZfsException {
    CommandResult names =
        host.run(
            ZfsCommands.list(false, "snapshot", 1, "createtxg", "name", false, List.of(volume)));
    if (!names.ok()) throw new ZfsException(firstLine(names.err(), "zfs list failed"));
    List<String> full = new ArrayList<>();
    for (String l : names.out().split("\n")) if (!l.isEmpty()) full.add(l);
    Map<String, List<String>> clones = clonesByOrigin(volume);
    String props =
        "guid,createtxg,creation,userrefs,defer_destroy,"
            + ns
            + ":snap_time,"
            + ns
            + ":snaprotate_rule";
    Map<String, Map<String, String>> values = get(props, full);
    List<Snapshot> out = new ArrayList<>();
    for (String f : full) {
      Map<String, String> v = values.get(f);
      if (v == null) continue;
      String name = f.substring(f.indexOf('@') + 1);
      out.add(
          new Snapshot(
              name,
              unset(v.get("guid")),
              parseLong(v.get("createtxg"), 0),
              unset(v.get("creation")) == null ? null : parseLong(v.get("creation"), 0),
              (int) parseLong(v.get("userrefs"), 0),
              String.join(",", clones.getOrDefault(f, List.of())),
              "on".equals(v.get("defer_destroy")),
              unset(v.get(ns + ":snap_time")),
              unset(v.get(ns + ":snaprotate_rule"))));
    }
    return out;
  }

  /** The live identity and guards of a snapshot, for re-verification (2.9 step 5). */
  public record LiveSnapshot(String guid, int userrefs, String clones, boolean deferDestroy) {}

  /**
   * Re-reads guid, userrefs, clones and defer_destroy of {@code names}; names missing from the
   * answer are absent (gone).
   */
  public Map<String, LiveSnapshot> verify(String volume, List<String> names, ZfsCapabilities caps)
      throws IOException {
    List<String> full = names.stream().map(n -> volume + "@" + n).toList();
    String props =
        caps.parseableList() ? "guid,userrefs,clones,defer_destroy" : "guid,userrefs,defer_destroy";
    Map<String, Map<String, String>> values = get(props, full);
    Map<String, List<String>> legacyClones =
        caps.parseableList() ? Map.of() : clonesByOrigin(volume);
    Map<String, LiveSnapshot> out = new HashMap<>();
    for (String n : names) {
      Map<String, String> v = values.get(volume + "@" + n);
      if (v == null || v.get("guid") == null) continue;
      String clones =
          caps.parseableList()
              ? nullToEmpty(unset(v.get("clones")))
              : String.join(",", legacyClones.getOrDefault(volume + "@" + n, List.of()));
      out.put(
          n,
          new LiveSnapshot(
              v.get("guid"),
              (int) parseLong(v.get("userrefs"), 0),
              clones,
              "on".equals(v.get("defer_destroy"))));
    }
    return out;
  }

  /** {@code zfs get -H -p -o name,property,value <props> <datasets>}, in batches. */
  private Map<String, Map<String, String>> get(String props, List<String> datasets)
      throws IOException {
    Map<String, Map<String, String>> out = new LinkedHashMap<>();
    for (int i = 0; i < datasets.size(); i += GET_BATCH) {
      List<String> batch = datasets.subList(i, Math.min(datasets.size(), i + GET_BATCH));
      CommandResult r = host.run(ZfsCommands.get("name,property,value", props, batch));
      ZfsOutput.properties(r.out())
          .forEach((k, v) -> out.computeIfAbsent(k, x -> new HashMap<>()).putAll(v));
    }
    return out;
  }

  /** Clones by origin snapshot, from {@code origin} of every dataset in the volume's pool. */
  private Map<String, List<String>> clonesByOrigin(String volume) throws IOException {
    String pool = volume.contains("/") ? volume.substring(0, volume.indexOf('/')) : volume;
    CommandResult r =
        host.run(
            ZfsCommands.list(
                false, "filesystem,volume", null, null, "name,origin", true, List.of(pool)));
    Map<String, List<String>> out = new HashMap<>();
    for (String[] f : ZfsOutput.rows(r.out())) {
      if (f.length == 2 && unset(f[1]) != null) {
        out.computeIfAbsent(f[1], k -> new ArrayList<>()).add(f[0]);
      }
    }
    return out;
  }

  /** {@code zfs destroy <V>@a,b,c}: exactly this argv, no flags. */
  public CommandResult destroy(String volume, List<String> names) throws IOException {
    return host.run(DestroyBatches.command(volume, names));
  }

  /** {@code zfs set <ns>:snaprotate_rule=<rule> V@a V@b ...}. */
  public CommandResult setRuleTag(String volume, String rule, List<String> names)
      throws IOException {
    List<String> snapshots = names.stream().map(n -> volume + "@" + n).toList();
    return host.run(ZfsCommands.set(ns + ":snaprotate_rule", rule, snapshots));
  }

  /** The user property namespace. */
  public String namespace() {
    return ns;
  }

  static String firstLine(String s, String fallback) {
    return ZfsOutput.firstLine(s, fallback);
  }

  private static String unset(String v) {
    return ZfsOutput.unset(v);
  }

  private static String nullToEmpty(String v) {
    return v == null ? "" : v;
  }

  private static long parseLong(String v, long dflt) {
    if (unset(v) == null) return dflt;
    try {
      return Long.parseLong(v);
    } catch (NumberFormatException e) {
      return dflt;
    }
  }
}
