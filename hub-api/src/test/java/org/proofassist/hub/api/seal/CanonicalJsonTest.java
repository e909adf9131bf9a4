package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.proofassist.hub.api.seal.SealFixtures.ID_NUMBER;
import static org.proofassist.hub.api.seal.SealFixtures.ISSUED_AT;
import static org.proofassist.hub.api.seal.SealFixtures.SHUIBU;
import static org.proofassist.hub.api.seal.SealFixtures.reply;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.Subject;
import org.proofassist.hub.core.seal.ReplyContent;

class CanonicalJsonTest {

  @Test
  void writesSortedKeysBareValuesAndNoWhitespace() {
    String json = text(reply(SHUIBU, Map.of("z", "last", "a", "first")));

    assertThat(json)
        .isEqualTo(
            "{\"facts\":{\"a\":\"first\",\"z\":\"last\"},"
                + "\"issuedAt\":\"2026-11-23T09:30:00Z\","
                + "\"issuingDepartment\":\"FZ-PSB-GULOU-SHUIBU\","
                + "\"matter\":{\"caseNumber\":\"CASE-2026-0001\",\"code\":\"HOUSING-SUBSIDY\"},"
                + "\"officer\":\"王警官\","
                + "\"outcome\":\"CONFIRMED\","
                + "\"proofType\":\"SAME_PERSON\","
                + "\"question\":\"两个身份证号码是否为同一人\","
                + "\"requestId\":\"VR-0123456789ABCDEFGHJK\","
                + "\"statement\":\"经核查，系同一人。\","
                + "\"subject\":{\"address\":\"鼓楼区水部街道某路1号\","
                + "\"householdDivision\":\"350102001\","
                + "\"idNumber\":\""
                + ID_NUMBER
                + "\",\"name\":\"林小明\",\"otherIdNumbers\":[]}}");
  }

  @Test
  void theOrderInWhichFactsWereAddedDoesNotChangeTheBytes() {
    Map<String, String> forwards = new LinkedHashMap<>();
    Map<String, String> backwards = new LinkedHashMap<>();
    List<String> keys = List.of("registeredSince", "householdNumber", "Zone", "address", "名称", "b");
    for (String key : keys) {
      forwards.put(key, key + "-value");
    }
    for (int i = keys.size() - 1; i >= 0; i--) {
      backwards.put(keys.get(i), keys.get(i) + "-value");
    }

    byte[] one = CanonicalJson.bytes(reply(SHUIBU, forwards));
    byte[] other = CanonicalJson.bytes(reply(SHUIBU, backwards));

    assertThat(one).isEqualTo(other);
    assertThat(new String(one, StandardCharsets.UTF_8))
        .contains(
            "{\"Zone\":\"Zone-value\",\"address\":\"address-value\",\"b\":\"b-value\","
                + "\"householdNumber\":\"householdNumber-value\","
                + "\"registeredSince\":\"registeredSince-value\",\"名称\":\"名称-value\"}");
  }

  @Test
  void hasNoWhitespaceBetweenTokens() {
    String json = text(reply(SHUIBU, Map.of("k", "v")));
    String outsideStrings = json.replaceAll("\"(\\\\.|[^\"\\\\])*\"", "\"\"");

    assertThat(outsideStrings).doesNotContainAnyWhitespaces();
    assertThat(outsideStrings).startsWith("{\"\":{\"\":\"\"},\"\":\"\",");
  }

  @Test
  void leavesOutAbsentFields() {
    ReplyContent full = reply(SHUIBU);
    ReplyContent sparse =
        new ReplyContent(
            full.requestId(),
            full.proofType(),
            new Subject("林小明", CitizenIdNumber.of(ID_NUMBER), null, null, null),
            null,
            null,
            ReplyOutcome.NOT_CONFIRMED,
            "查无此人。",
            null,
            SHUIBU,
            null,
            ISSUED_AT);

    String json = text(sparse);

    assertThat(json)
        .doesNotContain("matter", "question", "officer", "address", "householdDivision", "null")
        .contains("\"facts\":{}", "\"otherIdNumbers\":[]", "\"outcome\":\"NOT_CONFIRMED\"");
  }

  @Test
  void writesOtherIdNumbersAsBareStrings() {
    String legacy = "350102900101123";
    ReplyContent full = reply(SHUIBU);
    ReplyContent withLegacy =
        new ReplyContent(
            full.requestId(),
            full.proofType(),
            new Subject(
                "林小明",
                CitizenIdNumber.of(ID_NUMBER),
                List.of(CitizenIdNumber.of(legacy)),
                null,
                null),
            full.matter(),
            full.question(),
            full.outcome(),
            full.statement(),
            full.facts(),
            SHUIBU,
            full.officer(),
            ISSUED_AT);

    assertThat(text(withLegacy)).contains("\"otherIdNumbers\":[\"" + legacy + "\"]");
  }

  @Test
  void escapesControlCharactersAsRfc8785AndWritesOtherCharactersAsTheyAre() {
    String json = text(reply(SHUIBU, Map.of("note", "line\nnext\ttab \"q\" \\ \u0001 \u001f é /")));

    assertThat(json).contains("\"note\":\"line\\nnext\\ttab \\\"q\\\" \\\\ \\u0001 \\u001f é /\"");
  }

  @Test
  void writesFractionsOfASecondOnlyWhenThereAreAny() {
    ReplyContent full = reply(SHUIBU);
    ReplyContent precise =
        new ReplyContent(
            full.requestId(),
            full.proofType(),
            full.subject(),
            full.matter(),
            full.question(),
            full.outcome(),
            full.statement(),
            full.facts(),
            SHUIBU,
            full.officer(),
            ISSUED_AT.plusMillis(250));

    assertThat(text(precise)).contains("\"issuedAt\":\"2026-11-23T09:30:00.250Z\"");
  }

  @Test
  void digestIsLowerCaseHexSha256() {
    assertThat(CanonicalJson.digest("abc".getBytes(StandardCharsets.UTF_8)))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  private static String text(ReplyContent content) {
    return new String(CanonicalJson.bytes(content), StandardCharsets.UTF_8);
  }
}
