package org.proofassist.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient.Answer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The README's demo, as a new user would try it: on the embedded default with the on-disk store, a
 * same-person request goes from the service centre's window to the Shuibu police station and back
 * with a stamped reply; then the hub is stopped and started again on the same data, and every
 * request, its history and every view are exactly as before.
 */
class DemoWalkThroughTest {

  @TempDir Path data;

  static Map<String, Object> samePersonBody() {
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

  /** Where the hub keeps its events: the embedded default here; a real MongoDB in a subclass. */
  protected List<String> storeArguments() {
    return List.of();
  }

  private ConfigurableApplicationContext start() {
    List<String> arguments =
        new java.util.ArrayList<>(
            List.of("--server.port=0", "--hub.data-dir=" + data, "--spring.main.banner-mode=off"));
    arguments.addAll(storeArguments());
    return new SpringApplicationBuilder(ProofAssistHubApplication.class)
        .run(arguments.toArray(String[]::new));
  }

  private static int port(ConfigurableApplicationContext context) {
    return ((WebServerApplicationContext) context).getWebServer().getPort();
  }

  @Test
  void samePersonRequestGoesToShuibuAndComesBackSealedAndSurvivesARestart() {
    String id;
    Map<String, JsonNode> before;
    try (ConfigurableApplicationContext hub = start()) {
      HubClient client = new HubClient(port(hub));

      Answer raised =
          client.post(
              "window.clerk",
              "/api/v1/requests",
              samePersonBody(),
              Map.of("Idempotency-Key", "demo-0001"));
      assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
      id = raised.text("/id");
      assertThat(raised.header("Location")).isEqualTo("/api/v1/requests/" + id);
      assertThat(raised.text("/status")).isEqualTo("ROUTED");
      assertThat(raised.text("/routedTo/authority")).isEqualTo("FZ-PSB-GULOU");
      assertThat(raised.text("/routedTo/unit")).isEqualTo("FZ-PSB-GULOU-SHUIBU");
      assertThat(raised.json().has("dueAt")).isTrue();

      Answer deadline = client.get("window.clerk", "/api/v1/requests/" + id + "/deadline");
      assertThat(deadline.status()).as(deadline.raw().body()).isEqualTo(200);
      assertThat(deadline.text("/serviceLevel")).isEqualTo("1 working day");
      assertThat(deadline.text("/officeHoursOf")).isEqualTo("FZ-PSB-GULOU-SHUIBU");
      assertThat(deadline.json().at("/officeMinutes").asLong()).isEqualTo(390);
      assertThat(deadline.text("/countedDueAt")).isEqualTo(deadline.text("/dueAt"));
      assertThat(
              java.time.Instant.parse(raised.text("/dueAt"))
                  .equals(java.time.Instant.parse(deadline.text("/dueAt"))))
          .isTrue();

      Answer retried =
          client.post(
              "window.clerk",
              "/api/v1/requests",
              samePersonBody(),
              Map.of("Idempotency-Key", "demo-0001"));
      assertThat(retried.status()).isEqualTo(200);
      assertThat(retried.text("/id")).isEqualTo(id);

      Answer inbox = client.get("shuibu.officer", "/api/v1/requests?view=inbox");
      assertThat(inbox.status()).isEqualTo(200);
      assertThat(inbox.json().at("/items").findValuesAsText("id")).contains(id);
      JsonNode listed = item(inbox.json(), id);
      assertThat(listed.at("/subject/name").asText()).isEqualTo("林**");
      assertThat(listed.at("/subject/idNumber").asText()).isEqualTo("350102********1236");
      assertThat(listed.at("/officeMinutesLeft").asLong())
          .as("one working day, just raised")
          .isBetween(380L, 390L);
      assertThat(listed.at("/overdue").asBoolean()).isFalse();

      assertThat(client.get("dongjie.officer", "/api/v1/requests/" + id).status()).isEqualTo(404);
      assertThat(client.get("gulou.supervisor", "/api/v1/requests/" + id).status()).isEqualTo(200);

      Answer accepted = client.post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "");
      assertThat(accepted.status()).as(accepted.raw().body()).isEqualTo(200);
      assertThat(accepted.text("/status")).isEqualTo("ACCEPTED");

      Answer replied =
          client.post(
              "shuibu.officer",
              "/api/v1/requests/" + id + "/reply",
              Map.of(
                  "outcome", "CONFIRMED",
                  "statement", "经核查，350102196805121236与350102680512123系同一人。",
                  "facts", Map.of("legacyNumberConvertsTo", "350102196805121236")));
      assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);
      assertThat(replied.text("/status")).isEqualTo("ANSWERED");

      Answer waiting = client.get("window.clerk", "/api/v1/requests?view=waiting");
      assertThat(item(waiting.json(), id).at("/replyReady").asBoolean()).isTrue();

      Answer reply = client.get("window.clerk", "/api/v1/requests/" + id + "/reply");
      assertThat(reply.status()).isEqualTo(200);
      assertThat(reply.text("/issuingDepartment")).isEqualTo("FZ-PSB-GULOU-SHUIBU");
      assertThat(reply.text("/outcome")).isEqualTo("CONFIRMED");

      Answer verdict =
          client.post("window.clerk", "/api/v1/seals/verify", Map.of("jws", reply.text("/jws")));
      assertThat(verdict.status()).isEqualTo(200);
      assertThat(verdict.text("/verdict")).isEqualTo("INTACT");
      assertThat(verdict.json().at("/intact").asBoolean()).isTrue();
      assertThat(verdict.text("/department")).isEqualTo("FZ-PSB-GULOU-SHUIBU");

      Answer acknowledged =
          client.post("window.clerk", "/api/v1/requests/" + id + "/acknowledge", "");
      assertThat(acknowledged.status()).as(acknowledged.raw().body()).isEqualTo(200);
      assertThat(acknowledged.text("/status")).isEqualTo("CLOSED");

      Answer history =
          client.get("auditor", "/api/v1/requests/" + id + "/events?purpose=audit-case-2026-17");
      assertThat(history.json().at("/events").findValuesAsText("type"))
          .containsExactly(
              "VerificationRequestRaised",
              "RequestRouted",
              "RequestAccepted",
              "ReplyIssued",
              "ReplyAcknowledged");

      before = snapshot(client, id);
      assertThat(before.get("waiting").at("/items").findValuesAsText("id")).contains(id);
      assertThat(before.get("inbox").at("/items").findValuesAsText("id")).contains(id);
      assertThat(
              client
                  .get("window.clerk", "/api/v1/requests?view=waiting")
                  .json()
                  .at("/items")
                  .findValuesAsText("id"))
          .doesNotContain(id);
    }

