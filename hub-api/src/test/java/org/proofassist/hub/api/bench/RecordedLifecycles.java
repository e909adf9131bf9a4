package org.proofassist.hub.api.bench;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.client.MongoDatabase;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.bson.Document;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;
import org.proofassist.hub.core.request.RequestId;

/**
 * Real request lifecycles, recorded once from a running hub over HTTP (every command, with real
 * JAdES seals on the replies), then cloned into as many requests as a benchmark needs. A clone has
 * the template's events and units of work (one commit per command, as the hub stores them), with
 * its own request id, idempotency key and event ids, and every time shifted onto a simulated clock.
 *
 * <p>Cloning works on the events' JSON: each payload is turned into a tree, the template's request
 * id is replaced wherever it appears as a value, every ISO-8601 instant is shifted, and the tree is
 * read back as the same event class. What the projections read is thus exactly what the hub's
 * commands produce; only the sealed reply's own signed content (inside the JWS) still names the
 * template's request, which no projection looks at.
 */
final class RecordedLifecycles {

  private static final Pattern INSTANT =
      Pattern.compile("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?Z");
  private static final String AGGREGATE_TYPE = "VerificationRequest";

  /** One recorded request: its commits, oldest first, and how often it is cloned in a round. */
  record Template(
      String name, String requestId, List<List<DomainEventMessage<?>>> units, int weight) {

    int events() {
      return units.stream().mapToInt(List::size).sum();
    }
  }

  private final List<Template> templates;
  private final List<Template> rotation = new ArrayList<>();
  private final ObjectMapper json;
  private final long seed;
  private final Instant clockStart;
  private final long stepMillis;
  private final AtomicLong next = new AtomicLong();
  private final AtomicLong begun = new AtomicLong();

  /**
   * @param templates the recorded requests
   * @param json the hub's event serializer's mapper (copied and set to write ISO-8601 instants)
   * @param seed distinguishes one benchmark's request ids from another's
   * @param clockStart the simulated time of the first clone
   * @param stepMillis how far the simulated clock advances per clone
   */
  RecordedLifecycles(
      List<Template> templates, ObjectMapper json, long seed, Instant clockStart, long stepMillis) {
    this.templates = List.copyOf(templates);
    for (Template template : templates) {
      for (int i = 0; i < template.weight(); i++) {
        rotation.add(template);
      }
    }
    this.json =
        json.copy()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    this.seed = seed;
    this.clockStart = clockStart;
    this.stepMillis = stepMillis;
  }

  List<Template> templates() {
    return templates;
  }

  /** The mean number of events per clone. */
  double eventsPerRequest() {
    return rotation.stream().mapToInt(Template::events).average().orElse(0);
  }

  /** The next clone. Thread-safe. */
  Clone next() {
    long index = next.getAndIncrement();
    return new Clone(index, rotation.get((int) (index % rotation.size())));
  }

  /** How many clones had their first unit of work taken (and so exist in the store). */
  long begun() {
    return begun.get();
  }

  /** One cloned request: its units of work in order. Not thread-safe. */
  final class Clone {
    private final Template template;
    private final String requestId;
    private final String idempotencyKey;
    private final long shiftMillis;
    private int nextUnit;

    private Clone(long index, Template template) {
      this.template = template;
      this.requestId = requestId(seed, index);
      this.idempotencyKey = "bench-" + seed + "-" + index;
      Instant first = template.units().get(0).get(0).getTimestamp();
      this.shiftMillis = clockStart.toEpochMilli() + index * stepMillis - first.toEpochMilli();
    }

    boolean done() {
      return nextUnit == template.units().size();
    }

    /** The events of the next unit of work (one commit). */
    List<DomainEventMessage<?>> nextUnit() {
      if (nextUnit == 0) {
        begun.incrementAndGet();
      }
      List<DomainEventMessage<?>> unit = template.units().get(nextUnit++);
      List<DomainEventMessage<?>> cloned = new ArrayList<>(unit.size());
      for (DomainEventMessage<?> event : unit) {
        cloned.add(clone(event));
      }
      return cloned;
    }

