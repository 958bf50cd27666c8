package dev.sanctl.backup;

import dev.sanctl.spi.host.Host;
import dev.sanctl.spi.model.VolumeGroup;
import dev.sanctl.spi.model.VolumeRef;
import java.io.IOException;
import java.util.BitSet;

/** No change map: a classic snapshot (or a copy of a file), read in full every time. */
class FullReadSource implements ChangeMapSource {
  final Host host;
  final VolumeGroup vg;
  final VolumeRef ref;
  private boolean snapshotTaken;

  FullReadSource(Host host, VolumeGroup vg, VolumeRef ref) {
    this.host = host;
    this.vg = vg;
    this.ref = ref;
  }

  @Override
  public String snapshot(long originBytes) throws IOException {
    String dev = SourceVolume.snapshot(host, vg, ref, originBytes);
    snapshotTaken = true;
    return dev;
  }

  @Override
  public BitSet select(long size) throws IOException {
    return null;
  }

  @Override
  public String stateBefore() {
    return "NONE";
  }

  @Override
  public String finalState() {
    return "NONE";
  }

  @Override
  public String workDir() {
    return null;
  }

  @Override
  public void succeeded(String archiveSnapshot) throws IOException {}

  @Override
  public void failed(String reason) {}

  @Override
  public void cleanup() {
    try {
      if (snapshotTaken) SourceVolume.removeSnapshot(host, vg, ref);
    } catch (IOException ignored) {
      // a leftover snapshot is visible in lvs and makes the next run's lvcreate fail
    }
  }
}
