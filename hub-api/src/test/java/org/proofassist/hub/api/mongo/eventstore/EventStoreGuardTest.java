package org.proofassist.hub.api.mongo.eventstore;

import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One database, one event storage engine: the guard refuses to mix them, naming both. */
class EventStoreGuardTest {

  private static final AtomicInteger DATABASES = new AtomicInteger();
  private static MongoServer server;
  private static String connectionString;

  private MongoClient client;
  private MongoDatabase database;

  @BeforeAll
  static void startServer() {
    server = new MongoServer(H2Backend.inMemory());
    connectionString = server.bindAndGetConnectionString();
  }

  @AfterAll
  static void stopServer() {
    server.shutdownNow();
  }

  @BeforeEach
  void freshDatabase() {
    client = MongoClients.create(connectionString);
    database = client.getDatabase("guard_" + DATABASES.incrementAndGet());
  }

  @AfterEach
  void closeClient() {
    client.close();
  }

  @Test
  void aDatabaseFirstUsedBySequencedRefusesAxonMongoNamingBoth() {
    EventStoreGuard.claim(database, "sequenced");

    assertThatThrownBy(() -> EventStoreGuard.claim(database, "axon-mongo"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("written by the 'sequenced' event store")
        .hasMessageContaining("hub.event-store=axon-mongo")
        .hasMessageContaining("Start it with hub.event-store=sequenced")
        .hasMessageContaining(database.getName());
  }

  @Test
  void aDatabaseHoldingAxonMongoEventsRefusesSequencedNamingBoth() {
    database.getCollection("domainevents").insertOne(new Document("aggregateIdentifier", "a"));

    assertThatThrownBy(() -> EventStoreGuard.claim(database, "sequenced"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("written by the 'axon-mongo' event store")
        .hasMessageContaining("hub.event-store=sequenced");
  }

  @Test
  void aDatabaseHoldingSequencedCommitsFromBeforeTheGuardRefusesAxonMongo() {
    database
        .getCollection(SequencedMongoEventStorageEngine.COMMITS)
        .insertOne(new Document("_id", 0L).append("stream", "a/0"));

    assertThatThrownBy(() -> EventStoreGuard.claim(database, "axon-mongo"))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("'sequenced'")
        .hasMessageContaining("hub.event-store=axon-mongo");
  }

  @Test
  void theSameEngineClaimingTwiceIsAcceptedAndARefusalChangesNothing() {
    EventStoreGuard.claim(database, "sequenced");
    database
        .getCollection(SequencedMongoEventStorageEngine.COMMITS)
        .insertOne(new Document("_id", 0L).append("stream", "a/0"));
    assertThatThrownBy(() -> EventStoreGuard.claim(database, "axon-mongo"))
        .isInstanceOf(IllegalStateException.class);

    assertThatCode(() -> EventStoreGuard.claim(database, "sequenced")).doesNotThrowAnyException();
    assertThat(database.getCollection(EventStoreGuard.METADATA).countDocuments()).isEqualTo(1);
  }

  @Test
  void hubsOfTheSameEngineStartingTogetherOnANewDatabaseAllStart() throws Exception {
    int nodes = 6;
    ExecutorService pool = Executors.newFixedThreadPool(nodes);
    try {
      CyclicBarrier together = new CyclicBarrier(nodes);
      List<Future<?>> starts = new ArrayList<>();
      for (int n = 0; n < nodes; n++) {
        starts.add(
            pool.submit(
                () -> {
                  together.await(20, SECONDS);
                  EventStoreGuard.claim(database, "sequenced");
                  return null;
                }));
      }
      List<Throwable> refused = new ArrayList<>();
      for (Future<?> start : starts) {
        try {
          start.get(20, SECONDS);
        } catch (ExecutionException e) {
          refused.add(e.getCause());
        }
      }
      assertThat(refused).isEmpty();
    } finally {
      pool.shutdownNow();
    }
  }
}
