package org.proofassist.hub.core.request;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proofassist.hub.core.common.InvalidValueException;

class RequestIdTest {

  @Test
  void idIsVrAndTwentyCrockfordCharacters() {
    assertThat(RequestId.of("VR-01HQ3K5Z8W2M4N6P7R9T").value())
        .isEqualTo("VR-01HQ3K5Z8W2M4N6P7R9T");
  }

  @ParameterizedTest
  @NullSource
  @ValueSource(
      strings = {
        "",
        "01HQ3K5Z8W2M4N6P7R9T",
        "VR01HQ3K5Z8W2M4N6P7R9T",
        "vr-01HQ3K5Z8W2M4N6P7R9T",
        "VR-01hq3k5z8w2m4n6p7r9t",
        "VR-01HQ3K5Z8W2M4N6P7R9",
        "VR-01HQ3K5Z8W2M4N6P7R9TX",
        "VR-01HQ3K5Z8W2M4N6P7R9I",
        "VR-01HQ3K5Z8W2M4N6P7R9L",
        "VR-01HQ3K5Z8W2M4N6P7R9O",
        "VR-01HQ3K5Z8W2M4N6P7R9U"
      })
  void anythingElseIsRefused(String value) {
    assertThatThrownBy(() -> RequestId.of(value))
        .isInstanceOfSatisfying(
            InvalidValueException.class, e -> assertThat(e.code()).isEqualTo("REQUEST_ID_FORMAT"));
  }

  @Test
  void idFromBytesEncodesTheirFirstHundredBitsInCrockfordBase32() {
    byte[] bytes = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13};

    assertThat(RequestId.fromBytes(bytes)).isEqualTo(RequestId.of("VR-041061050R3GG28A1C60"));
  }

  @Test
  void allZeroAndAllOneBitsGiveTheFirstAndLastCharacters() {
    byte[] ones = new byte[13];
    Arrays.fill(ones, (byte) 0xff);

    assertThat(RequestId.fromBytes(new byte[13])).hasToString("VR-00000000000000000000");
    assertThat(RequestId.fromBytes(ones)).hasToString("VR-ZZZZZZZZZZZZZZZZZZZZ");
  }

  @Test
  void sameDigestAlwaysNamesTheSameRequest() {
    byte[] digest = sha256("FZ-SERVICE-CENTRE\u0000idem-1");

    assertThat(RequestId.fromBytes(digest))
        .isEqualTo(RequestId.fromBytes(digest.clone()))
        .isEqualTo(RequestId.of("VR-SBMY9RCPBJRGN86PZBX4"));
  }

  @Test
  void differentDigestsNameDifferentRequests() {
    assertThat(RequestId.fromBytes(sha256("FZ-SERVICE-CENTRE\u0000idem-1")))
        .isNotEqualTo(RequestId.fromBytes(sha256("FZ-SERVICE-CENTRE\u0000idem-2")));
  }

  @Test
  void digestShorterThanThirteenBytesIsRefused() {
    assertThatThrownBy(() -> RequestId.fromBytes(new byte[12]))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void randomIdsAreWellFormedAndDiffer() {
    RequestId first = RequestId.random();
    RequestId second = RequestId.random();

    assertThat(RequestId.of(first.value())).isEqualTo(first);
    assertThat(first).isNotEqualTo(second);
  }

  @Test
  void textFormIsTheBareId() {
    assertThat(RequestId.of("VR-01HQ3K5Z8W2M4N6P7R9T")).hasToString("VR-01HQ3K5Z8W2M4N6P7R9T");
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
