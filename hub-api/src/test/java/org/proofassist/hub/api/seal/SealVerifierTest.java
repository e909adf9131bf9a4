package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.proofassist.hub.api.seal.SealFixtures.CLOCK;
import static org.proofassist.hub.api.seal.SealFixtures.ISSUED_AT;
import static org.proofassist.hub.api.seal.SealFixtures.MARRIAGE;
import static org.proofassist.hub.api.seal.SealFixtures.SHUIBU;
import static org.proofassist.hub.api.seal.SealFixtures.reply;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.Base64URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.api.seal.SealVerification.Verdict;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;

class SealVerifierTest {

  @TempDir Path dir;

  private DevelopmentSealAuthority authority;
  private SealKeys keys;
  private JwsReplySeal seal;
  private SealVerifier verifier;

  @BeforeEach
  void openAuthority() {
    authority = SealFixtures.authorityIn(dir.resolve("hub"));
    keys = SealFixtures.keysOf(authority);
    seal = new JwsReplySeal(keys, CLOCK);
    verifier = new SealVerifier(List.of(authority.trustAnchor()));
  }

  @Test
  void aSealedReplyIsIntactAndNamesItsDepartment() {
    StampedReply stamp = seal.seal(reply(MARRIAGE));

    SealVerification verification = verifier.verify(stamp.jws());

    assertThat(verification.verdict()).isEqualTo(Verdict.INTACT);
    assertThat(verification.intact()).isTrue();
    assertThat(verification.department()).isEqualTo("FZ-CAB-GULOU-MARRIAGE");
    assertThat(verification.sealedAt()).isEqualTo(ISSUED_AT);
    assertThat(verification.reason()).contains("FZ-CAB-GULOU-MARRIAGE");
    assertThat(verification.certificate().serialNumber()).isEqualTo(stamp.certificateSerial());
    assertThat(verification.certificate().subject()).isEqualTo(stamp.certificateSubject());
    assertThat(verification.certificate().issuer())
        .isEqualTo("CN=Proof Assist Hub Development CA,O=Proof Assist Hub,C=CN");
    assertThat(verification.content())
        .containsEntry("issuingDepartment", "FZ-CAB-GULOU-MARRIAGE")
        .containsEntry("statement", "经核查，系同一人。")
        .containsEntry("issuedAt", "2026-11-23T09:30:00Z");
  }

  @Test
  void eachDepartmentsSealIsIntact() {
    assertThat(verifier.verify(seal.seal(reply(SHUIBU)).jws()).department())
        .isEqualTo("FZ-PSB-GULOU-SHUIBU");
    assertThat(verifier.verify(seal.seal(reply(MARRIAGE)).jws()).department())
        .isEqualTo("FZ-CAB-GULOU-MARRIAGE");
  }

