package org.proofassist.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The API's rules, over real HTTP on the embedded default: who may do what, how bad input is
 * answered (RFC 9457 problems naming the field), and that a refused call changes nothing.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ApiRulesTest {

  @TempDir static Path data;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> data.toString());
  }

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  private HubClient client() {
    return new HubClient(port);
  }

  private static Map<String, Object> body(String street) {
    Map<String, Object> body = new HashMap<>(DemoWalkThroughTest.samePersonBody());
    @SuppressWarnings("unchecked")
    Map<String, Object> subject = new HashMap<>((Map<String, Object>) body.get("subject"));
    subject.put("householdDivision", street);
    body.put("subject", subject);
    return body;
  }

  private String raised(String street) {
    Answer raised =
        client()
            .post(
                "window.clerk",
                "/api/v1/requests",
                body(street),
                Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }

  private long storedEvents() {
    return mongo
        .getCollection("event_commits")
        .countDocuments(
            com.mongodb.client.model.Filters.not(
                com.mongodb.client.model.Filters.regex("stream", "^~void/")));
  }

  private static void assertProblem(Answer answer, int status, String field) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(status);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.json().at("/status").asInt()).isEqualTo(status);
    assertThat(answer.json().at("/title").asText()).isNotBlank();
    if (field != null) {
      assertThat(answer.json().at("/field").asText()).isEqualTo(field);
    }
  }

  @Test
  void callsWithoutValidCredentialsAreRefused() {
    assertProblem(client().get(null, "/api/v1/proof-types"), 401, null);
    Answer wrongPassword =
        client()
            .send(
                "nobody",
                java.net.http.HttpRequest.newBuilder(
                        java.net.URI.create("http://localhost:" + port + "/api/v1/proof-types"))
                    .GET(),
                Map.of());
    assertProblem(wrongPassword, 401, null);
  }

  @Test
  void auditorsReadButChangeNothing() {
    long before = storedEvents();
    assertProblem(client().post("auditor", "/api/v1/requests", body("350102008")), 403, null);
    assertThat(storedEvents()).isEqualTo(before);
    String id = raised("350102008");
    assertThat(
            client()
                .get("auditor", "/api/v1/requests/" + id + "?purpose=audit-case-2026-17")
                .status())
        .isEqualTo(200);
    assertProblem(client().post("auditor", "/api/v1/requests/" + id + "/accept", ""), 403, null);
  }

  @Test
  void theSupervisingSubBureauExtendsADeadlineAndBadExtensionsChangeNothing() {
    String id = raised("350102008");
    Answer before = client().get("gulou.supervisor", "/api/v1/requests/" + id + "/deadline");
    java.time.Instant dueAt = java.time.Instant.parse(before.text("/dueAt"));
    long events = storedEvents();

    assertProblem(
        client()
            .post(
                "gulou.supervisor",
                "/api/v1/requests/" + id + "/extend",
                Map.of("until", "2020-01-01T00:00:00Z", "reason", "x")),
        422,
        "until");
    assertProblem(
        client()
            .post(
                "gulou.supervisor",
                "/api/v1/requests/" + id + "/extend",
                Map.of(
                    "until", dueAt.plus(java.time.Duration.ofDays(60)).toString(), "reason", "x")),
        422,
        "until");
    assertProblem(
        client()
            .post("gulou.supervisor", "/api/v1/requests/" + id + "/extend", Map.of("reason", "x")),
        400,
        "until");
    assertProblem(
        client()
            .post(
                "shuibu.officer",
                "/api/v1/requests/" + id + "/extend",
                Map.of("until", dueAt.plusSeconds(3600).toString(), "reason", "x")),
        403,
        null);
    assertThat(storedEvents()).isEqualTo(events);

    java.time.Instant until = dueAt.plusSeconds(3600);
    Answer extended =
        client()
            .post(
                "gulou.supervisor",
                "/api/v1/requests/" + id + "/extend",
                Map.of("until", until.toString(), "reason", "需调取纸质底册"));
    assertThat(extended.status()).as(extended.raw().body()).isEqualTo(200);
    Answer after = client().get("window.clerk", "/api/v1/requests/" + id + "/deadline");
    assertThat(java.time.Instant.parse(after.text("/dueAt"))).isEqualTo(until);
    assertThat(after.text("/extensions/0/reason")).isEqualTo("需调取纸质底册");
    assertThat(after.text("/extensions/0/grantedBy/userId")).isEqualTo("gulou.supervisor");
  }

  @Autowired org.axonframework.deadline.DeadlineManager deadlines;

  /** Schedules one of a request's deadlines through the hub's deadline manager, due in a second. */
  private void fireSoon(String id, String deadline, java.time.Instant payload) {
    deadlines.schedule(
        java.time.Instant.now().plusSeconds(1),
        deadline,
        payload,
        new org.axonframework.modelling.command.AggregateScopeDescriptor(
            "VerificationRequest", id));
  }

  /** The request's event types once {@code type} is among them, or after 30 s. */
  private List<String> eventually(String id, String type) throws InterruptedException {
    List<String> types = List.of();
    for (int i = 0; i < 60 && !types.contains(type); i++) {
      Thread.sleep(500);
      types =
          client()
              .get("auditor", "/api/v1/requests/" + id + "/events?purpose=audit-case-2026-17")
              .json()
              .at("/events")
              .findValuesAsText("type");
    }
    return types;
  }

  @Test
  void aDeadlineScheduledThroughJobRunrFiresAndEscalatesTheRequest() throws Exception {
    String id = raised("350102008");
    Answer deadline = client().get("window.clerk", "/api/v1/requests/" + id + "/deadline");
    java.time.Instant dueAt = java.time.Instant.parse(deadline.text("/dueAt"));
    assertThat(deadlines)
        .isInstanceOf(org.axonframework.deadline.jobrunr.JobRunrDeadlineManager.class);

    // The request's own deadline, brought forward: JobRunr runs it within its polling interval.
    fireSoon(id, org.proofassist.hub.core.request.VerificationRequest.SERVICE_LEVEL_ENDS, dueAt);
    assertThat(eventually(id, "RequestEscalated")).contains("RequestEscalated");

    Answer early =
        client()
            .post(
                "window.clerk",
                "/api/v1/requests/" + id + "/commitment",
                Map.of("statement", "本人承诺所述属实"));
    assertProblem(early, 409, null);
    assertThat(early.text("/code")).isEqualTo("NOT_TIMED_OUT");

    // The end of the grace, brought forward too: the request times out.
    Answer view = client().get("window.clerk", "/api/v1/requests/" + id);
    java.time.Instant graceUntil = java.time.Instant.parse(view.text("/escalation/graceUntil"));
    fireSoon(id, org.proofassist.hub.core.request.VerificationRequest.GRACE_ENDS, graceUntil);
    assertThat(eventually(id, "RequestTimedOut")).contains("RequestTimedOut");
    Answer closed =
        client()
            .post(
                "window.clerk",
                "/api/v1/requests/" + id + "/commitment",
                Map.of("statement", "本人承诺所述属实，如有不实愿承担法律责任"));
    assertThat(closed.status()).as(closed.raw().body()).isEqualTo(200);
    assertThat(closed.text("/status")).isEqualTo("CLOSED");
    assertThat(
            client()
                .get("auditor", "/api/v1/requests/" + id + "/events?purpose=audit-case-2026-17")
                .json()
                .at("/events")
                .findValuesAsText("type"))
        .containsSubsequence("RequestEscalated", "RequestTimedOut", "CommitmentAccepted");
  }

  @Autowired org.jobrunr.storage.StorageProvider jobs;

  /** The deadlines the hub keeps for a request: name and JobRunr job id. */
  private List<org.bson.Document> scheduledFor(String id) {
    return mongo
        .getCollection(
            org.proofassist.hub.api.deadline.ScopeTrackingJobRunrDeadlineManager.COLLECTION)
        .find(
            com.mongodb.client.model.Filters.regex(
                "scope", java.util.regex.Pattern.quote("[" + id + "]")))
        .into(new java.util.ArrayList<>());
  }

  private org.jobrunr.jobs.states.StateName stateOfJob(org.bson.Document schedule) {
    return jobs.getJobById(UUID.fromString(schedule.getString("_id"))).getState();
  }

  @Test
  void withdrawingARequestCancelsItsPendingDeadlines() throws Exception {
    String id = raised("350102008");
    List<org.bson.Document> scheduled = scheduledFor(id);
    assertThat(scheduled)
        .extracting(d -> d.getString("name"))
        .containsExactlyInAnyOrder("reminder", "reminder", "service-level-ends");
    assertThat(scheduled)
        .extracting(this::stateOfJob)
        .containsOnly(org.jobrunr.jobs.states.StateName.SCHEDULED);

    Answer withdrawn =
        client()
            .post(
                "window.clerk",
                "/api/v1/requests/" + id + "/withdraw",
                Map.of("reason", "申请人撤回申请"));
    assertThat(withdrawn.status()).as(withdrawn.raw().body()).isEqualTo(200);

    for (int i = 0; i < 40 && !scheduledFor(id).isEmpty(); i++) {
      Thread.sleep(250);
    }
    assertThat(scheduledFor(id)).as("deadlines still kept for %s", id).isEmpty();
    assertThat(scheduled)
        .extracting(this::stateOfJob)
        .containsOnly(org.jobrunr.jobs.states.StateName.DELETED);
  }

  /** The calendar file of the demo, with one more holiday on {@code day}. */
  private static byte[] calendarWithHoliday(java.time.LocalDate day) throws Exception {
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    List<Map<String, Object>> years;
    try (var in =
        ApiRulesTest.class.getClassLoader().getResourceAsStream("fixtures/calendar.json")) {
      years = json.readValue(in, new com.fasterxml.jackson.core.type.TypeReference<>() {});
    }
    Map<String, Object> year =
        years.stream()
            .filter(y -> ((Number) y.get("year")).intValue() == day.getYear())
            .findFirst()
            .orElseGet(
                () -> {
                  Map<String, Object> added = new HashMap<>();
                  added.put("year", day.getYear());
                  added.put("official", false);
                  added.put("source", "test");
                  added.put("holidays", new java.util.ArrayList<>());
                  added.put("workingDays", new java.util.ArrayList<>());
                  years.add(added);
                  return added;
                });
    @SuppressWarnings("unchecked")
    List<Object> holidays = new java.util.ArrayList<>((List<Object>) year.get("holidays"));
    holidays.add(Map.of("name", "测试假日", "from", day.toString(), "to", day.toString()));
    year.put("holidays", holidays);
    return json.writeValueAsBytes(years);
  }

  private Answer installCalendar(String user, byte[] calendar) {
    return client().post(user, "/api/v1/admin/calendar/editions", calendar, "application/json");
  }

  @Test
  void aNewCalendarEditionMovesTheDeadlinesOfOpenRequestsAndRecordsWhy() throws Exception {
    String id = raised("350102008");
    java.time.Instant dueAt =
        java.time.Instant.parse(
            client().get("window.clerk", "/api/v1/requests/" + id).text("/dueAt"));
    java.time.LocalDate dueDay =
        dueAt.atZone(org.proofassist.hub.core.calendar.WorkingCalendar.CHINA).toLocalDate();
    byte[] original;
    try (var in =
        ApiRulesTest.class.getClassLoader().getResourceAsStream("fixtures/calendar.json")) {
      original = in.readAllBytes();
    }

    assertProblem(installCalendar("shuibu.officer", calendarWithHoliday(dueDay)), 403, null);
    assertProblem(
        installCalendar("hub.admin", "[{\"year\": 2026}]".getBytes(StandardCharsets.UTF_8)),
        400,
        "calendar");

    Answer installed = installCalendar("hub.admin", calendarWithHoliday(dueDay));
    try {
      assertThat(installed.status()).as(installed.raw().body()).isEqualTo(201);
      int edition = installed.json().at("/edition").asInt();
      assertThat(installed.json().at("/changes/0/date").asText()).isEqualTo(dueDay.toString());
      assertThat(installed.json().at("/changes/0/now").asText()).isEqualTo("public holiday 测试假日");

      Answer view = client().get("window.clerk", "/api/v1/requests/" + id);
      for (int i = 0; i < 60 && view.json().at("/recomputations/0").isMissingNode(); i++) {
        Thread.sleep(250);
        view = client().get("window.clerk", "/api/v1/requests/" + id);
      }
      assertThat(view.text("/recomputations/0/previousDueAt")).isEqualTo(dueAt.toString());
      assertThat(view.json().at("/recomputations/0/calendarEdition").asInt()).isEqualTo(edition);
      assertThat(view.text("/recomputations/0/changes/0/date")).isEqualTo(dueDay.toString());
      java.time.Instant moved = java.time.Instant.parse(view.text("/dueAt"));
      assertThat(moved).isAfter(dueAt);
      assertThat(
              moved.atZone(org.proofassist.hub.core.calendar.WorkingCalendar.CHINA).toLocalDate())
          .isNotEqualTo(dueDay);
      assertThat(eventually(id, "DeadlineRecomputed")).contains("DeadlineRecomputed");
      Answer explained = client().get("window.clerk", "/api/v1/requests/" + id + "/deadline");
      assertThat(explained.text("/recomputations/0/dueAt")).isEqualTo(moved.toString());

      Answer again = installCalendar("hub.admin", calendarWithHoliday(dueDay));
      assertThat(again.status()).as("the same edition again").isEqualTo(200);
      assertThat(again.json().at("/edition").asInt()).isEqualTo(edition);
      Answer listed = client().get("auditor", "/api/v1/admin/calendar/editions/" + edition);
      for (int i = 0; i < 40 && !"DONE".equals(listed.text("/recount/state")); i++) {
        Thread.sleep(250);
        listed = client().get("auditor", "/api/v1/admin/calendar/editions/" + edition);
      }
      assertThat(listed.text("/recount/state")).isEqualTo("DONE");
      assertThat(listed.json().at("/recount/checked").asLong()).isPositive();
    } finally {
      // Other tests count deadlines on the demo's calendar.
      Answer restored = installCalendar("hub.admin", original);
      assertThat(restored.status()).as(restored.raw().body()).isIn(200, 201);
      // and wait until the open deadlines are counted on it again, so nothing runs on into them
      String edition = restored.json().at("/edition").asText();
      for (int i = 0;
          i < 80
              && !"DONE"
                  .equals(
                      client()
                          .get("auditor", "/api/v1/admin/calendar/editions/" + edition)
                          .text("/recount/state"));
          i++) {
        Thread.sleep(250);
      }
    }
  }

  @Test
  void anAuditorSaysWhyPersonalDataIsReadAndSeesWhoReadACitizensData() {
    String id = raised("350102008");
    long before = mongo.getCollection("personal_data_reads").countDocuments();

    assertProblem(client().get("auditor", "/api/v1/requests/" + id), 400, "purpose");
    assertProblem(client().get("auditor", "/api/v1/requests/" + id + "/events"), 400, "purpose");
    assertThat(mongo.getCollection("personal_data_reads").countDocuments())
        .as("a refused read is not recorded")
        .isEqualTo(before);

    client().get("window.clerk", "/api/v1/requests/" + id);
    client().get("auditor", "/api/v1/requests/" + id + "?purpose=complaint-2026-0042");

    assertProblem(
        client().get("auditor", "/api/v1/audit/reads?idNumber=350102196805121236"), 400, "purpose");
    assertProblem(
        client().get("auditor", "/api/v1/audit/reads?idNumber=123&purpose=x"), 400, "idNumber");
    assertProblem(
        client().get("window.clerk", "/api/v1/audit/reads?idNumber=350102196805121236&purpose=x"),
        403,
        null);
    Answer log =
        client()
            .get(
                "auditor",
                "/api/v1/audit/reads?idNumber=350102196805121236&purpose=complaint-2026-0042");
    assertThat(log.status()).as(log.raw().body()).isEqualTo(200);
    assertThat(log.json().at("/reads/0/userId").asText()).isEqualTo("auditor");
    assertThat(log.json().at("/reads/0/purpose").asText()).isEqualTo("complaint-2026-0042");
    assertThat(log.json().at("/reads/0/requestId").asText()).isEqualTo(id);
    assertThat(log.json().at("/reads/1/userId").asText()).isEqualTo("window.clerk");
    assertThat(log.json().at("/total").asLong()).isGreaterThanOrEqualTo(2);
    assertThat(
            mongo
                .getCollection("personal_data_reads")
                .countDocuments(com.mongodb.client.model.Filters.eq("what", "read log")))
        .as("reading the read log is recorded too")
        .isPositive();
  }

  @Test
  void aRequestIsShownAsItWasAtAPastMoment() throws Exception {
    String id = raised("350102008");
    Thread.sleep(50);
    java.time.OffsetDateTime routed = java.time.OffsetDateTime.now(java.time.ZoneOffset.ofHours(8));
    Thread.sleep(50);
    assertThat(client().post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "").status())
        .isEqualTo(200);
    Answer replied =
        client()
            .post(
                "shuibu.officer",
                "/api/v1/requests/" + id + "/reply",
                Map.of("outcome", "CONFIRMED", "statement", "经核查系同一人。"));
    assertThat(replied.status()).as(replied.raw().body()).isEqualTo(200);

    Answer then =
        client()
            .get(
                "window.clerk",
                "/api/v1/requests/" + id + "?asOf=" + routed.toString().replace("+", "%2B"));
    assertThat(then.status()).as(then.raw().body()).isEqualTo(200);
    assertThat(then.text("/status")).isEqualTo("ROUTED");
    assertThat(then.json().at("/reply").isMissingNode() || then.json().at("/reply").isNull())
        .as("no reply yet at %s", routed)
        .isTrue();

    Answer now = client().get("window.clerk", "/api/v1/requests/" + id);
    assertThat(now.text("/status")).isEqualTo("ANSWERED");
    assertThat(now.json().at("/reply/outcome").asText()).isEqualTo("CONFIRMED");

    Answer before =
        client()
            .get("window.clerk", "/api/v1/requests/" + id + "?asOf=2020-01-01T10:00:00%2B08:00");
    assertProblem(before, 404, null);
    assertProblem(
        client().get("window.clerk", "/api/v1/requests/" + id + "?asOf=2999-01-01T10:00:00Z"),
        400,
        "asOf");
    assertProblem(
        client().get("window.clerk", "/api/v1/requests/" + id + "?asOf=yesterday"), 400, "asOf");
  }

  @Test
  void listsCountTheirRequestsPerStatusAndNarrowToOneClerk() {
    String id = raised("350102008");
    Answer waiting = client().get("window.clerk", "/api/v1/requests?view=waiting&size=100");
    assertThat(waiting.json().at("/counts/ROUTED").asLong()).isPositive();
    assertThat(waiting.json().at("/items").findValuesAsText("id")).contains(id);

    Answer mine =
        client()
            .get("window.clerk", "/api/v1/requests?view=waiting&raisedBy=window.clerk&size=100");
    assertThat(mine.json().at("/items").findValuesAsText("id")).contains(id);
    Answer someoneElses =
        client().get("window.clerk", "/api/v1/requests?view=waiting&raisedBy=nobody&size=100");
    assertThat(someoneElses.json().at("/items").findValuesAsText("id")).doesNotContain(id);
    assertThat(someoneElses.json().at("/total").asLong()).isZero();
    assertProblem(
        client().get("shuibu.officer", "/api/v1/requests?view=inbox&raisedBy=window.clerk"),
        400,
        "raisedBy");
    assertThat(
            client()
                .get("window.clerk", "/api/v1/requests?view=waiting&size=100")
                .json()
                .at("/items/0/subject/idNumber")
                .asText())
        .matches("\\d{6}\\*+\\d{3}[\\dX]");
  }

  @Test
  void aSupervisorsInboxNarrowsToWhatWasEscalated() throws Exception {
    String id = raised("350102008");
    Answer deadline = client().get("window.clerk", "/api/v1/requests/" + id + "/deadline");
    fireSoon(
        id,
        org.proofassist.hub.core.request.VerificationRequest.SERVICE_LEVEL_ENDS,
        java.time.Instant.parse(deadline.text("/dueAt")));
    assertThat(eventually(id, "RequestEscalated")).contains("RequestEscalated");

    Answer escalated = null;
    for (int i = 0; i < 40; i++) {
      escalated =
          client().get("gulou.supervisor", "/api/v1/requests?view=inbox&escalated=true&size=100");
      if (escalated.json().at("/items").findValuesAsText("id").contains(id)) {
        break;
      }
      Thread.sleep(250);
    }
    assertThat(escalated.json().at("/items").findValuesAsText("id")).contains(id);
    assertThat(escalated.json().at("/items").findValuesAsText("escalated")).containsOnly("true");
    assertThat(escalated.json().at("/counts/ESCALATED").asLong()).isPositive();
    String notEscalated = raised("350102008");
    assertThat(
            client()
                .get("gulou.supervisor", "/api/v1/requests?view=inbox&escalated=true&size=100")
                .json()
                .at("/items")
                .findValuesAsText("id"))
        .doesNotContain(notEscalated);
    assertProblem(
        client().get("window.clerk", "/api/v1/requests?view=waiting&escalated=true"),
        400,
        "escalated");
  }

  @Test
  void officersCannotRaiseRequests() {
    Answer answer = client().post("shuibu.officer", "/api/v1/requests", body("350102008"));
    assertProblem(answer, 403, null);
    assertThat(answer.text("/code")).isEqualTo("ROLE_NOT_ALLOWED");
  }

  @Test
  void badInputIsAnsweredWithAProblemNamingTheFieldAndChangesNothing() {
    long before = storedEvents();
    Map<String, Object> wrongCheckDigit = body("350102008");
    @SuppressWarnings("unchecked")
    Map<String, Object> subject =
        new HashMap<>((Map<String, Object>) wrongCheckDigit.get("subject"));
    subject.put("idNumber", "350102196805121235");
    wrongCheckDigit.put("subject", subject);
    Answer checkDigit = client().post("window.clerk", "/api/v1/requests", wrongCheckDigit);
    assertProblem(checkDigit, 400, "subject.idNumber");
    assertThat(checkDigit.text("/code")).isEqualTo("ID_NUMBER_CHECK_DIGIT");

    Map<String, Object> unknownType = body("350102008");
    unknownType.put("proofType", "NO_SUCH_PROOF");
    assertProblem(client().post("window.clerk", "/api/v1/requests", unknownType), 422, "proofType");

    Map<String, Object> missingName = body("350102008");
    @SuppressWarnings("unchecked")
    Map<String, Object> nameless = new HashMap<>((Map<String, Object>) missingName.get("subject"));
    nameless.remove("name");
    missingName.put("subject", nameless);
    assertProblem(
        client().post("window.clerk", "/api/v1/requests", missingName), 400, "subject.name");

    Map<String, Object> noOtherNumbers = body("350102008");
    @SuppressWarnings("unchecked")
    Map<String, Object> single = new HashMap<>((Map<String, Object>) noOtherNumbers.get("subject"));
    single.put("otherIdNumbers", List.of());
    noOtherNumbers.put("subject", single);
    assertProblem(
        client().post("window.clerk", "/api/v1/requests", noOtherNumbers),
        422,
        "subject.otherIdNumbers");

    Map<String, Object> outsideTheDirectory = body("110101001");
    assertProblem(
        client().post("window.clerk", "/api/v1/requests", outsideTheDirectory),
        422,
        "subject.householdDivision");

    assertProblem(client().post("window.clerk", "/api/v1/requests", "{\"proofType\": "), 400, null);

    Map<String, Object> injection = body("350102008");
    injection.put("proofType", Map.of("$gt", ""));
    assertProblem(client().post("window.clerk", "/api/v1/requests", injection), 400, "proofType");

    String huge = "{\"proofType\":\"" + "A".repeat(70 * 1024) + "\"}";
    assertProblem(client().post("window.clerk", "/api/v1/requests", huge), 413, null);

    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void theSameIdempotencyKeyWithAnotherBodyIsAConflict() {
    Map<String, String> key = Map.of("Idempotency-Key", "conflict-" + UUID.randomUUID());
    assertThat(client().post("window.clerk", "/api/v1/requests", body("350102008"), key).status())
        .isEqualTo(201);
    Answer other = client().post("window.clerk", "/api/v1/requests", body("350102004"), key);
    assertProblem(other, 409, "Idempotency-Key");
  }

  @Test
  void otherDepartmentsCannotSeeOrTouchARequest() {
    String id = raised("350102008");
    long before = storedEvents();
    assertProblem(client().get("dongjie.officer", "/api/v1/requests/" + id), 404, null);
    assertProblem(
        client().post("dongjie.officer", "/api/v1/requests/" + id + "/accept", ""), 404, null);
    Answer supervisor = client().post("gulou.supervisor", "/api/v1/requests/" + id + "/accept", "");
    assertProblem(supervisor, 403, null);
    assertThat(supervisor.text("/code")).isEqualTo("NOT_ASSIGNEE");
    assertThat(storedEvents()).isEqualTo(before);
  }

  @Test
  void illegalTransitionsAreConflictsAndChangeNothing() {
    String id = raised("350102008");
    HubClient client = client();
    Map<String, Object> reply = Map.of("outcome", "CONFIRMED", "statement", "系同一人。");
    assertProblem(
        client.post("shuibu.officer", "/api/v1/requests/" + id + "/reply", reply), 409, null);
    assertProblem(
        client.post("window.clerk", "/api/v1/requests/" + id + "/acknowledge", ""), 409, null);
    assertThat(client.post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "").status())
        .isEqualTo(200);
    assertProblem(
        client.post("shuibu.officer", "/api/v1/requests/" + id + "/accept", ""), 409, null);
    assertThat(client.post("shuibu.officer", "/api/v1/requests/" + id + "/reply", reply).status())
        .isEqualTo(200);
    long before = storedEvents();
    assertProblem(
        client.post("shuibu.officer", "/api/v1/requests/" + id + "/reply", reply), 409, null);
    assertThat(storedEvents()).isEqualTo(before);
    Answer unknownOutcome =
        client.post(
            "shuibu.officer",
            "/api/v1/requests/" + id + "/reply",
            Map.of("outcome", "MAYBE", "statement", "?"));
    assertProblem(unknownOutcome, 400, "outcome");
  }

  @Test
  void aStreetWithoutAStationWaitsForTheSupervisorToDispatch() {
    String id = raised("350102010");
    HubClient client = client();
    Answer request = client.get("gulou.supervisor", "/api/v1/requests/" + id);
    assertThat(request.text("/status")).isEqualTo("AWAITING_DISPATCH");
    assertThat(request.text("/routedTo/authority")).isEqualTo("FZ-PSB-GULOU");
    assertThat(
            client
                .get("gulou.supervisor", "/api/v1/requests?view=inbox")
                .json()
                .at("/items")
                .findValuesAsText("id"))
        .contains(id);
    Answer dispatched =
        client.post(
            "gulou.supervisor",
            "/api/v1/requests/" + id + "/dispatch",
            Map.of("unit", "FZ-PSB-GULOU-DONGJIE"));
    assertThat(dispatched.status()).as(dispatched.raw().body()).isEqualTo(200);
    assertThat(dispatched.text("/routedTo/unit")).isEqualTo("FZ-PSB-GULOU-DONGJIE");
    assertThat(client.get("dongjie.officer", "/api/v1/requests/" + id).status()).isEqualTo(200);
  }

  @Test
  void clarificationForwardDeclineAndWithdrawWorkEndToEnd() {
    HubClient client = client();
    String id = raised("350102008");
    client.post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "");
    Answer asked =
        client.post(
            "shuibu.officer",
            "/api/v1/requests/" + id + "/clarification",
            Map.of("question", "请提供旧身份证号码的签发年份"));
    assertThat(asked.text("/status")).isEqualTo("CLARIFICATION_REQUESTED");
    Answer answered =
        client.post(
            "window.clerk",
            "/api/v1/requests/" + id + "/clarification/answer",
            Map.of("answer", "1986年签发"));
    assertThat(answered.text("/status")).isEqualTo("ACCEPTED");
    Answer forwarded =
        client.post(
            "shuibu.officer",
            "/api/v1/requests/" + id + "/forward",
            Map.of("to", "FZ-PSB-GULOU-DONGJIE", "reason", "户籍已迁至东街辖区"));
    assertThat(forwarded.status()).as(forwarded.raw().body()).isEqualTo(200);
    assertThat(forwarded.text("/routedTo/unit")).isEqualTo("FZ-PSB-GULOU-DONGJIE");
    Answer declined =
        client.post(
            "dongjie.officer",
            "/api/v1/requests/" + id + "/decline",
            Map.of("reasonCode", "NO_RECORD", "reason", "本所无此人户籍记录"));
    assertThat(declined.text("/status")).isEqualTo("DECLINED");

    String other = raised("350102008");
    Answer withdrawn =
        client.post(
            "window.clerk", "/api/v1/requests/" + other + "/withdraw", Map.of("reason", "申请人撤回申请"));
    assertThat(withdrawn.text("/status")).isEqualTo("WITHDRAWN");
    assertProblem(
        client.post(
            "window.clerk", "/api/v1/requests/" + other + "/withdraw", Map.of("reason", "x")),
        409,
        null);
  }

  @Test
  void catalogueDirectoryAndOpenApiAreServed() {
    HubClient client = client();
    Answer types = client.get("window.clerk", "/api/v1/proof-types");
    assertThat(types.json().size()).isGreaterThanOrEqualTo(15);
    assertThat(types.json().findValuesAsText("code")).contains("SAME_PERSON");
    Answer departments = client.get("auditor", "/api/v1/departments");
    assertThat(departments.json().findValuesAsText("id"))
        .contains(
            "FZ-SERVICE-CENTRE",
            "FZ-PSB",
            "FZ-PSB-GULOU",
            "FZ-PSB-GULOU-SHUIBU",
            "FZ-PSB-GULOU-DONGJIE",
            "FZ-PSB-TAIJIANG");
    Answer docs = client.get(null, "/v3/api-docs");
    assertThat(docs.status()).isEqualTo(200);
    assertThat(docs.json().at("/paths").has("/api/v1/requests")).isTrue();
  }

  @Test
  void everyReadOfPersonalDataIsRecorded() {
    String id = raised("350102008");
    long before = mongo.getCollection("personal_data_reads").countDocuments();
    client().get("gulou.supervisor", "/api/v1/requests/" + id);
    client().get("auditor", "/api/v1/requests/" + id + "/events?purpose=audit-case-2026-17");
    assertThat(mongo.getCollection("personal_data_reads").countDocuments()).isEqualTo(before + 2);
  }
}
