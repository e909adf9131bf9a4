package org.proofassist.hub.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.serialization.json.JacksonSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.api.config.EmbeddedMongoServer;
import org.proofassist.hub.api.mongo.eventstore.Durability;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;

/**
 * Defects of the hub on its embedded default that the crash test ran into, kept as regression
 * tests: the health endpoint answers UP, and concurrent appends of different sizes are all stored
 * and tracked.
 */
class EmbeddedDefaultRegressionTest {

  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  private final List<HubProcess> hubs = new ArrayList<>();

  @AfterEach
  void killEveryHub() {
    hubs.forEach(HubProcess::close);
  }

  @Test
  void healthIsUpOnTheEmbeddedDefault() {
    HubProcess hub =
        HubProcess.start(
            "/actuator/health/ping",
            work.resolve("data"),
            work.resolve("hub.log"),
            "--management.endpoint.health.show-components=always");
    hubs.add(hub);

    Answer health = hub.client().get(null, "/actuator/health");

    assertThat(health.status()).as(health.raw().body()).isEqualTo(200);
  }

  @Test
  void concurrentAppendsOfDifferentSizesAreAllStoredAndTracked() throws InterruptedException {
    JacksonSerializer serializer = JacksonSerializer.defaultSerializer();
    List<String> refused = Collections.synchronizedList(new ArrayList<>());
    Set<String> stored = ConcurrentHashMap.newKeySet();
    try (EmbeddedMongoServer server =
            new EmbeddedMongoServer(work.resolve("mongo.mv"), "127.0.0.1", 0, true);
        MongoClient client = MongoClients.create(server.connectionString())) {
      SequencedMongoEventStorageEngine engine =
          SequencedMongoEventStorageEngine.builder()
              .database(client.getDatabase("concurrency"))
              .durability(Durability.BY_WRITE_CONCERN)
              .clock(Clock.systemUTC())
              .eventSerializer(serializer)
              .snapshotSerializer(serializer)
              .build();
      engine.ensureIndexes();
      List<Thread> writers = new ArrayList<>();
      for (int w = 0; w < 4; w++) {
        int writer = w;
        Thread thread =
            new Thread(
                () -> {
                  for (int n = 0; n < 250; n++) {
                    List<EventMessage<?>> commit = new ArrayList<>();
                    for (int seq = 0; seq <= (n + writer) % 3; seq++) {
                      commit.add(
                          new GenericDomainEventMessage<>(
                              "Probe", "aggregate-" + writer + "-" + n, seq, "event " + seq));
                    }
                    try {
                      engine.appendEvents(commit);
                      commit.forEach(event -> stored.add(event.getIdentifier()));
                    } catch (RuntimeException e) {
                      refused.add("aggregate-" + writer + "-" + n + ": " + e);
                    }
                  }
                });
        thread.start();
        writers.add(thread);
      }
      for (Thread writer : writers) {
        writer.join(60_000);
      }
      List<String> tracked = new ArrayList<>();
      String trackingFailure = track(engine, stored.size() + 100L, tracked);
      Set<String> trackedOnce = new HashSet<>(tracked);

      SoftAssertions.assertSoftly(
          softly -> {
            softly.assertThat(refused).as("appends refused out of 1,000").isEmpty();
            softly.assertThat(trackingFailure).as("tracking read failure").isNull();
            softly
                .assertThat(stored.stream().filter(id -> !trackedOnce.contains(id)).count())
                .as("stored events never tracked, of %d", stored.size())
                .isZero();
            softly
                .assertThat(tracked.size() - trackedOnce.size())
                .as("events tracked twice")
                .isZero();
          });
    }
  }

  /** Reads the store as a tracking processor does; returns the failure, if any. */
  private static String track(
      SequencedMongoEventStorageEngine engine, long limit, List<String> tracked) {
    try {
      engine
          .readEvents(null, false)
          .limit(limit)
          .forEach(event -> tracked.add(event.getIdentifier()));
      return null;
    } catch (RuntimeException e) {
      return e.toString();
    }
  }
}