    private DomainEventMessage<?> clone(DomainEventMessage<?> event) {
      Object payload = event.getPayload();
      JsonNode tree = json.valueToTree(payload);
      JsonNode rewritten = rewrite(tree);
      Object copy;
      try {
        copy = json.treeToValue(rewritten, payload.getClass());
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException("cannot clone a " + payload.getClass().getName(), e);
      }
      return new GenericDomainEventMessage<>(
          AGGREGATE_TYPE,
          requestId,
          event.getSequenceNumber(),
          copy,
          event.getMetaData(),
          UUID.randomUUID().toString(),
          event.getTimestamp().plusMillis(shiftMillis));
    }

    private JsonNode rewrite(JsonNode node) {
      if (node.isTextual()) {
        String text = node.asText();
        if (text.equals(template.requestId())) {
          return TextNode.valueOf(requestId);
        }
        if (INSTANT.matcher(text).matches()) {
          return TextNode.valueOf(Instant.parse(text).plusMillis(shiftMillis).toString());
        }
        return node;
      }
      if (node instanceof ObjectNode object) {
        for (Map.Entry<String, JsonNode> field : List.copyOf(object.properties())) {
          object.set(
              field.getKey(),
              field.getKey().equals("idempotencyKey") && field.getValue().isTextual()
                  ? TextNode.valueOf(idempotencyKey)
                  : rewrite(field.getValue()));
        }
        return object;
      }
      if (node instanceof ArrayNode array) {
        for (int i = 0; i < array.size(); i++) {
          array.set(i, rewrite(array.get(i)));
        }
        return array;
      }
      return node;
    }
  }

  /** A valid request id derived from the seed and the clone's index. */
  static String requestId(long seed, long index) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256")
              .digest((seed + "/" + index).getBytes(StandardCharsets.UTF_8));
      return RequestId.fromBytes(digest).value();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  // ---------------------------------------------------------------------------- recording

