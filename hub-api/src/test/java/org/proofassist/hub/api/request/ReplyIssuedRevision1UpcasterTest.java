package org.proofassist.hub.api.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.request.ReplyIssued;

class ReplyIssuedRevision1UpcasterTest {

  /** Strict, so that a payload missing {@code late} cannot pass for one that has it. */
  private static final ObjectMapper JSON =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
          .build();

  private static final String REVISION_1 =
      "{\"requestId\":\"VR-0123456789ABCDEFGHJK\",\"unit\":\"FZ-PSB-GULOU-SHUIBU\","
          + "\"outcome\":\"CONFIRMED\",\"statement\":\"系同一人\",\"facts\":{},"
          + "\"stampedReply\":{\"jws\":\"eyJ.h.s\",\"contentDigest\":\"ab\","
          + "\"sealedBy\":\"FZ-PSB-GULOU-SHUIBU\",\"certificateSerial\":\"0f\","
          + "\"certificateSubject\":\"CN=水部派出所\",\"sealedAt\":\"2026-11-23T09:30:00Z\"},"
          + "\"actor\":{\"userId\":\"shuibu.officer\",\"department\":\"FZ-PSB-GULOU-SHUIBU\","
          + "\"role\":\"OFFICER\"},\"at\":\"2026-11-23T09:30:00Z\"}";

  @Test
  void aRevision1ReplyReadsAsNotLate() throws Exception {
    JsonNode stored = JSON.readTree(REVISION_1);
    assertThatThrownBy(() -> JSON.treeToValue(stored, ReplyIssued.class))
        .as("revision 1 alone lacks the late flag")
        .isInstanceOf(MismatchedInputException.class);

    ReplyIssued reply =
        JSON.treeToValue(ReplyIssuedRevision1Upcaster.upcast(stored), ReplyIssued.class);

    assertThat(reply.late()).isFalse();
    assertThat(reply.statement()).isEqualTo("系同一人");
  }
}
