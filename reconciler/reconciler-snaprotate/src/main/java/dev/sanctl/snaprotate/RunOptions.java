package dev.sanctl.snaprotate;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Options of one rotation run.
 *
 * @param now the planning instant (from an injectable clock)
 * @param overrides brakes the operator named with {@code --override}
 * @param simulate plan and report only: no mutating call at all
 * @param pause pause between destroy batches (default zero)
 * @param protectedNames snapshot names the caller requires to survive
 * @param legacyNameTime read {@code yyyy-MM-dd_HH.mm.ss} names as local time when snap_time is
 *     unset
 */
public record RunOptions(
    Instant now,
    Set<Brake> overrides,
    boolean simulate,
    Duration pause,
    Set<String> protectedNames,
    boolean legacyNameTime) {
  public RunOptions {
    overrides = Set.copyOf(overrides);
    protectedNames = Set.copyOf(protectedNames);
    pause = pause == null ? Duration.ZERO : pause;
  }

  /** A real run at {@code now} with no overrides. */
  public static RunOptions at(Instant now) {
    return new RunOptions(now, Set.of(), false, Duration.ZERO, Set.of(), false);
  }

  public RunOptions simulated() {
    return new RunOptions(now, overrides, true, pause, protectedNames, legacyNameTime);
  }

  public RunOptions overriding(Brake... brakes) {
    return new RunOptions(now, Set.of(brakes), simulate, pause, protectedNames, legacyNameTime);
  }
}
