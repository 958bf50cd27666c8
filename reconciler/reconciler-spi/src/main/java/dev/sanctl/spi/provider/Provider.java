package dev.sanctl.spi.provider;

import dev.sanctl.spi.model.DesiredState;
import dev.sanctl.spi.model.NodeSpec;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;

/**
 * A provider owns one storage subsystem on a node (lvm, files, iet, tgt, zfs, comstar, cron, ...).
 * Found with {@link java.util.ServiceLoader}; ids are unique.
 *
 * <p>Contract:
 *
 * <ul>
 *   <li>{@link #observe} is read-only (only commands with {@code mutating == false}) and batched: a
 *       constant number of commands per node, whatever the number of objects.
 *   <li>{@link #plan} is pure and deterministic: the same desired state and observations give an
 *       equal list of changes in the same order.
 *   <li>Every argv[0] a provider emits is in {@link #executables()}.
 *   <li>Applying the commands of every change and observing again yields a plan without changes
 *       (the engine verifies this after each change).
 * </ul>
 *
 * The engine, not the provider, orders, applies, journals and verifies changes.
 */
public interface Provider {
  /** Short id, also the service name in {@code nodes.<n>.services} ({@code lvm}, {@code iet}). */
  String id();

  /** The executables (argv[0]) this provider may run, by name as found on the node's PATH. */
  Set<String> executables();

  /** Ids of providers whose changes on a node are applied before this provider's. */
  default Set<String> dependsOn() {
    return Set.of();
  }

  /** Whether this provider observes and manages {@code node}. */
  default boolean servesNode(DesiredState desired, NodeSpec node) {
    return node.hasService(id());
  }

  /**
   * Observes one node. Read-only. Throws {@link IOException} only when the node cannot be reached;
   * a command that fails is reported in the observation or as {@link ObserveException}.
   */
  Observation observe(ObserveContext context) throws IOException;

  /** Computes the changes for this provider on every node it serves. Pure. */
  PlanResult plan(PlanContext context);

  /**
   * The live object on its node that {@code change} (one of this provider's) creates or modifies,
   * named by {@link LiveObject} so that every provider that could touch the same object names it
   * alike; empty when no other provider can touch it. Each live object has one owner in a plan: the
   * engine refuses the changes of two providers that touch the same live object on a node.
   */
  default Optional<LiveObject> liveObject(Change change) {
    return Optional.empty();
  }
}
