package org.proofassist.hub.api.seal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.proofassist.hub.api.seal.SealFixtures.ISSUED_AT;
import static org.proofassist.hub.api.seal.SealFixtures.MARRIAGE;
import static org.proofassist.hub.api.seal.SealFixtures.PASSWORD;
import static org.proofassist.hub.api.seal.SealFixtures.SHUIBU;
import static org.proofassist.hub.api.seal.SealFixtures.reply;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import eu.europa.esig.dss.alert.SilentOnStatusAlert;
import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.JWSSerializationType;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.jades.JAdESSignatureParameters;
import eu.europa.esig.dss.jades.signature.JAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.validation.CommonCertificateVerifier;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.proofassist.hub.api.seal.SealVerification.Verdict;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.RevocationReason;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority.Rotation;

/** Tamper tests: every way a sealed reply can be wrong is detected, with the right reason. */
class SealVerifierTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dir;

  private MovableClock clock;
  private DevelopmentSealAuthority authority;
  private JadesReplySeal sealer;
  private SealVerifier verifier;

  @BeforeEach
  void openAuthority() {
    clock = new MovableClock(ISSUED_AT.plusSeconds(5));
    authority =
        DevelopmentSealAuthority.openOrCreate(
            dir.resolve("pki"), SealFixtures.DEPARTMENTS, PASSWORD, clock);
    sealer = SealFixtures.sealerOf(authority, clock);
    verifier = new SealVerifier(SealFixtures.trustOf(authority));
  }

  @Test
  void aSealedReplyIsIntactAndSaysWhoSealedItAndWhen() {
    StampedReply stamped = sealer.seal(reply(SHUIBU));

    SealVerification verification = verifier.verify(stamped.jws());

    assertThat(verification.verdict()).isEqualTo(Verdict.INTACT);
    assertThat(verification.intact()).isTrue();
    assertThat(verification.department()).isEqualTo(SHUIBU.value());
    assertThat(verification.sealedAt()).isEqualTo(ISSUED_AT);
    assertThat(verification.timestampedAt()).isEqualTo(ISSUED_AT.plusSeconds(5));
    assertThat(verification.format()).isEqualTo("JAdES-BASELINE-T");
    assertThat(verification.validation().indication()).isEqualTo("TOTAL_PASSED");
    assertThat(verification.certificate().serialNumber()).isEqualTo(stamped.certificateSerial());
    assertThat(verification.content()).containsEntry("issuingDepartment", SHUIBU.value());
  }

  @Test
  void theValidationReportIsAttachedWhenAskedFor() {
    StampedReply stamped = sealer.seal(reply(SHUIBU));

    SealVerification verification =
        verifier.verify(stamped.jws().getBytes(StandardCharsets.UTF_8), true);

    assertThat(verification.validationReport())
        .contains("SimpleReport")
        .contains("TOTAL_PASSED")
        .contains("JAdES-BASELINE-T");
  }

  @Test
  void aFlippedByteInThePayloadIsAltered() throws Exception {
    ObjectNode jws = parse(sealer.seal(reply(SHUIBU)));
    byte[] payload = Base64.getUrlDecoder().decode(jws.get("payload").asText());
    payload[payload.length / 2] ^= 0x01;
    jws.put("payload", Base64.getUrlEncoder().withoutPadding().encodeToString(payload));

    SealVerification verification = verifier.verify(JSON.writeValueAsString(jws));

    assertThat(verification.verdict()).isEqualTo(Verdict.ALTERED);
    assertThat(verification.reason()).contains("changed after it was sealed");
    assertThat(verification.validation().subIndication()).isEqualTo("HASH_FAILURE");
  }

  @Test
  void aSwappedCertificateIsAltered() throws Exception {
    ObjectNode jws = parse(sealer.seal(reply(SHUIBU)));
    ObjectNode header = protectedHeader(jws);
    X509Certificate marriage = authority.certificates(MARRIAGE).get(0);
    ArrayNode x5c = JSON.createArrayNode();
    x5c.add(Base64.getEncoder().encodeToString(marriage.getEncoded()));
    x5c.add(Base64.getEncoder().encodeToString(authority.trustAnchor().getEncoded()));
    header.set("x5c", x5c);
    jws.put(
        "protected",
        Base64.getUrlEncoder().withoutPadding().encodeToString(JSON.writeValueAsBytes(header)));

    SealVerification verification = verifier.verify(JSON.writeValueAsString(jws));

    assertThat(verification.verdict()).isEqualTo(Verdict.ALTERED);
    assertThat(verification.reason()).contains("swapped");
  }

  @Test
  void aSealFromAnotherAuthorityIsUntrusted() {
    DevelopmentSealAuthority other =
        DevelopmentSealAuthority.openOrCreate(
            dir.resolve("other-pki"), SealFixtures.DEPARTMENTS, PASSWORD, clock);
    StampedReply foreign = SealFixtures.sealerOf(other, clock).seal(reply(SHUIBU));

    SealVerification verification = verifier.verify(foreign.jws());

    assertThat(verification.verdict()).isEqualTo(Verdict.UNTRUSTED_CERTIFICATE);
    assertThat(verification.reason()).contains("not issued by an authority the hub trusts");
    assertThat(verification.department()).isEqualTo(SHUIBU.value());
  }

  @Test
  void aReplySealedWithAnExpiredCertificateIsNotValidAtSigningTime() throws Exception {
    KeyPair keys = newKeyPair();
    X509Certificate expired =
        issueSeal(
            SHUIBU,
            keys,
            ISSUED_AT.minus(Duration.ofDays(400)),
            ISSUED_AT.minus(Duration.ofDays(35)));
    byte[] forged =
        forge(reply(SHUIBU), keys.getPrivate(), List.of(expired, authority.trustAnchor()));

    SealVerification verification = verifier.verify(forged);

    assertThat(verification.verdict()).isEqualTo(Verdict.NOT_VALID_AT_SIGNING_TIME);
    assertThat(verification.reason()).contains("was not valid when the reply was sealed");
  }

  @Test
  void aReplySealedBeforeItsCertificateWasRevokedStaysIntact() {
    StampedReply before = sealer.seal(reply(SHUIBU));
    clock.advance(Duration.ofHours(1));
    revokeCurrentSealOf(SHUIBU, clock.instant().minus(Duration.ofMinutes(30)));

    assertThat(verifier.verify(before.jws()).verdict()).isEqualTo(Verdict.INTACT);
  }

  @Test
  void aReplySealedAfterItsCertificateWasRevokedIsRevoked() throws Exception {
    Path store = authority.sealStore(SHUIBU);
    PrivateKey stolen = keyIn(store, DevelopmentSealAuthority.SEAL_ALIAS);
    List<X509Certificate> chain = List.of(authority.certificates(SHUIBU).get(0), anchor());
    clock.advance(Duration.ofHours(1));
    revokeCurrentSealOf(SHUIBU, clock.instant().minus(Duration.ofMinutes(30)));

    byte[] forged = forge(replyAt(SHUIBU, clock.instant()), stolen, chain);
    SealVerification verification = verifier.verify(forged);

    assertThat(verification.verdict()).isEqualTo(Verdict.REVOKED);
    assertThat(verification.validation().subIndication()).isEqualTo("REVOKED_NO_POE");
  }

  @Test
  void aRevokedSealCannotSealAnyMore() {
    clock.advance(Duration.ofMinutes(10));
    revokeCurrentSealOf(SHUIBU, clock.instant());

    assertThatThrownBy(() -> sealer.seal(replyAt(SHUIBU, clock.instant())))
        .isInstanceOf(SealUnavailableException.class)
        .hasMessageContaining("revoked");
  }

  @Test
  void afterARotationNewRepliesCarryTheNewCertificateAndOldOnesStayIntact() {
    StampedReply old = sealer.seal(reply(SHUIBU));
    clock.advance(Duration.ofDays(1));
    Rotation rotation = authority.rotate(SealFixtures.DEPARTMENTS.get(0));
    StampedReply fresh = sealer.seal(replyAt(SHUIBU, clock.instant()));

    assertThat(fresh.certificateSerial())
        .isEqualTo(rotation.current().getSerialNumber().toString(16))
        .isNotEqualTo(old.certificateSerial());
    assertThat(verifier.verify(old.jws()).verdict()).isEqualTo(Verdict.INTACT);
    assertThat(verifier.verify(old.jws()).certificate().serialNumber())
        .isEqualTo(rotation.previous().getSerialNumber().toString(16));
    assertThat(verifier.verify(fresh.jws()).verdict()).isEqualTo(Verdict.INTACT);
  }

  @Test
  void aTruncatedSignatureIsAltered() throws Exception {
    ObjectNode jws = parse(sealer.seal(reply(SHUIBU)));
    String signature = jws.get("signature").asText();
    jws.put("signature", signature.substring(0, signature.length() - 12));

    SealVerification verification = verifier.verify(JSON.writeValueAsString(jws));

    assertThat(verification.verdict()).isEqualTo(Verdict.ALTERED);
  }

  @Test
  void aSealedReplyCutShortIsMalformed() {
    String jws = sealer.seal(reply(SHUIBU)).jws();

    SealVerification verification = verifier.verify(jws.substring(0, jws.length() / 2));

    assertThat(verification.verdict()).isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void theSealOfOneDepartmentOnAReplyOfAnotherIsADepartmentMismatch() {
    ReplyContent marriageReply = reply(MARRIAGE);
    var shuibu = SealFixtures.keysOf(authority).of(SHUIBU).orElseThrow();
    byte[] sealed =
        sealer.sign(
            CanonicalJson.bytes(marriageReply), shuibu.key(), shuibu.chain(), ISSUED_AT, SHUIBU);

    SealVerification verification = verifier.verify(sealed);

    assertThat(verification.verdict()).isEqualTo(Verdict.DEPARTMENT_MISMATCH);
    assertThat(verification.reason())
        .contains(MARRIAGE.value() + " as its issuer but carries the seal of " + SHUIBU.value());
  }

  @Test
  void withoutRevocationDataTheVerdictIsUndetermined() {
    StampedReply stamped = sealer.seal(reply(SHUIBU));
    SealVerifier offline =
        new SealVerifier(SealTrust.withoutRevocationData(List.of(authority.trustAnchor())));

    SealVerification verification = offline.verify(stamped.jws());

    assertThat(verification.verdict()).isEqualTo(Verdict.UNDETERMINED);
    assertThat(verification.reason()).contains("revocation");
  }

  @Test
  void aReplySealedBeforeJadesSealsStillVerifies() throws Exception {
    String legacy = legacySeal(reply(SHUIBU));

    SealVerification verification = verifier.verify(legacy);

    assertThat(verification.verdict()).as(verification.reason()).isEqualTo(Verdict.INTACT);
    assertThat(verification.department()).isEqualTo(SHUIBU.value());
    assertThat(verification.sealedAt()).isEqualTo(ISSUED_AT);
  }

  @Test
  void aChangedReplySealedBeforeJadesSealsIsAlteredAndARevokedOneIsRevoked() throws Exception {
    String legacy = legacySeal(reply(SHUIBU));
    String[] parts = legacy.split("\\.");
    byte[] payload = Base64.getUrlDecoder().decode(parts[1]);
    payload[payload.length / 2] ^= 0x01;
    String changed =
        parts[0]
            + "."
            + Base64.getUrlEncoder().withoutPadding().encodeToString(payload)
            + "."
            + parts[2];

    assertThat(verifier.verify(changed).verdict()).isEqualTo(Verdict.ALTERED);

    clock.advance(Duration.ofMinutes(5));
    revokeCurrentSealOf(SHUIBU, clock.instant());
    assertThat(verifier.verify(legacy).verdict()).isEqualTo(Verdict.REVOKED);
  }

  /** A reply sealed as the hub did before JAdES: compact JWS, x5c, critical sigT (Nimbus). */
  private String legacySeal(ReplyContent content) throws Exception {
    var key = SealFixtures.keysOf(authority).of(SHUIBU).orElseThrow();
    List<com.nimbusds.jose.util.Base64> x5c = new java.util.ArrayList<>();
    for (X509Certificate certificate : key.chain()) {
      x5c.add(com.nimbusds.jose.util.Base64.encode(certificate.getEncoded()));
    }
    com.nimbusds.jose.JWSHeader header =
        new com.nimbusds.jose.JWSHeader.Builder(com.nimbusds.jose.JWSAlgorithm.ES256)
            .type(new com.nimbusds.jose.JOSEObjectType(LegacyJwsSeals.TYPE))
            .x509CertChain(x5c)
            .customParam("sigT", content.issuedAt().toString())
            .criticalParams(java.util.Set.of("sigT"))
            .build();
    com.nimbusds.jose.JWSObject jws =
        new com.nimbusds.jose.JWSObject(
            header, new com.nimbusds.jose.Payload(CanonicalJson.bytes(content)));
    jws.sign(
        new com.nimbusds.jose.crypto.ECDSASigner(
            (java.security.interfaces.ECPrivateKey) key.key()));
    return jws.serialize();
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "   ", "hello", "{\"payload\":\"e30\"}", "a.b.c", "%PDF-1.7 junk"})
  void anythingThatIsNotASealedReplyIsMalformed(String input) {
    SealVerification verification = verifier.verify(input);

    assertThat(verification.verdict()).isEqualTo(Verdict.MALFORMED);
    assertThat(verification.intact()).isFalse();
  }

  private void revokeCurrentSealOf(DepartmentId department, Instant at) {
    authority.revoke(
        authority.certificates(department).get(0).getSerialNumber(),
        at,
        RevocationReason.KEY_COMPROMISE);
  }

  private static ReplyContent replyAt(DepartmentId issuer, Instant issuedAt) {
    ReplyContent r = SealFixtures.reply(issuer);
    return new ReplyContent(
        r.requestId(),
        r.proofType(),
        r.subject(),
        r.matter(),
        r.question(),
        r.outcome(),
        r.statement(),
        r.facts(),
        r.issuingDepartment(),
        r.officer(),
        issuedAt);
  }

  /**
   * Seals as a thief or a careless signer would: with DSS told not to mind an expired or revoked
   * certificate, and time-stamped by the hub's own authority at the clock's time.
   */
  private byte[] forge(ReplyContent content, PrivateKey key, List<X509Certificate> chain)
      throws Exception {
    JAdESSignatureParameters parameters = new JAdESSignatureParameters();
    parameters.setSignatureLevel(SignatureLevel.JAdES_BASELINE_T);
    parameters.setSignaturePackaging(SignaturePackaging.ENVELOPING);
    parameters.setJwsSerializationType(JWSSerializationType.FLATTENED_JSON_SERIALIZATION);
    parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
    parameters.setSigningCertificate(new CertificateToken(chain.get(0)));
    parameters.setCertificateChain(chain.stream().map(CertificateToken::new).toList());
    parameters.bLevel().setSigningDate(Date.from(content.issuedAt()));
    CommonCertificateVerifier careless = new CommonCertificateVerifier();
    careless.setAlertOnExpiredCertificate(new SilentOnStatusAlert());
    careless.setAlertOnRevokedCertificate(new SilentOnStatusAlert());
    careless.setAlertOnMissingRevocationData(new SilentOnStatusAlert());
    JAdESService service = new JAdESService(careless);
    service.setTspSource(SealFixtures.timestampsOf(authority, clock));
    DSSDocument document =
        new InMemoryDocument(CanonicalJson.bytes(content), "reply.json", MimeTypeEnum.JSON);
    ToBeSigned toBeSigned = service.getDataToSign(document, parameters);
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(key);
    signature.update(toBeSigned.getBytes());
    SignatureValue value = new SignatureValue(SignatureAlgorithm.ECDSA_SHA256, signature.sign());
    return DSSUtils.toByteArray(service.signDocument(document, parameters, value));
  }

  private X509Certificate issueSeal(
      DepartmentId department, KeyPair keys, Instant notBefore, Instant notAfter) throws Exception {
    X500Name subject =
        new X500NameBuilder(BCStyle.INSTANCE)
            .addRDN(BCStyle.C, "CN")
            .addRDN(BCStyle.ORGANIZATION_IDENTIFIER, department.value())
            .addRDN(BCStyle.CN, department.value())
            .build();
    var builder =
        new JcaX509v3CertificateBuilder(
                anchor(),
                new BigInteger(96, new java.security.SecureRandom()),
                Date.from(notBefore),
                Date.from(notAfter),
                subject,
                keys.getPublic())
            .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
            .addExtension(
                Extension.keyUsage,
                true,
                new KeyUsage(KeyUsage.digitalSignature | KeyUsage.nonRepudiation));
    PrivateKey caKey = keyIn(dir.resolve("pki").resolve(DevelopmentSealAuthority.CA_STORE), "ca");
    return new JcaX509CertificateConverter()
        .getCertificate(builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(caKey)));
  }

  private X509Certificate anchor() {
    return authority.trustAnchor();
  }

  private static PrivateKey keyIn(Path store, String alias) throws Exception {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, PASSWORD);
    }
    return (PrivateKey) keyStore.getKey(alias, PASSWORD);
  }

  private static KeyPair newKeyPair() throws Exception {
    KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
    generator.initialize(new ECGenParameterSpec("secp256r1"));
    return generator.generateKeyPair();
  }

  private static ObjectNode parse(StampedReply stamped) throws Exception {
    return (ObjectNode) JSON.readTree(stamped.jws());
  }

  private static ObjectNode protectedHeader(ObjectNode jws) throws Exception {
    return (ObjectNode) JSON.readTree(Base64.getUrlDecoder().decode(jws.get("protected").asText()));
  }

  /** A clock the test moves forward. */
  static final class MovableClock extends Clock {
    private Instant now;

    MovableClock(Instant start) {
      now = start;
    }

    void advance(Duration by) {
      now = now.plus(by);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
