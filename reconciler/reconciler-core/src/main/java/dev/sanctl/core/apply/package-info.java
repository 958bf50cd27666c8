/**
 * Applying a plan: the cluster lock (one apply at a time), the journal (an event before and after
 * every command, so an interrupted run is visible), approval rules (destroy and disruption need
 * explicit permission) and the stale-plan check. The next apply after an interruption does not
 * replay the journal: it re-plans from live state, which converges because provider commands are
 * idempotent or guarded.
 */
package dev.sanctl.core.apply;
