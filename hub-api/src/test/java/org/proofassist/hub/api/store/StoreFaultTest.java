package org.proofassist.hub.api.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.bson.Document;
import org.jobrunr.server.BackgroundJobServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.api.ProofAssistHubApplication;
import org.proofassist.hub.api.config.EmbeddedMongoServer;
import org.proofassist.hub.api.deadline.DeadlineServerWatch;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;
import org.proofassist.hub.fixtures.Requests;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The MongoDB server goes away for ten seconds and comes back. Meanwhile commands and reads fail
 * fast with 503, a {@code Retry-After} and the problem code {@code STORE_UNAVAILABLE}, and nothing
 * of a refused command is stored; afterwards the hub works on by itself: commands are accepted, the
 * event processors catch up, JobRunr's deadline server runs again.
 *
 * <p>The store is a MongoDB wire server on disk in this test's JVM, reached by the hub over TCP
 * through {@code hub.mongodb.uri} as a real MongoDB would be; "going away" closes its port and its
 * files, "coming back" opens them again on the same port.
 */
class StoreFaultTest {

  private static final Duration FAIL_FAST = Duration.ofSeconds(8);
  private static final Duration OUTAGE = Duration.ofSeconds(10);

  @TempDir Path dir;

  private EmbeddedMongoServer store;
  private ConfigurableApplicationContext hub;

  @AfterEach
  void stop() {
    if (hub != null) {
      hub.close();
    }
    if (store != null) {
      store.close();
    }
  }

  @Test
  void commandsFailFastWhileTheStoreIsAwayAndTheHubWorksOnWhenItIsBack() throws Exception {
    Path file = dir.resolve("store").resolve("hub.mv");
    int storePort = freePort();
    store = new EmbeddedMongoServer(file, "127.0.0.1", storePort, false);
    hub =
        new SpringApplicationBuilder(ProofAssistHubApplication.class)
            .run(
                "--server.port=0",
                "--hub.data-dir=" + dir.resolve("hub"),
                "--hub.mongodb.uri=mongodb://127.0.0.1:" + storePort,
                "--hub.mongodb.server-selection-timeout=2s",
                "--hub.deadline-watch-interval=PT2S",
                "--spring.main.banner-mode=off",
                "--logging.level.root=ERROR");
    HubClient client = new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort());

    Answer before = raise(client, UUID.randomUUID().toString());
    assertThat(before.status()).as(before.raw().body()).isEqualTo(201);
    String id = before.text("/id");
    long commitsBefore = commits(storePort);

    store.close();
    store = null;
    Instant wentAway = Instant.now();

    String duringKey = UUID.randomUUID().toString();
    Answer during = timed(() -> raise(client, duringKey));
    assertUnavailable(during);
    assertUnavailable(timed(() -> client.post("shuibu.officer", path(id, "accept"), "")));
    assertUnavailable(timed(() -> client.get("window.clerk", "/api/v1/requests/" + id)));

    Duration left = OUTAGE.minus(Duration.between(wentAway, Instant.now()));
    if (!left.isNegative()) {
      Thread.sleep(left.toMillis());
    }
    store = new EmbeddedMongoServer(file, "127.0.0.1", storePort, false);

    assertThat(commits(storePort))
        .as("event commits: none from the refused calls")
        .isEqualTo(commitsBefore);

    // the hub works on by itself: the first commands may still meet a connection pool being
    // cleared, then they are accepted
    Answer accepted = eventually(() -> client.post("shuibu.officer", path(id, "accept"), ""), 200);
    assertThat(accepted.text("/status")).isEqualTo("ACCEPTED");
    // the raise refused during the outage was not half-written: its key raises a new request now
    Answer again = eventually(() -> raise(client, duringKey), 201);
    String afterId = again.text("/id");
    // the processors caught up: the new request is in the station's inbox
    eventually(
        () -> {
          Answer inbox = client.get("shuibu.officer", "/api/v1/requests?view=inbox&size=100");
          return inbox.raw().body().contains(afterId) ? inbox : null;
        },
        200);
    // and the deadline server runs again (JobRunr stops it for good when its store fails)
    BackgroundJobServer jobs = hub.getBean(BackgroundJobServer.class);
    Instant deadline = Instant.now().plusSeconds(60);
    while (!jobs.isRunning()) {
      assertThat(Instant.now()).as("JobRunr's server running again").isBefore(deadline);
      hub.getBean(DeadlineServerWatch.class).check();
      Thread.sleep(500);
    }
    Answer health = client.get("window.clerk", "/actuator/health");
    assertThat(health.status()).isEqualTo(200);
  }

  private static Answer raise(HubClient client, String key) {
    return client.post(
        "window.clerk",
        "/api/v1/requests",
        Requests.bodyOf(Requests.aSamePersonRaise()),
        Map.of("Idempotency-Key", key));
  }

  private static Answer timed(Supplier<Answer> call) {
    Instant start = Instant.now();
    Answer answer = call.get();
    assertThat(Duration.between(start, Instant.now()))
        .as("answered fast while the store is away: " + answer.raw().body())
        .isLessThan(FAIL_FAST);
    return answer;
  }

  private static void assertUnavailable(Answer answer) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(503);
    assertThat(answer.header("Retry-After")).isEqualTo("10");
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.text("/code")).isEqualTo("STORE_UNAVAILABLE");
  }

  /** Calls until the answer has {@code status} (or, for null answers, until one is given). */
  private static Answer eventually(Supplier<Answer> call, int status) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(90);
    Answer last = null;
    while (Instant.now().isBefore(deadline)) {
      last = call.get();
      if (last != null && last.status() == status) {
        return last;
      }
      Thread.sleep(500);
    }
    throw new AssertionError(
        "not answered " + status + " in time; last: " + (last == null ? null : last.raw().body()));
  }

  private static long commits(int port) {
    try (MongoClient client = MongoClients.create("mongodb://127.0.0.1:" + port)) {
      return client
          .getDatabase("proofhub")
          .getCollection(SequencedMongoEventStorageEngine.COMMITS)
          .countDocuments(new Document());
    }
  }

  private static String path(String id, String action) {
    return "/api/v1/requests/" + id + "/" + action;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