    try (ConfigurableApplicationContext hub = start()) {
      HubClient client = new HubClient(port(hub));
      Map<String, JsonNode> after = snapshot(client, id);
      assertThat(after).isEqualTo(before);
      Answer verdict =
          client.post(
              "auditor",
              "/api/v1/seals/verify",
              Map.of("jws", after.get("reply").at("/jws").asText()));
      assertThat(verdict.text("/verdict")).isEqualTo("INTACT");
    }
  }

  private static Map<String, JsonNode> snapshot(HubClient client, String id) {
    return Map.of(
        "request", withoutOverdue(client.get("window.clerk", "/api/v1/requests/" + id).json()),
        "reply", client.get("window.clerk", "/api/v1/requests/" + id + "/reply").json(),
        "events", client.get("window.clerk", "/api/v1/requests/" + id + "/events").json(),
        "waiting",
            client
                .get("window.clerk", "/api/v1/requests?view=waiting&status=CLOSED&size=100")
                .json(),
        "inbox",
            client
                .get("shuibu.officer", "/api/v1/requests?view=inbox&status=CLOSED&size=100")
                .json());
  }

  private static JsonNode withoutOverdue(JsonNode request) {
    ((com.fasterxml.jackson.databind.node.ObjectNode) request).remove("overdue");
    return request;
  }

  private static JsonNode item(JsonNode page, String id) {
    for (JsonNode item : page.at("/items")) {
      if (item.at("/id").asText().equals(id)) {
        return item;
      }
    }
    throw new AssertionError("request " + id + " is not in " + page);
  }
}
