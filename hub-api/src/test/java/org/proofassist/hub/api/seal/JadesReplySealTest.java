package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proofassist.hub.api.seal.SealFixtures.ISSUED_AT;
import static org.proofassist.hub.api.seal.SealFixtures.SHUIBU;
import static org.proofassist.hub.api.seal.SealFixtures.WINDOW;
import static org.proofassist.hub.api.seal.SealFixtures.reply;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;

class JadesReplySealTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private DevelopmentSealAuthority authority;
  private JadesReplySeal sealer;

  @BeforeEach
  void openAuthority() {
    authority = SealFixtures.authorityIn(dir);
    sealer = SealFixtures.sealerOf(authority);
  }

  @Test
  void theStampNamesTheDepartmentItsCertificateAndTheDigestOfTheContent() {
    ReplyContent content = reply(SHUIBU);

    StampedReply stamped = sealer.seal(content);

    X509Certificate seal = authority.certificates(SHUIBU).get(0);
    assertThat(stamped.sealedBy()).isEqualTo(SHUIBU);
    assertThat(stamped.certificateSerial()).isEqualTo(seal.getSerialNumber().toString(16));
    assertThat(stamped.certificateSubject()).contains("organizationIdentifier=" + SHUIBU.value());
    assertThat(stamped.contentDigest())
        .isEqualTo(CanonicalJson.digest(CanonicalJson.bytes(content)));
    assertThat(stamped.sealedAt()).isEqualTo(ISSUED_AT);
  }

  @Test
  void theSealIsAJadesJwsCarryingTheCanonicalContentTheChainTheSigningTimeAndATimestamp()
      throws Exception {
    ReplyContent content = reply(SHUIBU);

    JsonNode jws = JSON.readTree(sealer.seal(content).jws());

    assertThat(Base64.getUrlDecoder().decode(jws.get("payload").asText()))
        .isEqualTo(CanonicalJson.bytes(content));
    JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(jws.get("protected").asText()));
    assertThat(header.get("alg").asText()).isEqualTo("ES256");
    assertThat(header.get("x5c")).hasSize(2);
    assertThat(header.get("iat").asLong()).isEqualTo(ISSUED_AT.getEpochSecond());
    assertThat(jws.at("/header/etsiU")).isNotEmpty();
    assertThat(jws.get("signature").asText()).isNotBlank();
  }

  /**
   * Officers reply at the same moment: every reply is sealed and every seal verifies, also while
   * others are verified at the same time (DSS's JSON-schema check of JAdES is not thread-safe).
   */
  @Test
  void repliesSealedAndVerifiedAtTheSameMomentAreAllGood() throws Exception {
    SealVerifier verifier = new SealVerifier(SealFixtures.trustOf(authority));
    String first = sealer.seal(reply(SHUIBU)).jws();
    int threads = 8;
    int each = 6;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    List<java.util.concurrent.Future<List<String>>> results = new java.util.ArrayList<>();
    try {
      for (int t = 0; t < threads; t++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  List<String> verdicts = new java.util.ArrayList<>();
                  for (int i = 0; i < each; i++) {
                    String jws = sealer.seal(reply(SHUIBU)).jws();
                    verdicts.add(verifier.verify(jws).verdict().name());
                    verdicts.add(verifier.verify(first).verdict().name());
                  }
                  return verdicts;
                }));
      }
      start.countDown();
      List<String> verdicts = new java.util.ArrayList<>();
      for (var result : results) {
        verdicts.addAll(result.get(120, java.util.concurrent.TimeUnit.SECONDS));
      }
      assertThat(verdicts).hasSize(threads * each * 2).containsOnly("INTACT");
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void aDepartmentWithoutASealCannotSeal() {
    assertThatThrownBy(() -> sealer.seal(reply(WINDOW)))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining(WINDOW.value());
  }
}
