package org.proofassist.hub.api.mongo.eventstore;

import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The engine's contract on a real MongoDB 8 replica set (Testcontainers), where the engine's
 * journaled majority writes and unique indexes are the server's own. Skipped where no Docker engine
 * is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class SequencedEventStorageOnMongoDbTest extends SequencedEventStorageContract {

  @Container static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

  @Override
  protected String connectionString() {
    return MONGO.getReplicaSetUrl();
  }
}
