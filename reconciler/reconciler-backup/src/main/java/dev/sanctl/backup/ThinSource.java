package dev.sanctl.backup;

import dev.sanctl.ddless.Segments;
import dev.sanctl.spi.host.Command;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.BitSet;
import java.util.List;

/**
 * {@code changeMap: thin}: the difference between the thin snapshot kept from the previous backup
 * (the base, {@code <lv>_bkthin_<yyyyMMddHHmmss>}) and a new thin snapshot of the volume, from the
 * pool's metadata: {@code dmsetup message <vg>-<pool>-tpool 0 reserve_metadata_snap}, {@code
 * thin_delta --metadata-snap --snap1 <base id> --snap2 <new id> /dev/mapper/<vg>-<pool>_tmeta},
 * {@code release_metadata_snap} (always). Blocks that are not the same are read. A completed backup
 * removes the old base and keeps the new snapshot as the next base; a failed one removes the new
 * snapshot and leaves the state DIRTY. Without a base (first run), or in state UNKNOWN or DIRTY,
 * everything is read. The state and its log ({@link MapStateStore}) live in {@link
 * #stateDirectory}, apart from the ddmap's: target restarts, which make a ddmap DIRTY, do not
 * affect thin snapshots.
 */
final class ThinSource implements ChangeMapSource {
  static final String MARK = "_bkthin_";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMddHHmmss").withZone(ZoneOffset.UTC);

  private final Host host;
  private final VolumeGroup vg;
  private final VolumeRef ref;
  private final MapStateRun state;
  private final Clock clock;
  private ThinVolumes.Lv origin;
  private ThinVolumes.Lv base;
  private List<ThinVolumes.Lv> old = List.of();
  private ThinVolumes.Lv created;
  private boolean kept;

  ThinSource(Host host, VolumeGroup vg, VolumeRef ref, MapStateStore store, Clock clock) {
    this.host = host;
    this.vg = vg;
    this.ref = ref;
    this.state = new MapStateRun(store, clock);
    this.clock = clock;
  }

  /** The thin change map of {@code ref} on {@code host}, the node holding its group. */
  static ThinSource of(VolumeGroup vg, VolumeRef ref, Host host, Clock clock) {
    return new ThinSource(
        host, vg, ref, new MapStateStore(new HostFiles(host), stateDirectory(vg, ref.lv())), clock);
  }

  /** Where the state of {@code lv}'s thin change map is kept: {@code <ddmap directory>/thin}. */
  static String stateDirectory(VolumeGroup vg, String lv) {
    return MapStateStore.directory(vg, lv) + "/thin";
  }

  @Override
  public String snapshot(long originBytes) throws IOException {
    if (vg.type() != VolumeGroup.Type.LVM) {
      throw new IOException(ref + ": changeMap thin needs an LVM thin volume");
    }
    List<ThinVolumes.Lv> lvs = ThinVolumes.list(host, vg.name());
    origin =
        ThinVolumes.find(lvs, ref.lv())
            .orElseThrow(() -> new IOException(ref + " not found by lvs"));
    if (!origin.thin()) {
      throw new IOException(ref + " is not a thin volume (changeMap: thin); use ddmap or none");
    }
    old =
        lvs.stream()
            .filter(l -> l.name().startsWith(ref.lv() + MARK) && ref.lv().equals(l.origin()))
            .sorted((a, b) -> a.name().compareTo(b.name()))
            .toList();
    base = old.isEmpty() ? null : old.get(old.size() - 1);
    state.begin();
    String name = ref.lv() + MARK + STAMP.format(clock.instant());
    state.started("backup started, thin snapshot " + name);
    HostFiles.check(
        "lvcreate thin snapshot of " + ref,
        host.run(Command.change("lvcreate", "-s", "-K", "-n", name, ref.toString())));
    created =
        ThinVolumes.find(ThinVolumes.list(host, vg.name()), name)
            .filter(ThinVolumes.Lv::thin)
            .orElseThrow(() -> new IOException("thin snapshot " + name + " has no thin id"));
    return vg.devicePath(name);
  }

  @Override
  public BitSet select(long size) throws IOException {
    if (base == null || state.before().requiresFullRead()) return null;
    String tpool = ThinVolumes.dmName(vg.name(), origin.pool()) + "-tpool";
    String meta = "/dev/mapper/" + ThinVolumes.dmName(vg.name(), origin.pool() + "_tmeta");
    message(tpool, "reserve_metadata_snap");
    ThinDelta delta;
    try {
      CommandResult r =
          host.run(
              Command.read(
                  "thin_delta",
                  "--metadata-snap",
                  "--snap1",
                  base.thinId(),
                  "--snap2",
                  created.thinId(),
                  meta));
      HostFiles.check("thin_delta " + base.name() + " " + created.name(), r);
      delta = ThinDelta.parse(r.stdout(), "thin_delta");
    } catch (IOException | RuntimeException e) {
      try {
        message(tpool, "release_metadata_snap");
      } catch (IOException released) {
        e.addSuppressed(released);
      }
      throw e;
    }
    message(tpool, "release_metadata_snap");
    BitSet selected = delta.changedSegments(size);
    long known = Segments.count(Math.min(base.sizeBytes(), size));
    long segments = Segments.count(size);
    if (known < segments) selected.set((int) known, (int) segments);
    return selected;
  }

  private void message(String tpool, String message) throws IOException {
    HostFiles.check(
        "dmsetup message " + tpool + " 0 " + message,
        host.run(Command.change("dmsetup", "message", tpool, "0", message)));
  }

  @Override
  public String stateBefore() {
    return base == null ? MapState.UNKNOWN.name() : state.before().name();
  }

  @Override
  public String finalState() {
    return state.current();
  }

  @Override
  public String workDir() {
    return state.store().dir();
  }

  @Override
  public void succeeded(String archiveSnapshot) throws IOException {
    kept = true;
    for (ThinVolumes.Lv lv : old) {
      HostFiles.check(
          "lvremove " + lv.name(),
          host.run(Command.change("lvremove", "-f", vg.name() + "/" + lv.name())));
    }
    state.completed("backup completed " + archiveSnapshot + ", base " + created.name());
  }

  @Override
  public void failed(String reason) {
    state.failed(reason);
  }

  @Override
  public void cleanup() {
    if (created == null || kept) return;
    try {
      host.run(Command.change("lvremove", "-f", vg.name() + "/" + created.name()));
    } catch (IOException ignored) {
      // a leftover snapshot is never a base: the state is DIRTY and the next run reads everything
    }
  }
}
