package org.proofassist.hub.api.replay;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * An auditor rebuilds every projection from the event store over HTTP, follows the progress, and
 * every view is then identical to the live one, document by document. On the embedded default.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ProjectionReplayTest {

  private static final String REPLAYS = "/api/v1/admin/replays";
  private static final Duration WAIT = Duration.ofSeconds(90);

  @TempDir static Path data;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> data.toString());
    // The first progress check comes this long after the processors are started again, so a
    // second start right after the first one meets a running replay.
    registry.add("hub.replay.progress-interval", () -> "2s");
  }

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;
  @Autowired Configuration axon;
  @Autowired EventStore eventStore;

  private HubClient client() {
    return new HubClient(port);
  }

  @Test
  void anAuditorsReplayRebuildsEveryViewExactlyAsItWas() {
    driveLifecycles();
    awaitProcessorsAtHead();
    Map<String, Map<Object, Document>> live = projectionCollections();
    assertThat(live)
        .as("projection collections")
        .containsKeys("request_views", "request_history", "request_boards", "citizen_requests");
    assertThat(live.get("request_views")).hasSizeGreaterThanOrEqualTo(7);
    // Views spoilt on purpose: a replay that did not rebuild them would leave this behind.
    mongo
        .getCollection("request_views")
        .updateOne(
            eq("_id", live.get("request_views").keySet().iterator().next()),
            Updates.set("status", "SPOILT"));
    mongo.getCollection("request_boards").insertOne(new Document("_id", "inbox:NOBODY:open"));

    Answer started = client().post("auditor", REPLAYS, "");
    assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
    String id = started.text("/id");
    assertThat(started.header("Location")).isEqualTo(REPLAYS + "/" + id);
    assertThat(started.text("/state")).isEqualTo("RUNNING");
    assertThat(started.text("/startedBy")).isEqualTo("auditor");
    assertThat(started.json().has("startedAt")).isTrue();

    Answer second = client().post("hub.admin", REPLAYS, "");
    assertThat(second.status()).as(second.raw().body()).isEqualTo(409);
    assertThat(second.header("Content-Type")).startsWith("application/problem+json");
    assertThat(second.text("/code")).isEqualTo("REPLAY_RUNNING");
    assertThat(second.text("/detail")).contains(id);

    JsonNode done = awaitFinished(id);
    assertThat(done.at("/state").asText()).as(done.toString()).isEqualTo("DONE");
    long head = eventStore.createHeadToken().position().getAsLong();
    List<String> processors = streamingProcessors().stream().map(p -> p.getName()).toList();
    assertThat(processors).contains("request-views", "request-history");
    assertThat(done.at("/processors").findValuesAsText("name"))
        .containsExactlyInAnyOrderElementsOf(processors);
    for (JsonNode processor : done.at("/processors")) {
      assertThat(processor.at("/eventsTotal").asLong())
          .as(processor.toString())
          .isEqualTo(head + 1);
      assertThat(processor.at("/eventsDone").asLong()).as(processor.toString()).isEqualTo(head + 1);
      assertThat(processor.at("/done").asBoolean()).as(processor.toString()).isTrue();
      assertThat(processor.at("/replaying").asBoolean()).as(processor.toString()).isFalse();
      assertThat(processor.at("/ratePerSecond").asDouble()).as(processor.toString()).isPositive();
      assertThat(processor.at("/estimatedTimeLeft").asText()).isEqualTo("PT0S");
      assertThat(processor.at("/error").isMissingNode() || processor.at("/error").isNull())
          .as(processor.toString())
          .isTrue();
    }
    assertThat(done.at("/eventsTotal").asLong()).isEqualTo(processors.size() * (head + 1));
    assertThat(done.at("/eventsDone").asLong()).isEqualTo(done.at("/eventsTotal").asLong());
    assertThat(done.at("/headPosition").asLong()).isEqualTo(head);
    assertThat(done.at("/rate").asDouble()).isPositive();
    assertThat(done.at("/estimatedTimeLeft").asText()).isEqualTo("PT0S");
    assertThat(Instant.parse(done.at("/finishedAt").asText()))
        .isAfterOrEqualTo(Instant.parse(done.at("/startedAt").asText()));

    Map<String, Map<Object, Document>> replayed = projectionCollections();
    assertThat(replayed.keySet()).isEqualTo(live.keySet());
    for (String collection : live.keySet()) {
      assertSameDocuments(collection, live.get(collection), replayed.get(collection));
    }

    // The reset dropped the views with their indexes; the search's are declared again.
    List<String> indexes = new ArrayList<>();
    mongo
        .getCollection("request_views")
        .listIndexes()
        .forEach(i -> indexes.add(i.getString("name")));
    assertThat(indexes).contains("search_raisedAt", "search_status_raisedAt");

    // The hub works on after the replay: a new request shows in the rebuilt views.
    String after = raise("window.clerk", "350102008");
    assertThat(client().get("shuibu.officer", "/api/v1/requests/" + after).status()).isEqualTo(200);
  }

  @Test
  void onlyAuditorsAndAdministratorsReplay() {
    assertThat(client().post("window.clerk", REPLAYS, "").status()).isEqualTo(403);
    assertThat(client().post("shuibu.officer", REPLAYS, "").status()).isEqualTo(403);
    assertThat(client().get("window.clerk", REPLAYS + "/RP-none").status()).isEqualTo(403);
    assertThat(client().post(null, REPLAYS, "").status()).isEqualTo(401);
    assertThat(client().get("auditor", REPLAYS + "/RP-none").status()).isEqualTo(404);
    assertThat(
            mongo
                .getCollection(ReplayRecords.COLLECTION)
                .countDocuments(eq("startedBy", "window.clerk")))
        .isZero();
  }

  @Test
  void aReplayRunningOnAnotherNodeIsRespectedUntilItsNodeFallsSilent() {
    awaitNoReplayRunning();
    Instant now = Instant.now();
    String other = "RP-other-node";
    mongo
        .getCollection(ReplayRecords.COLLECTION)
        .insertOne(
            ReplayRecords.toDocument(
                ProjectionReplay.started(other, "auditor", now, "4242@other-node")));
    mongo
        .getCollection(ReplayRecords.COLLECTION)
        .insertOne(
            new Document("_id", ReplayRecords.LOCK)
                .append("replayId", other)
                .append("node", "4242@other-node")
                .append("heartbeatAt", Date.from(now)));

    Answer refused = client().post("auditor", REPLAYS, "");
    assertThat(refused.status()).as(refused.raw().body()).isEqualTo(409);
    assertThat(refused.text("/code")).isEqualTo("REPLAY_RUNNING");
    assertThat(client().get("auditor", REPLAYS + "/" + other).text("/state")).isEqualTo("RUNNING");

    // The other node stops reporting: after a while its replay counts as abandoned.
    Date longAgo = Date.from(now.minus(Duration.ofMinutes(10)));
    mongo
        .getCollection(ReplayRecords.COLLECTION)
        .updateMany(
            com.mongodb.client.model.Filters.in("_id", other, ReplayRecords.LOCK),
            Updates.set("heartbeatAt", longAgo));
    Answer started = client().post("auditor", REPLAYS, "");
    assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
    Answer abandoned = client().get("auditor", REPLAYS + "/" + other);
    assertThat(abandoned.text("/state")).isEqualTo("FAILED");
    assertThat(abandoned.text("/failure")).contains("abandoned", "4242@other-node");
    assertThat(awaitFinished(started.text("/id")).at("/state").asText()).isEqualTo("DONE");
  }

  // ---------------------------------------------------------------------------- lifecycles

  /** Every kind of request event the API can cause, over HTTP. */
  private void driveLifecycles() {
    HubClient client = client();
    // answered and acknowledged (closed)
    String closed = raise("window.clerk", "350102008");
    ok(client.post("shuibu.officer", path(closed, "accept"), ""));
    ok(client.post("shuibu.officer", path(closed, "reply"), reply()));
    ok(client.post("window.clerk", path(closed, "acknowledge"), ""));

    // a clarification asked and answered, then answered (not yet acknowledged)
    String clarified = raise("window.clerk", "350102008");
    ok(client.post("shuibu.officer", path(clarified, "accept"), ""));
    ok(
        client.post(
            "shuibu.officer",
            path(clarified, "clarification"),
            Map.of("question", "请提供旧身份证号码的签发年份")));
    ok(
        client.post(
            "window.clerk", path(clarified, "clarification/answer"), Map.of("answer", "1986年签发")));
    ok(client.post("shuibu.officer", path(clarified, "reply"), reply()));

    // forwarded to another station, which declines
    String declined = raise("window.clerk", "350102008");
    ok(client.post("shuibu.officer", path(declined, "accept"), ""));
    ok(
        client.post(
            "shuibu.officer",
            path(declined, "forward"),
            Map.of("to", "FZ-PSB-GULOU-DONGJIE", "reason", "户籍已迁至东街辖区")));
    ok(
        client.post(
            "dongjie.officer",
            path(declined, "decline"),
            Map.of("reasonCode", "NO_RECORD", "reason", "本所无此人户籍记录")));

    // withdrawn by the window
    String withdrawn = raise("window.clerk", "350102008");
    ok(client.post("window.clerk", path(withdrawn, "withdraw"), Map.of("reason", "申请人撤回申请")));

    // a street without a station: dispatched by the sub-bureau, accepted, deadline extended
    String dispatched = raise("window.clerk", "350102010");
    ok(
        client.post(
            "gulou.supervisor",
            path(dispatched, "dispatch"),
            Map.of("unit", "FZ-PSB-GULOU-SHUIBU")));
    ok(client.post("shuibu.officer", path(dispatched, "accept"), ""));
    Instant dueAt =
        Instant.parse(
            client.get("gulou.supervisor", "/api/v1/requests/" + dispatched).text("/dueAt"));
    ok(
        client.post(
            "gulou.supervisor",
            path(dispatched, "extend"),
            Map.of("until", dueAt.plusSeconds(3600).toString(), "reason", "需调取纸质底册")));

    // another window, another station; and one left just raised
    String other = raise("realestate.clerk", "350102004");
    ok(client.post("dongjie.officer", path(other, "accept"), ""));
    raise("window.clerk", "350102004");
  }

  private String raise(String clerk, String street) {
    // The README's same-person request (as in DemoWalkThroughTest), for the given street.
    Map<String, Object> body =
        Map.of(
            "proofType",
            "SAME_PERSON",
            "subject",
            Map.of(
                "name", "林某某",
                "idNumber", "350102196805121236",
                "otherIdNumbers", List.of("350102680512123"),
                "householdDivision", street,
                "address", "福州市鼓楼区水部街道古田路88号"),
            "matter",
            Map.of("code", "REAL_ESTATE_DEREGISTRATION", "caseNumber", "FZ-2026-000123"),
            "question",
            "请核实上述两个身份证号码是否为同一人");
    Answer raised =
        client()
            .post(
                clerk,
                "/api/v1/requests",
                body,
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }

  private static Map<String, Object> reply() {
    return Map.of(
        "outcome", "CONFIRMED",
        "statement", "经核查，350102196805121236与350102680512123系同一人。",
        "facts", Map.of("legacyNumberConvertsTo", "350102196805121236"));
  }

  private static String path(String id, String action) {
    return "/api/v1/requests/" + id + "/" + action;
  }

  private static void ok(Answer answer) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
  }

  // ------------------------------------------------------------------------------ helpers

  /**
   * Every document of every projection collection (the read models are the {@code request_*}
   * collections: views, history, boards, facts, statistics; and {@code citizen_requests}), by
   * {@code _id}, as stored.
   */
  private Map<String, Map<Object, Document>> projectionCollections() {
    Map<String, Map<Object, Document>> collections = new TreeMap<>();
    for (String name : mongo.getCollectionNames()) {
      if (!name.startsWith("request_") && !name.equals("citizen_requests")) {
        continue;
      }
      Map<Object, Document> documents = new LinkedHashMap<>();
      for (Document document :
          mongo.getCollection(name).find().sort(Sorts.ascending("_id")).batchSize(1000)) {
        documents.put(document.get("_id"), document);
      }
      collections.put(name, documents);
    }
    return collections;
  }

  private static void assertSameDocuments(
      String collection, Map<Object, Document> live, Map<Object, Document> replayed) {
    assertThat(replayed.keySet()).as(collection + " ids").isEqualTo(live.keySet());
    List<String> different = new ArrayList<>();
    for (Map.Entry<Object, Document> document : live.entrySet()) {
      Document other = replayed.get(document.getKey());
      // Document equality compares field by field, nested documents and arrays in order.
      if (!document.getValue().equals(other)) {
        different.add(
            collection
                + " "
                + document.getKey()
                + "\n live:     "
                + document.getValue().toJson()
                + "\n replayed: "
                + other.toJson());
      }
    }
    assertThat(different).as("documents that differ after the replay").isEmpty();
  }

  private List<StreamingEventProcessor> streamingProcessors() {
    return axon.eventProcessingConfiguration().eventProcessors().values().stream()
        .filter(StreamingEventProcessor.class::isInstance)
        .map(StreamingEventProcessor.class::cast)
        .toList();
  }

  /** Until every streaming processor has handled every stored event. */
  private void awaitProcessorsAtHead() {
    long head = eventStore.createHeadToken().position().getAsLong();
    await(
        "every processor at head position " + head,
        () ->
            streamingProcessors().stream()
                .allMatch(
                    p -> {
                      Map<Integer, EventTrackerStatus> status = p.processingStatus();
                      return !status.isEmpty()
                          && status.values().stream()
                              .allMatch(
                                  s ->
                                      ProcessorProgress.Segment.position(s.getTrackingToken())
                                          >= head);
                    }));
  }

  private void awaitNoReplayRunning() {
    await(
        "no replay running",
        () ->
            mongo
                    .getCollection(ReplayRecords.COLLECTION)
                    .countDocuments(eq("_id", ReplayRecords.LOCK))
                == 0);
  }

  /** Polls the replay until it is no longer running; checks its progress on the way. */
  private JsonNode awaitFinished(String id) {
    JsonNode[] last = new JsonNode[1];
    await(
        "replay " + id + " finished",
        () -> {
          Answer answer = client().get("auditor", REPLAYS + "/" + id);
          assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
          last[0] = answer.json();
          for (String field :
              List.of(
                  "/id",
                  "/state",
                  "/startedBy",
                  "/startedAt",
                  "/processors",
                  "/eventsDone",
                  "/rate")) {
            assertThat(last[0].at(field).isMissingNode()).as(field + " in " + last[0]).isFalse();
          }
          return !"RUNNING".equals(last[0].at("/state").asText());
        });
    return last[0];
  }

  private static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + WAIT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted waiting for " + what, e);
      }
    }
  }
}
