/**
 * The plan model and its canonical JSON form ({@code formatVersion} "1"). A saved plan carries the
 * desired-state digest and the per-node observation digests, never secrets and never commands to
 * replay: {@code apply --plan} recomputes the plan and refuses it when anything differs.
 */
package dev.sanctl.core.plan;
