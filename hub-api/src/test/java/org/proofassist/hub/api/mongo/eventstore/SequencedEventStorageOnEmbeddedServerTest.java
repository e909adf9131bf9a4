package org.proofassist.hub.api.mongo.eventstore;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's contract on the hub's embedded default: mongo-java-server with its H2 backend (in
 * memory here), reached by the real driver over TCP.
 *
 * <p>The overrides below are contract tests that fail on this server only, because of how the
 * engine uses it; they run unchanged on a real MongoDB ({@link
 * SequencedEventStorageOnMongoDbTest}).
 */
class SequencedEventStorageOnEmbeddedServerTest extends SequencedEventStorageContract {

  private static final String REFUSAL_BUG =
      "BUG (embedded server): SequencedMongoEventStorageEngine.java:173 takes"
          + " MongoBulkWriteException.getWriteResult().getInsertedCount() as the index of the"
          + " refused commit, but mongo-java-server 1.47 reports n = documents attempted (1 for"
          + " one refused document; 3 for [stored, refused, skipped]), so line 178 throws"
          + " IndexOutOfBoundsException instead of ConcurrencyException and line 174 marks"
          + " nothing void. Expected ConcurrencyException; got IndexOutOfBoundsException: Index"
          + " 1 out of bounds for length 1. Use the BulkWriteError's getIndex().";

  private static final String ALLOCATION_BUG =
      "BUG (embedded server): allocate() (SequencedMongoEventStorageEngine.java:195-202)"
          + " relies on findOneAndUpdate($inc, ReturnDocument.AFTER) returning the value this"
          + " call produced; mongo-java-server 1.47 does not make that atomic (8 threads x 200"
          + " calls: 1600 increments, 1540 distinct values returned), so concurrent appends to"
          + " different aggregates get the same positions: one is refused on _id (then hits the"
          + " refusal bug at line 178), or two commits overlap and every tracking read throws"
          + " IllegalArgumentException from GapAwareTrackingToken.advanceTo ('The given index"
          + " [458] should be larger than the token index [459]'). Expected every append stored"
          + " at distinct positions.";

  private static MongoServer server;
  private static String connectionString;

  @BeforeAll
  static void startServer() {
    server = new MongoServer(H2Backend.inMemory());
    connectionString = server.bindAndGetConnectionString();
  }

  @AfterAll
  static void stopServer() {
    server.shutdownNow();
  }

  @Override
  protected String connectionString() {
    return connectionString;
  }

  @Override
  @Test
  void aRefusedAppendStoresNoneOfItsEvents() {
    super.aRefusedAppendStoresNoneOfItsEvents();
  }

  @Override
  @Test
  void aRefusedAppendLeavesAVoidDocumentAndTrackersDoNotKeepItsPositionsAsGaps() throws Exception {
    super.aRefusedAppendLeavesAVoidDocumentAndTrackersDoNotKeepItsPositionsAsGaps();
  }

  @Override
  @Test
  void concurrentAppendsOfTheNextSequenceNumberHaveExactlyOneWinner() throws Exception {
    super.concurrentAppendsOfTheNextSequenceNumberHaveExactlyOneWinner();
  }

  @Override
  @Test
  void concurrentWritersOfDifferentAggregatesOnAnEmptyStoreGetDistinctPositions() throws Exception {
    super.concurrentWritersOfDifferentAggregatesOnAnEmptyStoreGetDistinctPositions();
  }
}
