package org.proofassist.hub.projections.statistics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.testcontainers.containers.MongoDBContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

/**
 * The same statistics contract on a real MongoDB replica set (Testcontainers). Skipped where no
 * Docker engine is available.
 */
@Testcontainers(disabledWithoutDocker = true)
class RequestStatisticsProjectionOnMongoDbTest extends RequestStatisticsProjectionContract {

  @Container static final MongoDBContainer MONGO = new MongoDBContainer("mongo:8.0");

  static MongoClient client;
  static MongoTemplate template;

  @BeforeAll
  static void connect() {
    client = MongoClients.create(MONGO.getReplicaSetUrl("proofhub"));
    template = new MongoTemplate(client, "proofhub");
  }

  @AfterAll
  static void disconnect() {
    client.close();
  }

  @Override
  MongoTemplate mongo() {
    return template;
  }
}
