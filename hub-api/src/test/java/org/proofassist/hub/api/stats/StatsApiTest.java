package org.proofassist.hub.api.stats;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The statistics over real HTTP on the embedded default: requests raised, answered, declined and
 * left open through the API appear in {@code GET /api/v1/stats} as JSON and as CSV, for those who
 * may read them.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class StatsApiTest {

  static final String SHUIBU = "FZ-PSB-GULOU-SHUIBU";
  static final String DONGJIE = "FZ-PSB-GULOU-DONGJIE";

  @TempDir static Path data;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> data.toString());
  }

  @LocalServerPort int port;

  /** Whether the requests of all tests were raised (once: the tests share the hub). */
  static boolean raised;

  /** Today in Fuzhou, and the days either side, so that midnight during the test does no harm. */
  final LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));

  final String range = "from=" + today.minusDays(1) + "&to=" + today.plusDays(1);

  private HubClient client() {
    return new HubClient(port);
  }

  private static Map<String, Object> body(String proofType, String street) {
    Map<String, Object> subject = new HashMap<>();
    subject.put("name", "林某某");
    subject.put("idNumber", "350102196805121236");
    subject.put("otherIdNumbers", List.of("350102680512123"));
    subject.put("householdDivision", street);
    subject.put("address", "福州市鼓楼区古田路88号");
    return Map.of(
        "proofType",
        proofType,
        "subject",
        subject,
        "matter",
        Map.of("code", "REAL_ESTATE_DEREGISTRATION", "caseNumber", "FZ-2026-000123"),
        "question",
        "请协助核实。");
  }

  private String raise(String proofType, String street) {
    Answer raised =
        client()
            .post(
                "window.clerk",
                "/api/v1/requests",
                body(proofType, street),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }

  /**
   * Three same-person requests to Shuibu (one answered, one declined, one left open) and a
   * household registration request to Dongjie (left open), raised before the first test.
   */
  @BeforeEach
  void raiseAnswerAndDeclineOnce() {
    if (raised) {
      return;
    }
    raised = true;
    String answered = raise("SAME_PERSON", "350102008");
    String declined = raise("SAME_PERSON", "350102008");
    raise("SAME_PERSON", "350102008");
    raise("HOUSEHOLD_REGISTRATION", "350102004");
    HubClient client = client();
    assertThat(
            client.post("shuibu.officer", "/api/v1/requests/" + answered + "/accept", "").status())
        .isEqualTo(200);
    Answer reply =
        client.post(
            "shuibu.officer",
            "/api/v1/requests/" + answered + "/reply",
            Map.of(
                "outcome", "CONFIRMED",
                "statement", "经核查，350102196805121236与350102680512123系同一人。",
                "facts", Map.of("legacyNumberConvertsTo", "350102196805121236")));
    assertThat(reply.status()).as(reply.raw().body()).isEqualTo(200);
    Answer decline =
        client.post(
            "shuibu.officer",
            "/api/v1/requests/" + declined + "/decline",
            Map.of("reasonCode", "NO_RECORD", "reason", "本所无此人户籍记录"));
    assertThat(decline.status()).as(decline.raw().body()).isEqualTo(200);
  }

  /** Asks until the statistics show what {@code ready} waits for (the projection runs behind). */
  private Answer awaitStats(String user, String query, Predicate<JsonNode> ready) {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    Answer answer = client().get(user, "/api/v1/stats?" + query);
    while (!(answer.status() == 200 && ready.test(answer.json())) && System.nanoTime() < deadline) {
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      answer = client().get(user, "/api/v1/stats?" + query);
    }
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    assertThat(ready.test(answer.json())).as(answer.raw().body()).isTrue();
    return answer;
  }

  /** The sum of one figure over the rows of a group (over all periods of the range). */
  private static long sum(JsonNode report, String group, String figure) {
    long sum = 0;
    for (JsonNode row : report.at("/rows")) {
      boolean match =
          group == null ? row.at("/total").asBoolean() : group.equals(row.at("/group").asText());
      if (match) {
        sum += row.at("/" + figure).asLong();
      }
    }
    return sum;
  }

  private static JsonNode rowOf(JsonNode report, String group) {
    for (JsonNode row : report.at("/rows")) {
      if (group.equals(row.at("/group").asText()) && row.at("/volume").asLong() > 0) {
        return row;
      }
    }
    throw new AssertionError("no row of " + group + " in " + report);
  }

  @Test
  void anAuditorSeesVolumesAnswersAndDeclinesPerDepartment() {
    JsonNode report =
        awaitStats(
                "auditor",
                range + "&groupBy=department&period=day",
                json -> sum(json, SHUIBU, "answered") == 1 && sum(json, SHUIBU, "declined") == 1)
            .json();

    assertThat(report.at("/groupBy").asText()).isEqualTo("department");
    assertThat(report.at("/period").asText()).isEqualTo("day");
    assertThat(report.at("/from").asText()).isEqualTo(today.minusDays(1).toString());
    assertThat(report.at("/asOf").asText()).isNotBlank();
    assertThat(sum(report, SHUIBU, "volume")).isEqualTo(3);
    assertThat(sum(report, SHUIBU, "answeredOnTime")).isEqualTo(1);
    assertThat(sum(report, SHUIBU, "open")).isEqualTo(1);
    assertThat(sum(report, SHUIBU, "commitments")).isZero();
    assertThat(sum(report, DONGJIE, "volume")).isEqualTo(1);
    assertThat(sum(report, DONGJIE, "open")).isEqualTo(1);
    assertThat(sum(report, null, "volume")).isEqualTo(4);
    assertThat(sum(report, null, "answered")).isEqualTo(1);

    JsonNode shuibu = rowOf(report, SHUIBU);
    assertThat(shuibu.at("/groupName").asText()).isEqualTo("福州市公安局鼓楼分局水部派出所");
    assertThat(shuibu.at("/onTimeShare").asDouble()).isEqualTo(1.0);
    assertThat(shuibu.at("/medianResponseSeconds").isIntegralNumber()).isTrue();
    assertThat(shuibu.at("/medianResponseSeconds").asLong())
        .isEqualTo(shuibu.at("/p90ResponseSeconds").asLong())
        .isBetween(0L, 600L);
    assertThat(rowOf(report, DONGJIE).has("onTimeShare"))
        .as("nothing answered: no share")
        .isFalse();
    // three days, each with its total row
    assertThat(report.at("/rows").findValues("total").stream().filter(JsonNode::asBoolean))
        .hasSize(3);
  }

  @Test
  void perProofTypeAndMonthTheSameRequestsAreCountedByWhatWasAskedFor() {
    JsonNode report =
        awaitStats(
                "gulou.supervisor",
                range + "&groupBy=proofType",
                json -> sum(json, "SAME_PERSON", "declined") == 1)
            .json();

    assertThat(report.at("/period").asText()).isEqualTo("month");
    assertThat(sum(report, "SAME_PERSON", "volume")).isEqualTo(3);
    assertThat(sum(report, "HOUSEHOLD_REGISTRATION", "volume")).isEqualTo(1);
    assertThat(rowOf(report, "SAME_PERSON").at("/groupName").asText()).isEqualTo("同一人证明");
    assertThat(sum(report, null, "volume")).isEqualTo(4);
  }

  @Test
  void theSameRowsComeAsACsvDownload() {
    JsonNode json =
        awaitStats(
                "auditor",
                range + "&groupBy=department&period=day",
                report -> sum(report, SHUIBU, "declined") == 1)
            .json();

    HttpResponse<byte[]> download =
        client().download("auditor", "/api/v1/stats?" + range + "&period=day&format=csv");

    assertThat(download.statusCode()).isEqualTo(200);
    assertThat(download.headers().firstValue("Content-Type").orElseThrow())
        .isEqualToIgnoringCase("text/csv;charset=UTF-8");
    assertThat(download.headers().firstValue("Content-Disposition").orElseThrow())
        .isEqualTo(
            "attachment; filename=\"stats-"
                + today.minusDays(1)
                + "-"
                + today.plusDays(1)
                + ".csv\"");
    byte[] body = download.body();
    assertThat(Arrays.copyOf(body, 3)).containsExactly(0xEF, 0xBB, 0xBF);
    List<String> lines =
        List.of(new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n"));
    assertThat(lines.get(0))
        .isEqualTo(
            "period,total,group,groupName,volume,answered,answeredOnTime,onTimeShare,"
                + "medianResponseSeconds,p90ResponseSeconds,lateReplies,escalated,timedOut,"
                + "declined,commitments,withdrawn,open");
    assertThat(lines).hasSize(1 + json.at("/rows").size());
    List<String[]> shuibu = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.split(",", -1);
      assertThat(cells).hasSize(17);
      if (cells[2].equals(SHUIBU)) {
        shuibu.add(cells);
      }
    }
    assertThat(shuibu).hasSize(1);
    String[] row = shuibu.get(0);
    assertThat(row[1]).isEqualTo("false");
    assertThat(row[3]).isEqualTo("福州市公安局鼓楼分局水部派出所");
    assertThat(row[4]).isEqualTo("3");
    assertThat(row[5]).isEqualTo("1");
    assertThat(row[7]).isEqualTo("1.0000");
    assertThat(row[13]).isEqualTo("1");
    assertThat(row[16]).isEqualTo("1");

    HttpResponse<byte[]> byAccept =
        withAccept("hub.admin", "/api/v1/stats?" + range + "&period=day", "text/csv");
    assertThat(byAccept.statusCode()).isEqualTo(200);
    assertThat(byAccept.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/csv");
    assertThat(new String(byAccept.body(), StandardCharsets.UTF_8))
        .contains(SHUIBU + ",福州市公安局鼓楼分局水部派出所,3,1,1,1.0000");
  }

  /** A GET with an Accept header, its body as bytes. */
  private HttpResponse<byte[]> withAccept(String user, String path, String accept) {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .header(
                "Authorization",
                "Basic "
                    + Base64.getEncoder()
                        .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)))
            .header("Accept", accept)
            .GET()
            .build();
    try {
      return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void windowsAndStationsMayNotReadStatistics() {
    for (String user : List.of("window.clerk", "shuibu.officer")) {
      Answer refused = client().get(user, "/api/v1/stats?" + range);
      assertThat(refused.status()).as(user).isEqualTo(403);
      assertThat(refused.header("Content-Type")).startsWith("application/problem+json");
      assertThat(refused.text("/code")).isEqualTo("STATISTICS_NOT_ALLOWED");
    }
    assertThat(client().get(null, "/api/v1/stats?" + range).status()).isEqualTo(401);
    assertThat(client().get("hub.admin", "/api/v1/stats?" + range).status()).isEqualTo(200);
  }

  @Test
  void badParametersAreRefusedNamingTheParameter() {
    assertRefused("from=2026-03-01&to=2026-03-31&groupBy=unit", "groupBy", "UNKNOWN_GROUP_BY");
    assertRefused("from=2026-03-31&to=2026-03-01", "to", "TO_BEFORE_FROM");
    assertRefused("from=2025-01-01&to=2026-01-02", "to", "RANGE_TOO_LONG");
    assertRefused("to=2026-03-01", "from", "FROM_MISSING");
    assertRefused("from=2026-13-01&to=2026-03-01", "from", "DATE_FORMAT");
    assertRefused("from=2026-03-01&to=2026-03-31&period=week", "period", "UNKNOWN_PERIOD");
    assertRefused("from=2026-03-01&to=2026-03-31&format=xml", "format", "UNKNOWN_FORMAT");
    assertThat(client().get("auditor", "/api/v1/stats?from=2025-01-01&to=2026-01-01").status())
        .as("366 days are allowed")
        .isEqualTo(200);

    HttpResponse<byte[]> csvWanted =
        withAccept("auditor", "/api/v1/stats?from=2026-03-31&to=2026-03-01", "text/csv");
    assertThat(csvWanted.statusCode()).isEqualTo(400);
    assertThat(csvWanted.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(new String(csvWanted.body(), StandardCharsets.UTF_8)).contains("\"field\":\"to\"");
  }

  private void assertRefused(String query, String field, String code) {
    Answer answer = client().get("auditor", "/api/v1/stats?" + query);
    assertThat(answer.status()).as(query + ": " + answer.raw().body()).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().at("/field").asText()).as(query).isEqualTo(field);
    assertThat(answer.json().at("/code").asText()).as(query).isEqualTo(code);
  }
}
