package org.proofassist.hub.api.audit;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Updates;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.api.audit.chain.AuditBundleCheckCommand;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The tamper-evident audit log as an auditor uses it, over HTTP on the embedded default: requests
 * are raised and answered, the chain covers them and verifies intact; one stored event is edited
 * directly in MongoDB and the verification names it; restored, the chain is intact again. A
 * request's bundle is exported and checked by the offline verifier, then tampered with.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogTest {

  @TempDir static Path data;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> data.toString());
    registry.add("hub.audit.checkpoint-every", () -> "5");
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  @TempDir Path files;

  private HubClient client() {
    return new HubClient(port);
  }

  @Test
  void theChainNamesAnEditedEventAndABundleIsCheckedOffline() throws Exception {
    String first = raise();
    String second = raise();
    String answered = raise();
    answer(answered);
    awaitChainCoversTheEventStore();

    Answer intact = client().get("auditor", "/api/v1/audit/verify");
    assertThat(intact.status()).as(intact.raw().body()).isEqualTo(200);
    assertThat(intact.json().at("/intact").asBoolean()).as(intact.raw().body()).isTrue();
    assertThat(intact.json().at("/entriesChecked").asLong()).isGreaterThanOrEqualTo(8);
    assertThat(intact.json().at("/checkpointsChecked").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(intact.json().has("firstMismatch")).isTrue();
    assertThat(intact.json().get("firstMismatch").isNull()).isTrue();
    assertThat(intact.json().at("/lastCheckpoint/signer").asText())
        .contains("Proof Assist Hub Audit Log");

    // Someone with database access changes the question of a raised request.
    MongoCollection<Document> commits = mongo.getCollection("event_commits");
    Document commit = commits.find(eq("aggregateId", second)).first();
    Document raised = commit.getList("events", Document.class).get(0);
    String payload = raised.getString("payload");
    assertThat(payload).contains("同一人");
    commits.updateOne(
        eq("_id", commit.get("_id")),
        Updates.set("events.0.payload", payload.replace("同一人", "不同人")));

    Answer altered = client().get("auditor", "/api/v1/audit/verify");
    assertThat(altered.json().at("/intact").asBoolean()).isFalse();
    JsonNode mismatch = altered.json().get("firstMismatch");
    assertThat(mismatch.at("/position").asLong()).isEqualTo(commit.getLong("_id"));
    assertThat(mismatch.at("/eventId").asText()).isEqualTo(raised.getString("id"));
    assertThat(mismatch.at("/requestId").asText()).isEqualTo(second);
    assertThat(mismatch.at("/reason").asText()).contains("stored event differs");
    assertThat(mismatch.at("/expected").asText()).isNotEqualTo(mismatch.at("/found").asText());

    commits.updateOne(eq("_id", commit.get("_id")), Updates.set("events.0.payload", payload));
    assertThat(client().get("auditor", "/api/v1/audit/verify").json().at("/intact").asBoolean())
        .isTrue();

    // The bundle of the answered request, checked offline against the hub's trust anchor.
    Answer export =
        client()
            .send(
                "auditor",
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create(
                            "http://localhost:"
                                + port
                                + "/api/v1/audit/requests/"
                                + answered
                                + "/export"))
                    .GET(),
                Map.of("X-Purpose", "audit-case-2026-17"));
    assertThat(export.status()).as(export.raw().body()).isEqualTo(200);
    assertThat(export.header("Content-Disposition")).contains("audit-" + answered + ".json");
    JsonNode bundle = export.json();
    assertThat(bundle.at("/requestId").asText()).isEqualTo(answered);
    assertThat(bundle.at("/events").size()).isGreaterThanOrEqualTo(4);
    assertThat(bundle.at("/sealedReply/jws").asText()).isNotBlank();
    assertThat(
            mongo
                .getCollection(PersonalDataReads.COLLECTION)
                .countDocuments(eq("what", "audit-bundle")))
        .isEqualTo(1);

    Path anchor = data.resolve("pki").resolve("trust-anchor.pem");
    Path bundleFile = files.resolve("bundle.json");
    Files.writeString(bundleFile, export.raw().body());
    Checked good = check("--trust-anchor", anchor.toString(), bundleFile.toString());
    assertThat(good.status()).as(good.out()).isEqualTo(AuditBundleCheckCommand.EXIT_INTACT);
    assertThat(good.out()).contains("INTACT").contains(answered);

    ObjectNode tampered = (ObjectNode) JSON.readTree(export.raw().body());
    ObjectNode event = (ObjectNode) tampered.at("/events/0/event");
    event.put("payload", event.get("payload").asText().replace("同一人", "不同人"));
    Path tamperedFile = files.resolve("tampered.json");
    Files.writeString(tamperedFile, JSON.writeValueAsString(tampered));
    Checked bad = check("--trust-anchor", anchor.toString(), tamperedFile.toString());
    assertThat(bad.status()).as(bad.out()).isEqualTo(AuditBundleCheckCommand.EXIT_ALTERED);
    assertThat(bad.out()).contains("ALTERED").contains("was changed");

    ObjectNode otherReply = (ObjectNode) JSON.readTree(export.raw().body());
    ((ObjectNode) otherReply.get("sealedReply")).put("jws", "{\"payload\":\"x\"}");
    Path otherReplyFile = files.resolve("other-reply.json");
    Files.writeString(otherReplyFile, JSON.writeValueAsString(otherReply));
    assertThat(check(otherReplyFile.toString()).status())
        .isEqualTo(AuditBundleCheckCommand.EXIT_ALTERED);

    Path garbage = files.resolve("garbage.json");
    Files.writeString(garbage, "not a bundle");
    assertThat(check(garbage.toString()).status()).isEqualTo(AuditBundleCheckCommand.EXIT_UNUSABLE);
    assertThat(check().status()).isEqualTo(AuditBundleCheckCommand.EXIT_UNUSABLE);

    assertThat(client().get("auditor", "/api/v1/audit/requests/" + first + "/export").status())
        .isEqualTo(200);
  }

  @Test
  void onlyAuditorsReachTheAuditLogAndUnknownRequestsAreNotFound() {
    assertThat(client().get("window.clerk", "/api/v1/audit/verify").status()).isEqualTo(403);
    assertThat(client().get("hub.admin", "/api/v1/audit/chain").status()).isEqualTo(403);
    Answer unknown =
        client().get("auditor", "/api/v1/audit/requests/VR-0000000000000000000Z/export");
    assertThat(unknown.status()).as(unknown.raw().body()).isEqualTo(404);
    assertThat(client().get("auditor", "/api/v1/audit/requests/nonsense/export").status())
        .isEqualTo(400);
    Answer chain = client().get("auditor", "/api/v1/audit/chain");
    assertThat(chain.status()).isEqualTo(200);
    assertThat(chain.json().at("/writer").asText()).isNotBlank();
  }

  private String raise() {
    Answer raised =
        client()
            .post(
                "window.clerk",
                "/api/v1/requests",
                samePersonBody(),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }

  /** The README's same-person request (as {@code DemoWalkThroughTest} raises it). */
  private static Map<String, Object> samePersonBody() {
    return Map.of(
        "proofType",
        "SAME_PERSON",
        "subject",
        Map.of(
            "name", "林某某",
            "idNumber", "350102196805121236",
            "otherIdNumbers", List.of("350102680512123"),
            "householdDivision", "350102008",
            "address", "福州市鼓楼区水部街道古田路88号"),
        "matter",
        Map.of("code", "REAL_ESTATE_DEREGISTRATION", "caseNumber", "FZ-2026-000123"),
        "question",
        "请核实上述两个身份证号码是否为同一人");
  }

  private void answer(String id) {
    Answer accepted = client().post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "");
    assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
    Answer replied =
        client()
            .post(
                "shuibu.officer",
                "/api/v1/requests/" + id + "/reply",
                Map.of(
                    "outcome", "CONFIRMED",
                    "statement", "经核查，两个号码系同一人。",
                    "facts", Map.of("legacyNumberConvertsTo", "350102196805121236")));
    assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);
  }

  private void awaitChainCoversTheEventStore() throws InterruptedException {
    Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
    JsonNode status = null;
    while (Instant.now().isBefore(deadline)) {
      status = client().get("auditor", "/api/v1/audit/chain").json();
      if (status.at("/position").asLong() >= status.at("/eventStoreHead").asLong()
          && status.at("/lastCheckpoint").asLong() > 0) {
        return;
      }
      Thread.sleep(100);
    }
    throw new AssertionError("the audit chain did not catch up: " + status);
  }

  private record Checked(int status, String out) {}

  private static Checked check(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        new AuditBundleCheckCommand(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .run(args);
    return new Checked(
        status, out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8));
  }
}
