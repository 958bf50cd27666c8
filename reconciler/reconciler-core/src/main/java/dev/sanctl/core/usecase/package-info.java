/**
 * The use cases every front end runs: {@link dev.sanctl.core.usecase.ApplyOperation apply}, {@link
 * dev.sanctl.core.usecase.PlanOperation plan}, {@link dev.sanctl.core.usecase.DriftOperation drift}
 * and {@link dev.sanctl.core.usecase.ImportOperation import}. Each returns a result record; the CLI
 * renders it and maps it to an exit code, the {@code watch} daemon turns it into its outcomes and
 * alerts, and the test kit asserts on it. The ordering rules of an apply (the cluster lock before
 * anything is observed, the stale-plan check, approval, the journal, the verifying re-plan, the
 * {@code last-apply.json} record) are written here once.
 */
package dev.sanctl.core.usecase;