  /**
   * Drives the lifecycles over HTTP against a running hub and reads their events back from its
   * event store, grouped into the commits the hub stored.
   */
  static List<Template> record(HubClient hub, EventStorageEngine engine, MongoDatabase database) {
    List<Template> templates = new ArrayList<>();
    // Most requests are answered and closed; the rest take the other paths.
    String closed = raise(hub, "window.clerk", "350102008");
    ok(hub.post("shuibu.officer", path(closed, "accept"), ""));
    ok(hub.post("shuibu.officer", path(closed, "reply"), reply()));
    ok(hub.post("window.clerk", path(closed, "acknowledge"), ""));
    templates.add(read("answered and closed (Shuibu)", closed, 4, engine, database));

    String dongjie = raise(hub, "realestate.clerk", "350102004");
    ok(hub.post("dongjie.officer", path(dongjie, "accept"), ""));
    ok(hub.post("dongjie.officer", path(dongjie, "reply"), reply()));
    ok(hub.post("realestate.clerk", path(dongjie, "acknowledge"), ""));
    templates.add(read("answered and closed (Dongjie)", dongjie, 3, engine, database));

    String yingzhou = raise(hub, "gulou.window.clerk", "350103001");
    ok(hub.post("yingzhou.officer", path(yingzhou, "accept"), ""));
    ok(hub.post("yingzhou.officer", path(yingzhou, "reply"), reply()));
    ok(hub.post("gulou.window.clerk", path(yingzhou, "acknowledge"), ""));
    templates.add(read("answered and closed (Yingzhou)", yingzhou, 3, engine, database));

    String clarified = raise(hub, "window.clerk", "350102008");
    ok(hub.post("shuibu.officer", path(clarified, "accept"), ""));
    ok(
        hub.post(
            "shuibu.officer",
            path(clarified, "clarification"),
            Map.of("question", "请提供旧身份证号码的签发年份")));
    ok(
        hub.post(
            "window.clerk", path(clarified, "clarification/answer"), Map.of("answer", "1986年签发")));
    ok(hub.post("shuibu.officer", path(clarified, "reply"), reply()));
    ok(hub.post("window.clerk", path(clarified, "acknowledge"), ""));
    templates.add(read("clarified, answered, closed", clarified, 1, engine, database));

    String declined = raise(hub, "window.clerk", "350102008");
    ok(hub.post("shuibu.officer", path(declined, "accept"), ""));
    ok(
        hub.post(
            "shuibu.officer",
            path(declined, "forward"),
            Map.of("to", "FZ-PSB-GULOU-DONGJIE", "reason", "户籍已迁至东街辖区")));
    ok(
        hub.post(
            "dongjie.officer",
            path(declined, "decline"),
            Map.of("reasonCode", "NO_RECORD", "reason", "本所无此人户籍记录")));
    templates.add(read("forwarded and declined", declined, 1, engine, database));

    String dispatched = raise(hub, "gulou.window.clerk", "350102010");
    ok(
        hub.post(
            "gulou.supervisor",
            path(dispatched, "dispatch"),
            Map.of("unit", "FZ-PSB-GULOU-DONGJIE")));
    ok(hub.post("dongjie.officer", path(dispatched, "accept"), ""));
    Instant dueAt =
        Instant.parse(hub.get("gulou.supervisor", "/api/v1/requests/" + dispatched).text("/dueAt"));
    ok(
        hub.post(
            "gulou.supervisor",
            path(dispatched, "extend"),
            Map.of("until", dueAt.plusSeconds(3600).toString(), "reason", "需调取纸质底册")));
    ok(hub.post("dongjie.officer", path(dispatched, "reply"), reply()));
    ok(hub.post("gulou.window.clerk", path(dispatched, "acknowledge"), ""));
    templates.add(read("dispatched, extended, closed", dispatched, 1, engine, database));

    String withdrawn = raise(hub, "realestate.clerk", "350102004");
    ok(hub.post("realestate.clerk", path(withdrawn, "withdraw"), Map.of("reason", "申请人撤回申请")));
    templates.add(read("withdrawn", withdrawn, 1, engine, database));
    return templates;
  }

  private static Template read(
      String name, String requestId, int weight, EventStorageEngine engine, MongoDatabase db) {
    List<DomainEventMessage<?>> events = new ArrayList<>();
    DomainEventStream stream = engine.readEvents(requestId);
    while (stream.hasNext()) {
      DomainEventMessage<?> event = stream.next();
      event.getPayload(); // deserialized now, once
      events.add(event);
    }
    List<Document> commits = new ArrayList<>();
    db.getCollection(SequencedMongoEventStorageEngine.COMMITS)
        .find(eq("aggregateId", requestId))
        .forEach(commits::add);
    commits.sort(java.util.Comparator.comparingLong(c -> ((Number) c.get("firstSeq")).longValue()));
    List<List<DomainEventMessage<?>>> units = new ArrayList<>();
    int from = 0;
    for (Document commit : commits) {
      int count = ((Number) commit.get("count")).intValue();
      units.add(List.copyOf(events.subList(from, from + count)));
      from += count;
    }
    assertThat(from).as("events of " + requestId + " in its commits").isEqualTo(events.size());
    return new Template(name, requestId, units, weight);
  }

  private static String raise(HubClient hub, String clerk, String street) {
    Answer raised =
        hub.post(
            clerk,
            "/api/v1/requests",
            samePersonBody(street),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }

  /** Mr Lin's same-person request, his household in {@code street}. */
  static Map<String, Object> samePersonBody(String street) {
    return Map.of(
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
  }

  static Map<String, Object> reply() {
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
}
