package dev.sanctl.backup;

import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.Target;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The target-service side of the change maps (ietd_ddmap.sh of seed 003 section 3.10.3), to run on
 * the node holding a volume group: {@link #shutdown} dumps every map of the group's targets to its
 * volume's directory and moves the states (ACTIVE to CLEAN); {@link #startup} moves them on target
 * start (CLEAN to ACTIVE, anything else to DIRTY: writes may have gone unrecorded). Backups merge
 * the stored dumps into the live map and remove them.
 */
public final class MapService {
  private final DesiredState desired;
  private final Clock clock;

  public MapService(DesiredState desired, Clock clock) {
    this.desired = desired;
    this.clock = clock;
  }

  /** Volumes of {@code vg} served by a target, with their ddmap proc entry names. */
  List<VolumeRef> mappedVolumes(String vg) {
    List<VolumeRef> refs = new ArrayList<>();
    for (Target t : desired.targets()) {
      for (Target.Lun l : t.luns()) {
        if (l.volume() != null && l.volume().vg().equals(vg)) refs.add(l.volume());
      }
    }
    return refs;
  }

  /** Dumps the maps and records the shutdown transition; returns one line per volume. */
  public List<String> shutdown(Host host, String vg) throws IOException {
    return transition(
        host,
        vg,
        (files, ref, store, before) -> {
          String proc =
              "/proc/net/iet/ddmap/" + SourceVolume.ddmapEntry(desired, ref).orElseThrow();
          Optional<byte[]> map = files.read(proc);
          if (map.isEmpty()) {
            store.set(before, MapState.DIRTY, "shutdown, no map", clock.instant());
            return MapState.DIRTY;
          }
          store.storeDump(map.get(), clock.instant());
          store.set(before, before.onShutdown(), "shutdown, map dumped", clock.instant());
          return before.onShutdown();
        });
  }

  /** Records the startup transition; returns one line per volume. */
  public List<String> startup(Host host, String vg) throws IOException {
    return transition(
        host,
        vg,
        (files, ref, store, before) -> {
          store.set(before, before.onStartup(), "startup", clock.instant());
          return before.onStartup();
        });
  }

  /** One service event for one volume: performs it and returns the new state. */
  private interface Event {
    MapState apply(HostFiles files, VolumeRef ref, MapStateStore store, MapState before)
        throws IOException;
  }

  private List<String> transition(Host host, String vg, Event event) throws IOException {
    VolumeGroup group = group(vg);
    HostFiles files = new HostFiles(host);
    List<String> lines = new ArrayList<>();
    for (VolumeRef ref : mappedVolumes(vg)) {
      MapStateStore store = new MapStateStore(files, MapStateStore.directory(group, ref.lv()));
      MapState before = store.state();
      MapState after = event.apply(files, ref, store, before);
      lines.add(ref + ": " + before.fileName() + " -> " + after.fileName());
    }
    return lines;
  }

  /** The state store of one volume on {@code host}. */
  public MapStateStore store(Host host, VolumeRef ref) {
    return new MapStateStore(
        new HostFiles(host), MapStateStore.directory(group(ref.vg()), ref.lv()));
  }

  private VolumeGroup group(String vg) {
    VolumeGroup g = desired.volumeGroups().get(vg);
    if (g == null) throw new IllegalArgumentException("volume group " + vg + " is not configured");
    return g;
  }
}
