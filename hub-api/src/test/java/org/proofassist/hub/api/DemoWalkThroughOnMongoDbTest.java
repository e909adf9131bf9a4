package org.proofassist.hub.api;

import java.util.List;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same demo story, including the restart, on a real MongoDB 8 replica set (Testcontainers).
 * Skipped where no Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class DemoWalkThroughOnMongoDbTest extends DemoWalkThroughTest {

  @Container static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

  @Override
  protected List<String> storeArguments() {
    return List.of(
        "--hub.mongodb.uri=" + MONGO.getReplicaSetUrl(),
        "--hub.mongodb.database=walkthrough" + System.nanoTime());
  }
}
