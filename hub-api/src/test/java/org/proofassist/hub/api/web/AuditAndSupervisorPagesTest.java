package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.api.audit.PersonalDataReads;
import org.proofassist.hub.fixtures.Citizen;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * The audit office's and the supervisor's pages over plain HTTP: personal data only after a purpose
 * (and every read recorded), other roles refused, a supervisor's extension and dispatch through the
 * request page, refusals at their inputs, the window's deadline explanation.
 */
class AuditAndSupervisorPagesTest extends HubPagesTest {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

  @Autowired MongoTemplate mongo;

  private PageSession session(String user) {
    return new PageSession(base()).signedIn(user);
  }

  private static String encoded(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  private static void assertFieldError(HttpResponse<String> page, String input, String code) {
    assertThat(page.body())
        .as("the error under " + input)
        .containsPattern("id=\"" + input + "-error\"[^>]*data-code=\"" + code + "\"");
  }

  private long readsOf(Citizen citizen, String user) {
    return mongo.count(
        new Query(
            Criteria.where("subjectIdNumber")
                .is(citizen.idNumber().value())
                .and("userId")
                .is(user)),
        PersonalDataReads.COLLECTION);
  }

  private long readsFor(Citizen citizen, String purpose) {
    return mongo.count(
        new Query(
            Criteria.where("subjectIdNumber")
                .is(citizen.idNumber().value())
                .and("purpose")
                .is(purpose)),
        PersonalDataReads.COLLECTION);
  }

  @Test
  void anAuditorSeesNoPersonalDataBeforeGivingAPurposeAndEveryReadAfterIsRecorded() {
    Citizen citizen = AuditTestRequests.aNewCitizen();
    String id = AuditTestRequests.raise(api(), citizen, AuditTestRequests.SHUIBU_STREET);
    AuditTestRequests.awaitSearchable(api(), citizen, id);
    PageSession auditor = session("auditor");
    long before = readsOf(citizen, "auditor");

    HttpResponse<String> withoutPurpose =
        auditor.get("/audit?idNumber=" + citizen.idNumber().value());
    assertThat(withoutPurpose.statusCode()).isEqualTo(400);
    assertFieldError(withoutPurpose, "search-purpose", "PURPOSE_REQUIRED");
    assertThat(withoutPurpose.body())
        .contains("id=\"search-problems\"")
        .doesNotContain(id)
        .doesNotContain(citizen.idNumber().masked())
        .doesNotContain("id=\"results\"");
    assertThat(readsOf(citizen, "auditor")).as("nothing read, nothing recorded").isEqualTo(before);

    String purpose = "信访件核查 " + unique();
    HttpResponse<String> found =
        auditor.get(
            "/audit?idNumber=" + citizen.idNumber().value() + "&purpose=" + encoded(purpose));
    assertThat(found.statusCode()).isEqualTo(200);
    String results = found.body().substring(found.body().indexOf("id=\"results\""));
    assertThat(results)
        .as("the list masks the number; only the search form keeps what was typed")
        .contains("data-request-id=\"" + id + "\"")
        .contains(citizen.idNumber().masked())
        .doesNotContain(citizen.idNumber().value())
        .doesNotContain(citizen.name());
    assertThat(readsFor(citizen, purpose)).as("the listed request read for the purpose").isOne();

    // the timeline asks for a purpose too, then records the read of the history
    HttpResponse<String> asked = auditor.get("/audit/requests/" + id);
    assertThat(asked.statusCode()).isEqualTo(200);
    assertThat(asked.body()).contains("id=\"purpose-form\"").doesNotContain("data-event=");
    HttpResponse<String> timeline =
        auditor.get("/audit/requests/" + id + "?purpose=" + encoded(purpose));
    assertThat(timeline.body())
        .contains("data-event=\"VerificationRequestRaised\"")
        .contains("data-event=\"RequestRouted\"")
        .contains("window.clerk");
    assertThat(readsFor(citizen, purpose)).isEqualTo(2);

    HttpResponse<String> future =
        auditor.get(
            "/audit/requests/"
                + id
                + "?purpose="
                + encoded(purpose)
                + "&asOf="
                + LOCAL.format(Instant.now().plus(2, ChronoUnit.DAYS)));
    assertThat(future.statusCode()).isEqualTo(400);
    assertFieldError(future, "timeline-asOf", "AS_OF_FUTURE");
    HttpResponse<String> then =
        auditor.get(
            "/audit/requests/"
                + id
                + "?purpose="
                + encoded(purpose)
                + "&asOf="
                + LOCAL.format(Instant.now()));
    assertThat(then.statusCode()).isEqualTo(200);
    assertThat(then.body()).contains("id=\"as-of-result\"");
  }

  @Test
  void theAuditPagesAreTheAuditorsAndTheStatisticsTheSupervisionsOnly() {
    PageSession clerk = session("window.clerk");
    PageSession officer = session("shuibu.officer");
    PageSession supervisor = session("gulou.supervisor");
    for (String page :
        new String[] {"/audit", "/audit/chain", "/audit/reads", "/audit/statistics"}) {
      assertThat(clerk.get(page).statusCode()).as(page).isEqualTo(403);
      assertThat(officer.get(page).statusCode()).as(page).isEqualTo(403);
      assertThat(supervisor.get(page).statusCode()).as(page).isEqualTo(403);
    }
    HttpResponse<String> officersStatistics = officer.get("/station/statistics");
    assertThat(officersStatistics.statusCode()).isEqualTo(403);
    assertThat(officersStatistics.body()).contains("data-error=\"denied\"");

    HttpResponse<String> supervisors = supervisor.get("/station/statistics");
    assertThat(supervisors.statusCode()).isEqualTo(200);
    assertThat(supervisors.body())
        .contains("id=\"table-timeouts\"")
        .contains("<title id=\"chart-timeouts-title\"");

    HttpResponse<String> badMonth = supervisor.get("/station/statistics?month=June");
    assertThat(badMonth.statusCode()).isEqualTo(400);
    assertFieldError(badMonth, "statistics-month", "MONTH_FORMAT");

    PageSession auditor = session("auditor");
    HttpResponse<String> statistics = auditor.get("/audit/statistics");
    assertThat(statistics.statusCode()).isEqualTo(200);
    assertThat(statistics.body())
        .contains("id=\"table-response\"")
        .contains("id=\"table-on-time\"");
    HttpResponse<String> chain = auditor.get("/audit/chain?verify=true");
    assertThat(chain.statusCode()).isEqualTo(200);
    assertThat(chain.body()).contains("data-intact=\"true\"");
    HttpResponse<String> badNumber =
        auditor.get("/audit/reads?idNumber=350102196805121237&purpose=x");
    assertThat(badNumber.statusCode()).isEqualTo(400);
    assertFieldError(badNumber, "reads-idNumber", "ID_NUMBER_CHECK_DIGIT");
    HttpResponse<String> badSearch = auditor.get("/audit?purpose=x&from=2026-06-10&to=2026-06-01");
    assertThat(badSearch.statusCode()).isEqualTo(400);
    assertFieldError(badSearch, "search-from", "FROM_AFTER_TO");
  }

  @Test
  void aSupervisorExtendsTheDeadlineAndTheHistoryShowsIt() {
    Citizen citizen = AuditTestRequests.aNewCitizen();
    String id = AuditTestRequests.raise(api(), citizen, AuditTestRequests.SHUIBU_STREET);
    String page = "/requests/" + id;
    Instant dueAt =
        Instant.parse(api().get("window.clerk", "/api/v1/requests/" + id).text("/dueAt"));
    PageSession supervisor = session("gulou.supervisor");
    assertThat(supervisor.get(page).body()).contains("id=\"action-extend\"");
    assertThat(session("shuibu.officer").get(page).body()).doesNotContain("id=\"action-extend\"");

    HttpResponse<String> empty =
        supervisor.post(page + "/extend", Map.of("until", "", "reason", " "), page);
    assertThat(empty.statusCode()).isEqualTo(400);
    assertFieldError(empty, "extend-until", "NotNull");
    assertFieldError(empty, "extend-reason", "NotBlank");
    HttpResponse<String> unreadable =
        supervisor.post(page + "/extend", Map.of("until", "tomorrow", "reason", "x"), page);
    assertFieldError(unreadable, "extend-until", "DATE_TIME_FORMAT");
    HttpResponse<String> notLater =
        supervisor.post(
            page + "/extend",
            Map.of("until", LOCAL.format(dueAt.minus(1, ChronoUnit.MINUTES)), "reason", "x"),
            page);
    assertThat(notLater.statusCode()).isEqualTo(422);
    assertFieldError(notLater, "extend-until", "EXTENSION_NOT_LATER");

    String until = LOCAL.format(dueAt.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES));
    HttpResponse<String> extended =
        supervisor.post(page + "/extend", Map.of("until", until, "reason", "户籍档案需调档"), page);
    assertThat(extended.statusCode()).as(extended.body()).isEqualTo(302);
    assertThat(PageSession.location(extended)).isEqualTo(page);
    HttpResponse<String> after = supervisor.get(page);
    assertThat(after.body())
        .contains("data-event=\"DeadlineExtended\"")
        .contains("data-change=\"EXTENDED\"")
        .contains("户籍档案需调档");
    assertThat(Instant.parse(api().get("window.clerk", "/api/v1/requests/" + id).text("/dueAt")))
        .isAfter(dueAt);
  }

