package dev.sanctl.core.usecase;

import dev.sanctl.core.apply.ApplyResult;
import dev.sanctl.core.apply.ChangeOutcome;
import dev.sanctl.core.plan.Plan;
import dev.sanctl.spi.provider.Change;
import java.util.List;

/**
 * What a front end adds to an {@link ApplyOperation}: output at each step and its own reasons to
 * hold a plan. Every method has a default that does nothing (or holds nothing), so a caller
 * implements only what it needs. Hooks run on the caller's thread, except {@link #progress}, which
 * runs on the apply's worker threads.
 */
public interface ApplyGate {

  /** The points at which {@link #hold} is asked, in the order they are reached. */
  enum Checkpoint {
    /** The plan has no errors; "nothing to do" has not been decided yet. */
    VALID_PLAN,
    /** The plan has changes; the approval policy has not been consulted yet. */
    CHANGES,
    /** The approval policy allows every change; the journal has not been started yet. */
    ALLOWED
  }

  /** The cluster lock is held; nothing has been observed yet. */
  default void locked() {}

  /** The fresh plan (not stale), before any decision about it. */
  default void planned(Plan plan) {}

  /**
   * Reasons to stop before applying at {@code at}; empty to go on. A non-empty answer ends the
   * operation with {@link ApplyReport.Kind#HELD} and nothing applied.
   */
  default List<String> hold(Checkpoint at, Plan plan) {
    return List.of();
  }

  /** A change ran (applied, failed or skipped). */
  default void progress(Change change, ChangeOutcome outcome) {}

  /** Every change ran; the verifying re-plan has not started yet. */
  default void applied(ApplyResult result) {}

  /** A gate that adds nothing: applies whatever the approval policy allows. */
  ApplyGate NONE = new ApplyGate() {};
}
