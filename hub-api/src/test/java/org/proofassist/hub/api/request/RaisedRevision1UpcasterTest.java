package org.proofassist.hub.api.request;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.request.VerificationRequestRaised;

class RaisedRevision1UpcasterTest {

  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private static String revision1(int hours) {
    return "{\"requestId\":\"VR-0123456789ABCDEFGHJK\",\"proofType\":\"SAME_PERSON\","
        + "\"subject\":{\"name\":\"林某某\",\"idNumber\":\"350102196805121236\","
        + "\"otherIdNumbers\":[],\"householdDivision\":\"350102008\",\"address\":null},"
        + "\"matter\":{\"code\":\"REAL_ESTATE_DEREGISTRATION\",\"caseNumber\":\"FZ-1\"},"
        + "\"question\":\"q\",\"serviceLevelHours\":"
        + hours
        + ",\"dueAt\":\"2026-11-24T09:30:00Z\",\"idempotencyKey\":null,\"fingerprint\":\"fp\","
        + "\"actor\":{\"userId\":\"window.clerk\",\"department\":\"FZ-SERVICE-CENTRE\","
        + "\"role\":\"CLERK\"},\"at\":\"2026-11-23T09:30:00Z\"}";
  }

  @Test
  void aRevision1RaiseReadsAsRevision2WithItsHoursAsWorkingDaysAndItsDeadlineKept()
      throws Exception {
    JsonNode upcast = RaisedRevision1Upcaster.upcast(JSON.readTree(revision1(48)));

    VerificationRequestRaised raised = JSON.treeToValue(upcast, VerificationRequestRaised.class);

    assertThat(raised.serviceLevel()).isEqualTo(ServiceLevel.workingDays(2));
    assertThat(raised.escalationGrace()).isEqualTo(ServiceLevel.workingDays(1));
    assertThat(raised.dueAt()).isEqualTo(Instant.parse("2026-11-24T09:30:00Z"));
    assertThat(raised.officeHoursOf()).isNull();
    assertThat(upcast.has("serviceLevelHours")).isFalse();
  }

  @Test
  void hoursThatAreNotWholeDaysStayHours() throws Exception {
    JsonNode upcast = RaisedRevision1Upcaster.upcast(JSON.readTree(revision1(4)));

    assertThat(JSON.treeToValue(upcast, VerificationRequestRaised.class).serviceLevel())
        .isEqualTo(ServiceLevel.workingHours(4));
  }
}
