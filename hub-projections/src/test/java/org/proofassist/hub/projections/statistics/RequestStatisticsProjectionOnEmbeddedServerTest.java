package org.proofassist.hub.projections.statistics;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The statistics on the embedded MongoDB wire server, reached by the real driver. */
class RequestStatisticsProjectionOnEmbeddedServerTest extends RequestStatisticsProjectionContract {

  static MongoServer server;
  static MongoClient client;
  static MongoTemplate template;

  @BeforeAll
  static void startServer() {
    server = new MongoServer(new MemoryBackend());
    client = MongoClients.create(server.bindAndGetConnectionString());
    template = new MongoTemplate(client, "proofhub");
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.shutdownNow();
  }

  @Override
  MongoTemplate mongo() {
    return template;
  }
}
