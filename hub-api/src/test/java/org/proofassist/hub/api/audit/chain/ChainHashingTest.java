package org.proofassist.hub.api.audit.chain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/** The canonical form of a stored event and the hashing of the chain, byte for byte. */
class ChainHashingTest {

  private static final CanonicalEvent RAISED =
      new CanonicalEvent(
          17,
          "3f2c9a1e-0000-4000-8000-000000000001",
          "VerificationRequest",
          "VR-0123456789ABCDEFGHJK",
          0L,
          "2026-11-23T08:00:00.123Z",
          "org.proofassist.hub.core.request.VerificationRequestRaised",
          "2",
          "{\"subject\":{\"name\":\"林某某\"},\"note\":\"a \\\"quoted\\\" word\"}",
          "{\"traceId\":\"t-1\"}");

  @Test
  void theCanonicalFormIsTheSortedJcsObjectOfTheStoredFields() {
    assertThat(new String(RAISED.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"aggregateId\":\"VR-0123456789ABCDEFGHJK\","
                + "\"aggregateType\":\"VerificationRequest\","
                + "\"eventId\":\"3f2c9a1e-0000-4000-8000-000000000001\","
                + "\"metadata\":\"{\\\"traceId\\\":\\\"t-1\\\"}\","
                + "\"payload\":\"{\\\"subject\\\":{\\\"name\\\":\\\"林某某\\\"},"
                + "\\\"note\\\":\\\"a \\\\\\\"quoted\\\\\\\" word\\\"}\","
                + "\"payloadType\":\"org.proofassist.hub.core.request.VerificationRequestRaised\","
                + "\"position\":17,"
                + "\"revision\":\"2\","
                + "\"sequence\":0,"
                + "\"timestamp\":\"2026-11-23T08:00:00.123Z\"}");
    assertThat(List.of(CanonicalEvent.FIELDS)).isSorted();
  }

  @Test
  void stringsAreEscapedAsJcsHasThemAndLoneSurrogatesStayDistinct() {
    CanonicalEvent controls =
        event(e -> withPayload(e, "tab\there\nline\u0001\u001f \\ / \u00e9 \uD83D\uDE00"));
    assertThat(new String(controls.bytes(), StandardCharsets.UTF_8))
        .contains("\"payload\":\"tab\\there\\nline\\u0001\\u001f \\\\ / é 😀\"");

    CanonicalEvent lone = event(e -> withPayload(e, "x\uD83Dy"));
    CanonicalEvent question = event(e -> withPayload(e, "x?y"));
    assertThat(new String(lone.bytes(), StandardCharsets.UTF_8)).contains("x\\ud83dy");
    assertThat(lone.hash()).isNotEqualTo(question.hash());
  }

  @Test
  void absentFieldsAreWrittenAsNull() {
    CanonicalEvent plain =
        new CanonicalEvent(3, "e", null, null, null, "2026-01-01T00:00:00Z", "T", null, "{}", "{}");
    assertThat(new String(plain.bytes(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"aggregateId\":null,\"aggregateType\":null,\"eventId\":\"e\",\"metadata\":\"{}\","
                + "\"payload\":\"{}\",\"payloadType\":\"T\",\"position\":3,\"revision\":null,"
                + "\"sequence\":null,\"timestamp\":\"2026-01-01T00:00:00Z\"}");
  }

  @Test
  void theEventHashIsSha256OfTheCanonicalBytes() throws Exception {
    assertThat(ChainHashes.sha256("abc".getBytes(StandardCharsets.US_ASCII)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    String expected =
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(RAISED.bytes()));
    assertThat(RAISED.hash()).isEqualTo(expected);
  }

  @Test
  void everyStoredFieldChangesTheHash() {
    List<CanonicalEvent> edits =
        List.of(
            event(e -> copy(e, 18, e.eventId(), e.aggregateId(), e.sequence(), e.payload())),
            event(e -> copy(e, e.position(), "other", e.aggregateId(), e.sequence(), e.payload())),
            event(e -> copy(e, e.position(), e.eventId(), "VR-X", e.sequence(), e.payload())),
            event(e -> copy(e, e.position(), e.eventId(), e.aggregateId(), 1L, e.payload())),
            event(e -> withPayload(e, e.payload().replace("林", "李"))),
            event(
                e ->
                    new CanonicalEvent(
                        e.position(),
                        e.eventId(),
                        e.aggregateType(),
                        e.aggregateId(),
                        e.sequence(),
                        "2026-11-23T08:00:00.124Z",
                        e.payloadType(),
                        e.revision(),
                        e.payload(),
                        e.metadata())),
            event(
                e ->
                    new CanonicalEvent(
                        e.position(),
                        e.eventId(),
                        e.aggregateType(),
                        e.aggregateId(),
                        e.sequence(),
                        e.timestamp(),
                        e.payloadType(),
                        "1",
                        e.payload(),
                        e.metadata())),
            event(
                e ->
                    new CanonicalEvent(
                        e.position(),
                        e.eventId(),
                        e.aggregateType(),
                        e.aggregateId(),
                        e.sequence(),
                        e.timestamp(),
                        e.payloadType(),
                        e.revision(),
                        e.payload(),
                        "{}")));
    assertThat(edits).extracting(CanonicalEvent::hash).doesNotContain(RAISED.hash());
    assertThat(edits.stream().map(CanonicalEvent::hash).distinct()).hasSize(edits.size());
  }

  @Test
  void theStoredCommitDocumentGivesTheCanonicalFormAsStored() {
    Document event =
        new Document("id", RAISED.eventId())
            .append("ts", RAISED.timestamp())
            .append("type", RAISED.payloadType())
            .append("rev", RAISED.revision())
            .append("payload", RAISED.payload())
            .append("meta", RAISED.metadata())
            .append("seq", 0L);
    Document commit =
        new Document("_id", 16L)
            .append("aggregateId", RAISED.aggregateId())
            .append("aggregateType", RAISED.aggregateType())
            .append("count", 2)
            .append("events", List.of(new Document(), event));

    assertThat(CanonicalEvent.of(commit, event, 17)).isEqualTo(RAISED);

    Document retyped = new Document(event).append("seq", "0");
    assertThat(CanonicalEvent.of(commit, retyped, 17).hash()).isNotEqualTo(RAISED.hash());
  }

  @Test
  void theBundleFormReadsBackToTheSameBytes() {
    ObjectNode json = RAISED.toJson();
    assertThat(CanonicalEvent.fromJson(json)).isEqualTo(RAISED);

    ObjectNode missing = json.deepCopy();
    missing.remove("metadata");
    assertThatThrownBy(() -> CanonicalEvent.fromJson(missing))
        .isInstanceOf(IllegalArgumentException.class);
    ObjectNode extra = json.deepCopy();
    extra.put("x", 1);
    assertThatThrownBy(() -> CanonicalEvent.fromJson(extra))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachEntryHashIsTheHashOfThePreviousEntryHashAndTheEventHash() throws Exception {
    ChainEntry first = ChainEntry.event(0, RAISED, ChainHashes.GENESIS);
    ChainEntry second = ChainEntry.voided(1, 18, 2, first.entryHash());

    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    sha.update(new byte[32]);
    sha.update(HexFormat.of().parseHex(RAISED.hash()));
    assertThat(first.entryHash()).isEqualTo(HexFormat.of().formatHex(sha.digest()));
    assertThat(first.previousHash()).isEqualTo("0".repeat(64));

    assertThat(new String(ChainEntry.voidForm(18, 2), StandardCharsets.US_ASCII))
        .isEqualTo("{\"position\":18,\"void\":2}");
    assertThat(second.eventHash()).isEqualTo(ChainHashes.sha256(ChainEntry.voidForm(18, 2)));
    assertThat(second.entryHash())
        .isEqualTo(ChainHashes.link(first.entryHash(), second.eventHash()));
    assertThat(second.nextPosition()).isEqualTo(20);
    assertThat(first.selfConsistent()).isTrue();
    assertThat(first.requestId()).isEqualTo("VR-0123456789ABCDEFGHJK");

    ChainEntry forged =
        new ChainEntry(
            0,
            17,
            ChainEntry.Kind.EVENT,
            1,
            RAISED.eventId(),
            null,
            null,
            ChainHashes.sha256(new byte[] {1}),
            ChainHashes.GENESIS,
            first.entryHash());
    assertThat(forged.selfConsistent()).isFalse();
  }

  @Test
  void theCheckpointPayloadIsCanonicalToo() {
    assertThat(
            new String(
                Checkpoint.payload(5, "ab".repeat(32), 9, Instant.parse("2026-11-23T08:10:00Z")),
                StandardCharsets.US_ASCII))
        .isEqualTo(
            "{\"chainSize\":5,\"head\":\""
                + "ab".repeat(32)
                + "\",\"position\":9,\"signedAt\":\"2026-11-23T08:10:00Z\"}");
  }

  private static CanonicalEvent event(UnaryOperator<CanonicalEvent> change) {
    return change.apply(RAISED);
  }

  private static CanonicalEvent withPayload(CanonicalEvent e, String payload) {
    return copy(e, e.position(), e.eventId(), e.aggregateId(), e.sequence(), payload);
  }

  private static CanonicalEvent copy(
      CanonicalEvent e,
      long position,
      String eventId,
      String aggregateId,
      Long sequence,
      String payload) {
    return new CanonicalEvent(
        position,
        eventId,
        e.aggregateType(),
        aggregateId,
        sequence,
        e.timestamp(),
        e.payloadType(),
        e.revision(),
        payload,
        e.metadata());
  }
}
