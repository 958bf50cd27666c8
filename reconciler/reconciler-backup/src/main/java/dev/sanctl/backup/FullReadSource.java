package dev.sanctl.backup;

import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.util.BitSet;

/**
 * No change map ({@code changeMap: none}, or a {@code ddmap} job whose volume no target serves):
 * the backup snapshot ({@code <lv>_bksnap}, removed after the run) is read whole; the archive's
 * checksums still decide which segments are written. The map state is {@code NONE} throughout.
 */
final class FullReadSource implements ChangeMapSource {
  private static final String NONE = "NONE";
  private final Host host;
  private final VolumeGroup vg;
  private final VolumeRef ref;
  private boolean snapshotTaken;

  FullReadSource(Host host, VolumeGroup vg, VolumeRef ref) {
    this.host = host;
    this.vg = vg;
    this.ref = ref;
  }

  @Override
  public String snapshot(long originBytes) throws IOException {
    String device = SourceVolume.snapshot(host, vg, ref, originBytes);
    snapshotTaken = true;
    return device;
  }

  @Override
  public BitSet select(long size) {
    return null;
  }

  @Override
  public String stateBefore() {
    return NONE;
  }

  @Override
  public String finalState() {
    return NONE;
  }

  /** Never asked: without a selection no map file is written. */
  @Override
  public String workDir() {
    throw new IllegalStateException(ref + " has no change map");
  }

  @Override
  public void succeeded(String archiveSnapshot) {}

  @Override
  public void failed(String reason) {}

  @Override
  public void cleanup() {
    if (!snapshotTaken) return;
    try {
      SourceVolume.removeSnapshot(host, vg, ref);
    } catch (IOException ignored) {
      // a leftover snapshot is visible in lvs and removed by the next run's lvcreate failure
    }
  }
}
