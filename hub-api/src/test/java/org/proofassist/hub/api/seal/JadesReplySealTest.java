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

  @Test
  void aDepartmentWithoutASealCannotSeal() {
    assertThatThrownBy(() -> sealer.seal(reply(WINDOW)))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining(WINDOW.value());
  }
}
