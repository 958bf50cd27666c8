package dev.sanctl.sim.fidelity;

import dev.sanctl.sim.SimCluster;
import dev.sanctl.spi.host.CommandResult;
import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import dev.sanctl.spi.model.VolumeGroup;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@link FidelityCorpus} on a new simulated node {@code fidelity} whose group {@code vg0}
 * has {@link #EXTENTS} free extents of 4 MiB and is active: what {@code pvcreate} and {@code
 * vgcreate} give on the real side's 4 GiB disk (1 MiB of it is lvm2's metadata area).
 */
public final class SimFidelityRun {
  /** Extents of {@code vg0}: (4 GiB - 1 MiB) / 4 MiB, rounded down. */
  public static final long EXTENTS = 1023;

  public static final String NODE = "fidelity";

  private SimFidelityRun() {}

  /** The results of the compared commands (setup commands run but are not returned). */
  public static List<FidelityCapture.Result> run(Path dir, List<FidelityCorpus.Command> corpus)
      throws IOException {
    SimCluster c =
        SimCluster.init(
            dir,
            state(),
            vg -> EXTENTS * 4 * 1024 * 1024,
            Clock.fixed(Instant.parse("2026-12-06T08:00:00Z"), ZoneOffset.UTC));
    List<FidelityCapture.Result> out = new ArrayList<>();
    for (FidelityCorpus.Command cmd : corpus) {
      if (cmd.kind() == FidelityCorpus.Kind.REAL_SETUP) continue;
      CommandResult r = c.run(NODE, cmd.argv().toArray(String[]::new));
      if (cmd.kind() == FidelityCorpus.Kind.BOTH_SETUP) {
        if (r.exitStatus() != 0) throw new IOException(cmd.line() + ": " + r.err());
        continue;
      }
      out.add(
          new FidelityCapture.Result(cmd.number(), cmd.line(), r.exitStatus(), r.out(), r.err()));
    }
    return out;
  }

  private static DesiredState state() {
    NodeSpec node =
        new NodeSpec(
            NODE, "localhost", "linux", List.of("lvm"), null, null, null, null, null, null, null);
    VolumeGroup vg0 =
        new VolumeGroup("vg0", VolumeGroup.Type.LVM, null, List.of(NODE), null, Map.of(), null);
    return new DesiredState(
        null,
        Map.of(NODE, node),
        null,
        null,
        null,
        Map.of("vg0", vg0),
        Map.of(),
        Map.of(),
        null,
        null,
        List.of(),
        Map.of(),
        Map.of(),
        null,
        Map.of(),
        null);
  }
}
