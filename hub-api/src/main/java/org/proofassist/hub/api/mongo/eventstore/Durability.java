package org.proofassist.hub.api.mongo.eventstore;

/**
 * Makes acknowledged writes survive a crash before a command is answered. On a real MongoDB the
 * write concern (majority, journaled) already does so; the embedded store needs an explicit commit
 * of its on-disk backend.
 */
@FunctionalInterface
public interface Durability {

  /** Writes that the store has acknowledged are already durable (real MongoDB, journaled). */
  Durability BY_WRITE_CONCERN = () -> {};

  /** Returns once every write acknowledged before the call is on disk. */
  void awaitDurable();

  /**
   * Refuses new writes once the store has failed to make writes durable, so that nothing is stored
   * that could not be acknowledged.
   */
  default void requireHealthy() {}
}
