package dev.sanctl.snaprotate;

import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.SnapshotSchedule;
import dev.sanctl.spi.zfs.ZfsCommands;
import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Creates a managed snapshot (2.13): {@code zfs snapshot -o <ns>:snap_time=<UTC ISO> -o
 * <ns>:snaprotate_rule=<first rule> <V>@<yyyy-MM-dd_HH.mm.ss>}, the name built from the UTC
 * instant, with a {@code -2}, {@code -3}, ... suffix when the name is taken.
 */
public final class SnapshotCreator {
  private static final DateTimeFormatter NAME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd_HH.mm.ss").withZone(ZoneOffset.UTC);
  private static final int MAX_SUFFIX = 20;

  private final Host host;
  private final String ns;

  public SnapshotCreator(Host host, String namespace) {
    this.host = host;
    this.ns = ZfsNames.requireNamespace(namespace);
  }

  /** The snapshot name for instant {@code t}: {@code yyyy-MM-dd_HH.mm.ss} in UTC. */
  public static String nameFor(Instant t) {
    return NAME.format(t);
  }

  /** The argv creating {@code volume@name} at {@code t} for {@code schedule}. */
  public List<String> argv(String volume, String name, Instant t, SnapshotSchedule schedule) {
    return command(volume, name, t, schedule).argv();
  }

  private Command command(String volume, String name, Instant t, SnapshotSchedule schedule) {
    Map<String, String> props = new LinkedHashMap<>();
    props.put(ns + ":snap_time", t.truncatedTo(ChronoUnit.SECONDS).toString());
    props.put(ns + ":snaprotate_rule", schedule.rules().get(0).name());
    return ZfsCommands.snapshot(volume + "@" + name, props);
  }

  /**
   * Creates the snapshot of {@code volume} at {@code t}; returns its name (after {@code @}).
   *
   * @throws IOException when the node cannot be reached or zfs refuses (message from stderr)
   */
  public String create(String volume, Instant t, SnapshotSchedule schedule) throws IOException {
    ZfsNames.requireDataset(volume);
    String base = nameFor(t);
    for (int i = 1; i <= MAX_SUFFIX; i++) {
      String name = i == 1 ? base : base + "-" + i;
      CommandResult r = host.run(command(volume, name, t, schedule));
      if (r.ok()) return name;
      if (!r.err().contains("dataset already exists")) {
        throw new IOException(
            "cannot snapshot "
                + volume
                + ": "
                + ZfsCli.firstLine(r.err(), "exit " + r.exitStatus()));
      }
    }
    throw new IOException(
        "cannot snapshot " + volume + ": names " + base + "-2.." + MAX_SUFFIX + " taken");
  }
}
