package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proofassist.hub.api.seal.SealFixtures.CLOCK;
import static org.proofassist.hub.api.seal.SealFixtures.ISSUED_AT;
import static org.proofassist.hub.api.seal.SealFixtures.SHUIBU;
import static org.proofassist.hub.api.seal.SealFixtures.WINDOW;
import static org.proofassist.hub.api.seal.SealFixtures.reply;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSObject;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;

class JwsReplySealTest {

  @TempDir Path dir;

  private DevelopmentSealAuthority authority;
  private SealKeys keys;
  private JwsReplySeal seal;

  @BeforeEach
  void openAuthority() {
    authority = SealFixtures.authorityIn(dir);
    keys = SealFixtures.keysOf(authority);
    seal = new JwsReplySeal(keys, CLOCK);
  }

  @Test
  void theStampNamesTheDepartmentItsCertificateAndTheDigestOfTheContent() {
    ReplyContent content = reply(SHUIBU);
    X509Certificate certificate = keys.of(SHUIBU).orElseThrow().certificate();

    StampedReply stamp = seal.seal(content);

    assertThat(stamp.sealedBy()).isEqualTo(SHUIBU);
    assertThat(stamp.sealedAt()).isEqualTo(ISSUED_AT);
    assertThat(stamp.certificateSerial()).isEqualTo(certificate.getSerialNumber().toString(16));
    assertThat(stamp.certificateSubject())
        .isEqualTo(
            "CN=福州市公安局鼓楼分局水部派出所,OU=FZ-PSB-GULOU-SHUIBU,"
                + "organizationIdentifier=FZ-PSB-GULOU-SHUIBU,O=Proof Assist Hub,C=CN");
    assertThat(stamp.contentDigest())
        .isEqualTo(CanonicalJson.digest(CanonicalJson.bytes(content)))
        .hasSize(64);
  }

  @Test
  void theJwsCarriesTheCanonicalContentAndTheChainInItsHeader() throws Exception {
    ReplyContent content = reply(SHUIBU);

    JWSObject jws = JWSObject.parse(seal.seal(content).jws());

    assertThat(jws.getPayload().toBytes()).isEqualTo(CanonicalJson.bytes(content));
    assertThat(jws.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
    assertThat(jws.getHeader().getType().getType()).isEqualTo("application/vnd.proofhub.reply+jws");
    assertThat(jws.getHeader().getCustomParam("sigT")).isEqualTo("2026-11-23T09:30:00Z");
    assertThat(jws.getHeader().getCriticalParams()).isEqualTo(Set.of("sigT"));
    assertThat(jws.getHeader().getX509CertChain()).hasSize(2);
    X509Certificate leaf =
        (X509Certificate)
            CertificateFactory.getInstance("X.509")
                .generateCertificate(
                    new ByteArrayInputStream(jws.getHeader().getX509CertChain().get(0).decode()));
    assertThat(leaf).isEqualTo(keys.of(SHUIBU).orElseThrow().certificate());
    assertThat(jws.getHeader().getKeyID()).isEqualTo(leaf.getSerialNumber().toString(16));
    assertThat(jws.getHeader().getX509CertSHA256Thumbprint()).isNotNull();
  }

  @Test
  void aDepartmentWithoutASealCannotSeal() {
    assertThatThrownBy(() -> seal.seal(reply(WINDOW)))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("FZ-ASC-GULOU");
  }

  @Test
  void aReplyIssuedAfterTheSealExpiredIsNotSealed() {
    ReplyContent late = issuedAt(reply(SHUIBU), ISSUED_AT.plus(Duration.ofDays(4 * 366)));

    assertThatThrownBy(() -> seal.seal(late))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("expired");
  }

  @Test
  void contentWithoutIssuedAtIsSealedAtTheClocksTime() {
    StampedReply stamp = seal.seal(issuedAt(reply(SHUIBU), null));

    assertThat(stamp.sealedAt()).isEqualTo(CLOCK.instant());
    assertThat(new SealVerifier(keys.trustAnchors()).verify(stamp.jws()).intact()).isTrue();
  }

  @Test
  void twoSealsOfTheSameContentCoverTheSameBytes() {
    StampedReply one = seal.seal(reply(SHUIBU));
    StampedReply other = seal.seal(reply(SHUIBU));

    assertThat(one.contentDigest()).isEqualTo(other.contentDigest());
    assertThat(one.jws().split("\\.")[1]).isEqualTo(other.jws().split("\\.")[1]);
  }

  static ReplyContent issuedAt(ReplyContent content, Instant issuedAt) {
    return new ReplyContent(
        content.requestId(),
        content.proofType(),
        content.subject(),
        content.matter(),
        content.question(),
        content.outcome(),
        content.statement(),
        content.facts(),
        content.issuingDepartment(),
        content.officer(),
        issuedAt);
  }
}
