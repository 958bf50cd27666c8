/**
 * The engine: observes nodes (bounded parallelism, one {@link dev.sanctl.core.engine.HostFactory}
 * per run), asks providers for changes and orders them into a {@link dev.sanctl.core.plan.Plan}.
 *
 * <p>Decisions: a node whose observation throws {@link java.io.IOException} is <em>unknown</em> for
 * every provider (changes depend on each other across providers on a node), and the engine drops
 * whatever a provider still plans for it. Every observation runs through a digesting host that
 * refuses mutating commands and hashes argv, exit status and stdout; the digests make saved plans
 * checkable for staleness. The engine checks each planned command against the provider's allowlist
 * and fails fast on duplicate addresses.
 */
package dev.sanctl.core.engine;
