package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.fixtures.Citizen;

/**
 * {@code GET /api/v1/audit/requests}: auditors only, each bad parameter refused with a problem
 * naming it, subjects masked, every request listed recorded in the read log with the purpose.
 */
class AuditSearchApiTest extends HubPagesTest {

  private static final String SEARCH = "/api/v1/audit/requests";

  private void assertRefused(String query, String field, String code) {
    Answer answer = api().get("auditor", SEARCH + "?" + query);
    assertThat(answer.status()).as(query).isEqualTo(400);
    assertThat(answer.header("Content-Type")).startsWith("application/problem+json");
    assertThat(answer.text("/field")).as(query).isEqualTo(field);
    assertThat(answer.text("/code")).as(query).isEqualTo(code);
  }

  @Test
  void badParametersAreRefusedNamingTheParameter() {
    assertRefused("purpose=p&from=2026-06-10&to=2026-06-01", "from", "FROM_AFTER_TO");
    assertRefused("purpose=p&from=2025-01-01&to=2026-06-01", "to", "RANGE_TOO_LONG");
    assertRefused("purpose=p&from=2026-06-01", "to", "TO_MISSING");
    assertRefused("purpose=p&from=1.6.2026&to=2026-06-01", "from", "DATE_FORMAT");
    assertRefused("purpose=p&status=LOST", "status", "UNKNOWN_STATUS");
    assertRefused("purpose=p&idNumber=350102196805121237", "idNumber", "ID_NUMBER_CHECK_DIGIT");
    assertRefused("purpose=p&department=FZ-NOWHERE", "department", "UNKNOWN_DEPARTMENT");
    assertRefused("purpose=p&proofType=NO_SUCH_PROOF", "proofType", "UNKNOWN_PROOF_TYPE");
    assertRefused("purpose=p&size=51", "size", "SIZE_RANGE");
    assertRefused("purpose=p&size=50&page=200", "page", "PAGE_TOO_DEEP");
    assertRefused("idNumber=350102196805121236", "purpose", "PURPOSE_REQUIRED");
  }

  @Test
  void onlyAuditorsSearch() {
    for (String user : new String[] {"window.clerk", "shuibu.officer", "gulou.supervisor"}) {
      assertThat(api().get(user, SEARCH + "?purpose=p").status()).as(user).isEqualTo(403);
    }
    assertThat(api().get("auditor", SEARCH + "?purpose=p").status()).isEqualTo(200);
  }

  @Test
  void aCitizensRequestsAreFoundMaskedAndEachListedOneIsRecordedAsRead() {
    Citizen citizen = AuditTestRequests.aNewCitizen();
    String id = AuditTestRequests.raise(api(), citizen, AuditTestRequests.SHUIBU_STREET);
    AuditTestRequests.awaitSearchable(api(), citizen, id);

    String purpose = "complaint-check-" + unique();
    Answer found =
        api()
            .get(
                "auditor",
                SEARCH + "?idNumber=" + citizen.idNumber().value() + "&purpose=" + purpose);
    assertThat(found.status()).isEqualTo(200);
    assertThat(found.json().at("/total").asLong()).isEqualTo(1);
    assertThat(found.text("/items/0/id")).isEqualTo(id);
    assertThat(found.text("/items/0/subjectIdNumber")).isEqualTo(citizen.idNumber().masked());
    assertThat(found.text("/items/0/subjectName"))
        .startsWith(citizen.name().substring(0, 1))
        .contains("*")
        .isNotEqualTo(citizen.name());
    assertThat(found.raw().body())
        .doesNotContain(citizen.idNumber().value())
        .doesNotContain(citizen.name());

    Answer log =
        api()
            .get(
                "auditor",
                "/api/v1/audit/reads?purpose=check&idNumber=" + citizen.idNumber().value());
    assertThat(log.json().at("/reads").findValuesAsText("purpose")).contains(purpose);
    boolean recorded = false;
    for (var read : log.json().at("/reads")) {
      if (purpose.equals(read.at("/purpose").asText())) {
        assertThat(read.at("/what").asText()).isEqualTo("search");
        assertThat(read.at("/requestId").asText()).isEqualTo(id);
        assertThat(read.at("/userId").asText()).isEqualTo("auditor");
        recorded = true;
      }
    }
    assertThat(recorded).isTrue();
  }

  @Test
  void theDaysDepartmentProofTypeAndStateNarrowTheSearch() {
    Citizen citizen = AuditTestRequests.aNewCitizen();
    String id = AuditTestRequests.raise(api(), citizen, AuditTestRequests.SHUIBU_STREET);
    LocalDate today = LocalDate.now(ZoneId.of("Asia/Shanghai"));
    String days = "&from=" + today.minusDays(1) + "&to=" + today.plusDays(1);
    String matching =
        SEARCH
            + "?purpose=p&size=50&department=FZ-PSB-GULOU&proofType=HOUSEHOLD_REGISTRATION"
            + "&status=ROUTED,ACCEPTED"
            + days;
    assertThat(idsOf(api().get("auditor", matching))).contains(id);
    assertThat(idsOf(api().get("auditor", matching.replace("FZ-PSB-GULOU", "FZ-PSB-TAIJIANG"))))
        .doesNotContain(id);
    assertThat(idsOf(api().get("auditor", matching.replace("HOUSEHOLD_REGISTRATION", "KINSHIP"))))
        .doesNotContain(id);
    assertThat(idsOf(api().get("auditor", matching.replace("ROUTED,ACCEPTED", "CLOSED"))))
        .doesNotContain(id);
    String yesterday = "&from=" + today.minusDays(2) + "&to=" + today.minusDays(1);
    assertThat(idsOf(api().get("auditor", matching.replace(days, yesterday)))).doesNotContain(id);
  }

  private static java.util.List<String> idsOf(Answer answer) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return answer.json().at("/items").findValuesAsText("id");
  }
}
