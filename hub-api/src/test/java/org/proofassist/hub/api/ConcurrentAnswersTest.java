package org.proofassist.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient.Answer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Two calls on the same request at the same moment, over real HTTP on the embedded default: each
 * pair is released together behind a barrier from two clients (two connections), many rounds. One
 * wins; the other is answered 409 with a problem, and the request's history holds the winner's
 * event once. The fixtures have one officer per station, so the Shuibu officer races himself from
 * two clients, as from two browser tabs.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ConcurrentAnswersTest {

  /** Races of each kind; more with -Dconcurrency.rounds=N. */
  private static final int ROUNDS = Integer.getInteger("concurrency.rounds", 10);

  private static final String OFFICER = "shuibu.officer";
  private static final String CLERK = "window.clerk";

  @TempDir static Path data;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> data.toString());
  }

  private static final ExecutorService racers = Executors.newFixedThreadPool(2);
  private static final List<String> tally = new ArrayList<>();

  @LocalServerPort int port;

  @AfterAll
  static void summary() {
    racers.shutdownNow();
    System.out.println("Concurrency: " + String.join("; ", tally));
  }

  /** The two answers of one race, in the order the calls were given. */
  private record Race(Answer first, Answer second) {

    List<Answer> both() {
      return List.of(first, second);
    }

    long won() {
      return both().stream().filter(a -> a.status() == 200).count();
    }

    Answer loser() {
      return first.status() == 200 ? second : first;
    }
  }

  /** Starts both calls behind one barrier, each on its own client, and waits for both answers. */
  private Race race(Function<HubClient, Answer> first, Function<HubClient, Answer> second)
      throws Exception {
    return race(port, first, second);
  }

  private Race race(int port, Function<HubClient, Answer> first, Function<HubClient, Answer> second)
      throws Exception {
    HubClient one = new HubClient(port);
    HubClient other = new HubClient(port);
    CyclicBarrier start = new CyclicBarrier(2);
    Future<Answer> a =
        racers.submit(
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return first.apply(one);
            });
    Future<Answer> b =
        racers.submit(
            () -> {
              start.await(10, TimeUnit.SECONDS);
              return second.apply(other);
            });
    return new Race(a.get(60, TimeUnit.SECONDS), b.get(60, TimeUnit.SECONDS));
  }

  private HubClient client() {
    return new HubClient(port);
  }

  private String raised() {
    Answer raised =
        client()
            .post(
                CLERK,
                "/api/v1/requests",
                DemoWalkThroughTest.samePersonBody(),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }

  private String accepted() {
    String id = raised();
    Answer accepted = client().post(OFFICER, "/api/v1/requests/" + id + "/accept", "");
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
    return id;
  }

  private String answered() {
    String id = accepted();
    Answer replied = client().post(OFFICER, "/api/v1/requests/" + id + "/reply", reply("先到"));
    assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);
    return id;
  }

  private static Map<String, Object> reply(String statement) {
    return Map.of(
        "outcome",
        "CONFIRMED",
        "statement",
        "经核查系同一人。" + statement,
        "facts",
        Map.of("checkedBy", statement));
  }

  private static Map<String, Object> decline() {
    return Map.of("reasonCode", "NO_RECORD", "reason", "查无此人户籍记录");
  }

  /**
   * The request's history once its projection has caught up with the race's answers (the history is
   * a view of its own, which may lag behind the request's view the answer waits for).
   */
  private List<String> history(String id, Race race) throws InterruptedException {
    long version =
        race.both().stream()
            .filter(a -> a.status() == 200)
            .mapToLong(a -> a.json().at("/version").asLong())
            .max()
            .orElse(0);
    return history(port, id, version);
  }

  private static List<String> history(int port, String id, long version)
      throws InterruptedException {
    HubClient client = new HubClient(port);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (true) {
      Answer events = client.get(CLERK, "/api/v1/requests/" + id + "/events");
      assertThat(events.status()).as(events.raw().body()).isEqualTo(200);
      List<Long> sequences =
          events.json().at("/events").findValues("sequence").stream()
              .map(JsonNode::asLong)
              .toList();
      if (sequences.contains(version) || System.nanoTime() > deadline) {
        return events.json().at("/events").findValuesAsText("type");
      }
      Thread.sleep(100);
    }
  }

  private static long count(List<String> history, String type) {
    return history.stream().filter(type::equals).count();
  }

  private static void assertLostWithAConflict(Answer loser) {
    assertThat(loser.status()).as(loser.raw().body()).isEqualTo(409);
    assertThat(loser.header("Content-Type")).startsWith("application/problem+json");
    assertThat(loser.json().at("/status").asInt()).isEqualTo(409);
    assertThat(loser.json().at("/code").asText()).isIn("ILLEGAL_TRANSITION", "CONCURRENT_CHANGE");
    assertThat(loser.json().at("/detail").asText()).isNotBlank();
  }

  @Test
  void twoRepliesAtTheSameMomentOneWinsAndTheOtherIsAConflict() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String id = accepted();
      String path = "/api/v1/requests/" + id + "/reply";
      Race race =
          race(c -> c.post(OFFICER, path, reply("甲")), c -> c.post(OFFICER, path, reply("乙")));

      assertThat(race.won()).as("round %d: %s", round, race).isEqualTo(1);
      assertLostWithAConflict(race.loser());
      List<String> history = history(id, race);
      assertThat(count(history, "ReplyIssued")).as(history.toString()).isEqualTo(1);
      String winner = race.first().status() == 200 ? "甲" : "乙";
      Answer sealed = client().get(CLERK, "/api/v1/requests/" + id + "/reply");
      assertThat(sealed.status()).as(sealed.raw().body()).isEqualTo(200);
      assertThat(sealed.raw().body()).contains("经核查系同一人。" + winner);
    }
    tally.add(ROUNDS + " reply races, one winner each");
  }

  @Test
  void aReplyAndADeclineAtTheSameMomentOneWinsAndTheOtherIsAConflict() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String id = accepted();
      Race race =
          race(
              c -> c.post(OFFICER, "/api/v1/requests/" + id + "/reply", reply("甲")),
              c -> c.post(OFFICER, "/api/v1/requests/" + id + "/decline", decline()));

      assertThat(race.won()).as("round %d: %s", round, race).isEqualTo(1);
      assertLostWithAConflict(race.loser());
      List<String> history = history(id, race);
      assertThat(count(history, "ReplyIssued") + count(history, "RequestDeclined"))
          .as(history.toString())
          .isEqualTo(1);
      assertThat(count(history, race.first().status() == 200 ? "ReplyIssued" : "RequestDeclined"))
          .isEqualTo(1);
    }
    tally.add(ROUNDS + " reply-or-decline races, one winner each");
  }

  /**
   * A routed request may be declined, and an accepted one too, so the two orders are both legal:
   * decline first and the accept is refused, or accept then decline and both stand. What may never
   * happen is an answer that disagrees with the history: each 200 is exactly one event, a 409 none.
   */
  @Test
  void anAcceptAndADeclineAtTheSameMomentEndAsOneOfTheTwoOrders() throws Exception {
    int declinedFirst = 0;
    int acceptedFirst = 0;
    for (int round = 0; round < ROUNDS; round++) {
      String id = raised();
      Race race =
          race(
              c -> c.post(OFFICER, "/api/v1/requests/" + id + "/accept", ""),
              c -> c.post(OFFICER, "/api/v1/requests/" + id + "/decline", decline()));
      Answer accept = race.first();
      Answer declined = race.second();

      assertThat(declined.status()).as(declined.raw().body()).isEqualTo(200);
      List<String> history = history(id, race);
      assertThat(count(history, "RequestDeclined")).as(history.toString()).isEqualTo(1);
      if (accept.status() == 200) {
        acceptedFirst++;
        assertThat(history).containsSubsequence("RequestAccepted", "RequestDeclined");
        assertThat(count(history, "RequestAccepted")).isEqualTo(1);
      } else {
        declinedFirst++;
        assertLostWithAConflict(accept);
        assertThat(history).doesNotContain("RequestAccepted");
      }
    }
    tally.add(
        ROUNDS
            + " accept-or-decline races ("
            + declinedFirst
            + " declined first, "
            + acceptedFirst
            + " accepted first)");
  }

  @Test
  void twoAcknowledgementsAtTheSameMomentOneWinsAndTheOtherIsAConflict() throws Exception {
    for (int round = 0; round < ROUNDS; round++) {
      String id = answered();
      String path = "/api/v1/requests/" + id + "/acknowledge";
      Race race = race(c -> c.post(CLERK, path, ""), c -> c.post(CLERK, path, ""));

      assertThat(race.won()).as("round %d: %s", round, race).isEqualTo(1);
      assertLostWithAConflict(race.loser());
      List<String> history = history(id, race);
      assertThat(count(history, "ReplyAcknowledged")).as(history.toString()).isEqualTo(1);
      assertThat(client().get(CLERK, "/api/v1/requests/" + id).text("/status")).isEqualTo("CLOSED");
    }
    tally.add(ROUNDS + " acknowledge races, one winner each");
  }

  @Test
  void twoRaisesWithTheSameIdempotencyKeyAtTheSameMomentMakeOneRequest() throws Exception {
    sameKeyRaces(port, ROUNDS);
    tally.add(ROUNDS + " same-key raise races, one request each");
  }

  /**
   * Axon's MongoDB engine reports a second creation of the same stream differently from a later
   * concurrent change ({@code AggregateStreamCreationException}, not a {@code
   * ConcurrencyException}): the same race on a hub started with {@code hub.event-store=axon-mongo}.
   */
  @Test
  void twoRaisesWithTheSameIdempotencyKeyMakeOneRequestOnTheAlternativeEngine(
      @TempDir Path otherData) throws Exception {
    try (ConfigurableApplicationContext hub =
        new SpringApplicationBuilder(ProofAssistHubApplication.class)
            .run(
                "--server.port=0",
                "--hub.data-dir=" + otherData,
                "--hub.event-store=axon-mongo",
                "--spring.main.banner-mode=off")) {
      sameKeyRaces(((WebServerApplicationContext) hub).getWebServer().getPort(), ROUNDS / 2);
    }
    tally.add(ROUNDS / 2 + " same-key raise races on axon-mongo, one request each");
  }

  private void sameKeyRaces(int port, int rounds) throws Exception {
    for (int round = 0; round < rounds; round++) {
      Map<String, String> key = Map.of("Idempotency-Key", "race-" + UUID.randomUUID());
      Race race =
          race(
              port,
              c -> c.post(CLERK, "/api/v1/requests", DemoWalkThroughTest.samePersonBody(), key),
              c -> c.post(CLERK, "/api/v1/requests", DemoWalkThroughTest.samePersonBody(), key));

      assertThat(race.both())
          .as("round %d: %s", round, race)
          .extracting(Answer::status)
          .containsExactlyInAnyOrder(201, 200);
      String id = race.first().text("/id");
      assertThat(race.second().text("/id")).isEqualTo(id);
      List<String> history = history(port, id, race.first().json().at("/version").asLong());
      assertThat(count(history, "VerificationRequestRaised")).isEqualTo(1);
    }
  }
}