  @Test
  void aReplyChangedAfterSealingIsAltered() {
    String[] parts = seal.seal(reply(SHUIBU)).jws().split("\\.");
    byte[] payload = new Base64URL(parts[1]).decode();
    String text = new String(payload, StandardCharsets.UTF_8);
    int at = text.indexOf("CASE-2026-0001") + "CASE-2026-000".length();
    payload[at] = (byte) '2';
    String changed = parts[0] + "." + Base64URL.encode(payload) + "." + parts[2];

    SealVerification verification = verifier.verify(changed);

    assertThat(verification.verdict()).isEqualTo(Verdict.ALTERED);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.reason()).contains("changed after it was sealed");
    assertThat(verification.content()).containsKey("matter");
    assertThat(verification.department()).isEqualTo("FZ-PSB-GULOU-SHUIBU");
  }

  @Test
  void aChangedHeaderIsAltered() throws Exception {
    String jws = seal.seal(reply(SHUIBU)).jws();
    String[] parts = jws.split("\\.");
    JWSHeader header = JWSObject.parse(jws).getHeader();
    JWSHeader otherKid = new JWSHeader.Builder(header).keyID("ffff").build();
    String changed = otherKid.toBase64URL() + "." + parts[1] + "." + parts[2];

    assertThat(verifier.verify(changed).verdict()).isEqualTo(Verdict.ALTERED);
  }

  @Test
  void aSealFromAnotherAuthorityIsUntrusted() {
    DevelopmentSealAuthority stranger = SealFixtures.authorityIn(dir.resolve("stranger"));
    JwsReplySeal strangerSeal = new JwsReplySeal(SealFixtures.keysOf(stranger), CLOCK);

    SealVerification verification = verifier.verify(strangerSeal.seal(reply(SHUIBU)).jws());

    assertThat(verification.verdict()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.reason()).contains("not issued by an authority the hub trusts");
    assertThat(verification.certificate()).isNotNull();
    assertThat(
            new SealVerifier(List.of(stranger.trustAnchor()))
                .verify(strangerSeal.seal(reply(SHUIBU)).jws())
                .verdict())
        .isEqualTo(Verdict.INTACT);
  }

  @Test
  void aReplySealedAfterItsCertificateExpiredIsUntrusted() {
    SealKey key = keys.of(SHUIBU).orElseThrow();
    ReplyContent late =
        JwsReplySealTest.issuedAt(reply(SHUIBU), ISSUED_AT.plus(Duration.ofDays(4 * 366)));

    SealVerification verification =
        verifier.verify(signDirectly(key, CanonicalJson.bytes(late), key.chain()));

    assertThat(verification.verdict()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
    assertThat(verification.reason()).contains("expired");
  }

  @Test
  void aReplyVerifiedLongAfterSealingIsStillIntact() {
    StampedReply stamp = seal.seal(reply(SHUIBU));
    DevelopmentSealAuthority muchLater =
        DevelopmentSealAuthority.openOrCreate(
            dir.resolve("hub"),
            SealFixtures.DEPARTMENTS,
            SealFixtures.PASSWORD,
            Clock.offset(CLOCK, Duration.ofDays(5 * 366)));

    SealVerification verification =
        new SealVerifier(List.of(muchLater.trustAnchor())).verify(stamp.jws());

    assertThat(verification.verdict()).isEqualTo(Verdict.INTACT);
  }

  @Test
  void aSealOfOneDepartmentOnAReplyOfAnotherIsADepartmentMismatch() {
    SealKey shuibu = keys.of(SHUIBU).orElseThrow();
    byte[] marriageReply = CanonicalJson.bytes(reply(MARRIAGE));

    SealVerification verification =
        verifier.verify(signDirectly(shuibu, marriageReply, shuibu.chain()));

    assertThat(verification.verdict()).isEqualTo(Verdict.DEPARTMENT_MISMATCH);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.department()).isEqualTo("FZ-PSB-GULOU-SHUIBU");
    assertThat(verification.reason())
        .contains("FZ-CAB-GULOU-MARRIAGE")
        .contains("FZ-PSB-GULOU-SHUIBU");
  }

  @Test
  void aSealWithoutACertificateIsMalformed() {
    SealKey key = keys.of(SHUIBU).orElseThrow();

    SealVerification verification =
        verifier.verify(signDirectly(key, CanonicalJson.bytes(reply(SHUIBU)), List.of()));

    assertThat(verification.verdict()).isEqualTo(Verdict.MALFORMED);
    assertThat(verification.reason()).contains("certificate");
  }

  @Test
  void aSealedPayloadThatIsNotAnObjectIsMalformed() {
    SealKey key = keys.of(SHUIBU).orElseThrow();

    SealVerification verification =
        verifier.verify(signDirectly(key, "[1,2,3]".getBytes(StandardCharsets.UTF_8), key.chain()));

    assertThat(verification.verdict()).isEqualTo(Verdict.MALFORMED);
    assertThat(verification.content()).isNull();
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(
      strings = {
        "garbage",
        "a.b.c",
        "...",
        "eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl",
        "eyJhbGciOiJub25lIn0.e30.",
        "eyJhbGciOiJFUzI1NiJ9.e30.c2lnbmF0dXJl",
        "eyJhbGciOiJFUzI1NiIsIng1YyI6WyJub3QtZGVyIl19.e30.c2lnbmF0dXJl",
        "e30.e30.e30"
      })
  void garbageIsMalformed(String input) {
    SealVerification verification = verifier.verify(input);

    assertThat(verification.verdict()).isEqualTo(Verdict.MALFORMED);
    assertThat(verification.intact()).isFalse();
    assertThat(verification.reason()).isNotBlank();
  }

  @Test
  void noSingleCharacterChangeThrowsOrPassesOutsideTheSignaturesSpareBits() {
    String jws = seal.seal(reply(SHUIBU)).jws();
    List<Integer> intactAt = new ArrayList<>();

    for (int i = 0; i < jws.length(); i++) {
      char replacement = jws.charAt(i) == 'A' ? 'B' : 'A';
      String mutated = jws.substring(0, i) + replacement + jws.substring(i + 1);
      int position = i;
      assertThatCode(() -> verifier.verify(mutated))
          .as("mutation at %d", position)
          .doesNotThrowAnyException();
      if (verifier.verify(mutated).intact()) {
        intactAt.add(i);
      }
    }

    assertThat(intactAt).allMatch(i -> i == jws.length() - 1);
  }

  private static String signDirectly(SealKey key, byte[] payload, List<X509Certificate> chain) {
    try {
      List<Base64> x5c = new ArrayList<>();
      for (X509Certificate certificate : chain) {
        x5c.add(Base64.encode(certificate.getEncoded()));
      }
      JWSHeader.Builder header =
          new JWSHeader.Builder(JWSAlgorithm.ES256)
              .type(JwsReplySeal.TYPE)
              .customParam("sigT", ISSUED_AT.toString())
              .criticalParams(Set.of("sigT"));
      if (!x5c.isEmpty()) {
        header.x509CertChain(x5c);
      }
      JWSObject jws = new JWSObject(header.build(), new Payload(payload));
      jws.sign(new ECDSASigner((ECPrivateKey) key.key()));
      return jws.serialize();
    } catch (JOSEException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }
}
