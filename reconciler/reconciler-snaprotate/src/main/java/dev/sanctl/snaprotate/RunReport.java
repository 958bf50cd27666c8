package dev.sanctl.snaprotate;

import java.util.List;

/** The outcome of a rotation run over several volumes. */
public record RunReport(List<VolumeReport> volumes, boolean simulated) {
  public RunReport {
    volumes = List.copyOf(volumes);
  }

  /**
   * The run's exit code (docs/snaprotate.md): 1 when any destroy failed (not in a simulation) or a
   * volume could not be listed or planned, else 3 when a brake engaged, else 0. Never 2: sanctl's
   * exit code 2 means "changes or drift" only.
   */
  public int exitCode() {
    boolean failed = false;
    boolean braked = false;
    boolean error = false;
    for (VolumeReport v : volumes) {
      switch (v.status()) {
        case FAILED -> failed = true;
        case BRAKED -> braked = true;
        case ERROR -> error = true;
        default -> {}
      }
    }
    if ((failed && !simulated) || error) return 1;
    if (braked) return 3;
    return 0;
  }
}
