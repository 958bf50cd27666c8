package dev.sanctl.snaprotate;

import java.util.List;

/** The outcome of a rotation run over several volumes. */
public record RunReport(List<VolumeReport> volumes, boolean simulated) {
  public RunReport {
    volumes = List.copyOf(volumes);
  }

  /**
   * The run's exit code (2.10): 1 when any destroy failed, else 3 when a brake engaged, else 2 when
   * a volume could not be planned, else 0. A simulation never returns 1.
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
    if (failed && !simulated) return 1;
    if (braked) return 3;
    if (error) return 2;
    return 0;
  }
}