  @Test
  void anExtensionWhileTheClockIsPausedIsRefusedAtTheNewDeadline() {
    Citizen citizen = AuditTestRequests.aNewCitizen();
    String id = AuditTestRequests.raise(api(), citizen, AuditTestRequests.SHUIBU_STREET);
    assertThat(api().post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "").status())
        .isEqualTo(200);
    assertThat(
            api()
                .post(
                    "shuibu.officer",
                    "/api/v1/requests/" + id + "/clarification",
                    Map.of("question", "请补充户籍地址"))
                .status())
        .isEqualTo(200);
    Instant dueAt =
        Instant.parse(api().get("window.clerk", "/api/v1/requests/" + id).text("/dueAt"));
    String page = "/requests/" + id;
    HttpResponse<String> paused =
        session("gulou.supervisor")
            .post(
                page + "/extend",
                Map.of(
                    "until",
                    LOCAL.format(dueAt.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.HOURS)),
                    "reason",
                    "延期"),
                page);
    assertThat(paused.statusCode()).as("as the API: 409").isEqualTo(409);
    assertFieldError(paused, "extend-until", "CLOCK_PAUSED");
    assertThat(paused.body()).contains("href=\"#extend-until\"");
  }

  @Test
  void aSupervisorDispatchesARequestNoStationCovers() {
    Citizen citizen = AuditTestRequests.aNewCitizen();
    String id = AuditTestRequests.raise(api(), citizen, AuditTestRequests.UNCOVERED_TOWN);
    assertThat(api().get("window.clerk", "/api/v1/requests/" + id).text("/status"))
        .isEqualTo("AWAITING_DISPATCH");
    String page = "/requests/" + id;
    PageSession supervisor = session("gulou.supervisor");
    assertThat(supervisor.get(page).body()).contains("id=\"action-dispatch\"");
    HttpResponse<String> none = supervisor.post(page + "/dispatch", Map.of("unit", ""), page);
    assertThat(none.statusCode()).isEqualTo(400);
    assertFieldError(none, "dispatch-unit", "NotBlank");

    HttpResponse<String> dispatched =
        supervisor.post(page + "/dispatch", Map.of("unit", "FZ-PSB-GULOU-SHUIBU"), page);
    assertThat(dispatched.statusCode()).as(dispatched.body()).isEqualTo(302);
    Answer view = api().get("window.clerk", "/api/v1/requests/" + id);
    assertThat(view.text("/status")).isEqualTo("ROUTED");
    assertThat(view.text("/routedTo/unit")).isEqualTo("FZ-PSB-GULOU-SHUIBU");
    assertThat(supervisor.get(page).body()).contains("data-event=\"RequestDispatched\"");
  }

  @Test
  void theWindowSeesWhyTheRequestIsDueWhenItIs() {
    String id =
        AuditTestRequests.raise(
            api(), AuditTestRequests.aNewCitizen(), AuditTestRequests.SHUIBU_STREET);
    HttpResponse<String> page = session("window.clerk").get("/requests/" + id);
    assertThat(page.body())
        .contains("id=\"deadline-level\"")
        .contains("4 个工作小时")
        .contains("id=\"deadline-now\"")
        .doesNotContain("id=\"action-commitment\"")
        .doesNotContain("id=\"action-extend\"");
  }
}
