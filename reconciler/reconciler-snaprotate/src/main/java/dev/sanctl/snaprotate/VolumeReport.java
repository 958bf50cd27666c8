package dev.sanctl.snaprotate;

import java.util.List;
import java.util.Map;

/**
 * What a run did to one volume.
 *
 * @param plan null when the volume could not be planned
 * @param engaged brakes that stopped the volume
 * @param destroyed names destroyed by this run, in order
 * @param gone planned names that had already disappeared
 * @param changed planned names dropped at re-verification, with the reason
 * @param failed names whose destroy failed, with zfs's message
 * @param wouldRun the destroy argvs this run makes (or, simulated, would make)
 * @param messages further human-readable lines (errors, tag warnings)
 */
public record VolumeReport(
    String volume,
    VolumeStatus status,
    RotationPlan plan,
    List<Brake> engaged,
    List<String> destroyed,
    List<String> gone,
    Map<String, String> changed,
    Map<String, String> failed,
    List<List<String>> wouldRun,
    List<String> messages) {
  public VolumeReport {
    engaged = List.copyOf(engaged);
    destroyed = List.copyOf(destroyed);
    gone = List.copyOf(gone);
    changed = Map.copyOf(changed);
    failed = Map.copyOf(failed);
    wouldRun = List.copyOf(wouldRun);
    messages = List.copyOf(messages);
  }
}
