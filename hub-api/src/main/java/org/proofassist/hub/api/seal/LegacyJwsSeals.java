package org.proofassist.hub.api.seal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.util.Base64;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.proofassist.hub.api.seal.SealVerification.CertificateInfo;
import org.proofassist.hub.api.seal.SealVerification.Verdict;

/**
 * Replies sealed before the hub made JAdES seals: a compact JWS (ES256) of type {@value #TYPE} with
 * the chain in {@code x5c} and the signing time in the critical header {@code sigT}. They are in
 * the event store and must keep verifying. DSS does not take them for ETSI signatures (no signed
 * signing-certificate reference), so they are checked here, as they always were: signature, chain
 * to a trust anchor at the signing time, department. Having no time-stamp, a revoked certificate
 * makes them {@link Verdict#REVOKED} whatever their claimed signing time.
 */
final class LegacyJwsSeals {

  static final String TYPE = "application/vnd.proofhub.reply+jws";
  private static final String SIGNING_TIME = "sigT";
  private static final ObjectMapper CONTENT_READER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final TypeReference<LinkedHashMap<String, Object>> CONTENT_TYPE =
      new TypeReference<>() {};

  private LegacyJwsSeals() {}

  /** The legacy seal in this text, if it is one. */
  static Optional<JWSObject> recognise(String text) {
    if (text.startsWith("{") || text.chars().filter(c -> c == '.').count() != 2) {
      return Optional.empty();
    }
    try {
      JWSObject jws = JWSObject.parse(text);
      return new JOSEObjectType(TYPE).equals(jws.getHeader().getType())
          ? Optional.of(jws)
          : Optional.empty();
    } catch (ParseException e) {
      return Optional.empty();
    }
  }

  static SealVerification verify(JWSObject jws, SealTrust trust) {
    JWSHeader header = jws.getHeader();
    Map<String, Object> content = readContent(jws.getPayload().toBytes());
    List<X509Certificate> chain = readChain(header.getX509CertChain());
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm()) || content == null || chain.isEmpty()) {
      return conclude(Verdict.MALFORMED, "not a well-formed sealed reply", null, null, null, null);
    }
    Set<String> critical = header.getCriticalParams();
    if (critical != null && !Set.of(SIGNING_TIME).containsAll(critical)) {
      return conclude(
          Verdict.MALFORMED,
          "the seal demands header parameters this hub does not know",
          null,
          null,
          null,
          content);
    }
    X509Certificate leaf = chain.get(0);
    String department = SealVerifier.departmentOf(leaf).orElse(null);
    CertificateInfo certificate = SealVerifier.infoOf(leaf);
    Instant sealedAt = signingTime(content, header);
    if (sealedAt == null) {
      return conclude(
          Verdict.MALFORMED,
          "the reply does not say when it was sealed",
          department,
          null,
          certificate,
          content);
    }
    if (!(leaf.getPublicKey() instanceof ECPublicKey key)) {
      return conclude(
          Verdict.UNTRUSTED_CERTIFICATE,
          "the seal certificate holds no EC key",
          department,
          sealedAt,
          certificate,
          content);
    }
    try {
      if (!jws.verify(new ECDSAVerifier(key, Set.of(SIGNING_TIME)))) {
        return conclude(
            Verdict.ALTERED,
            "the signature does not match: the reply was changed after it was sealed",
            department,
            sealedAt,
            certificate,
            content);
      }
    } catch (JOSEException e) {
      return conclude(
          Verdict.ALTERED,
          "the signature cannot be checked (" + e.getMessage() + ")",
          department,
          sealedAt,
          certificate,
          content);
    }
    try {
      SealVerifier.validatePath(chain, trust.anchors(), sealedAt);
    } catch (CertPathValidatorException e) {
      Verdict verdict =
          e.getReason() == CertPathValidatorException.BasicReason.EXPIRED
                  || e.getReason() == CertPathValidatorException.BasicReason.NOT_YET_VALID
              ? Verdict.NOT_VALID_AT_SIGNING_TIME
              : Verdict.UNTRUSTED_CERTIFICATE;
      return conclude(
          verdict,
          "the seal certificate cannot be trusted: " + e.getMessage(),
          department,
          sealedAt,
          certificate,
          content);
    }
    Optional<X509CRL> crl = trust.crl();
    if (crl.isEmpty()) {
      return conclude(
          Verdict.UNDETERMINED,
          "no revocation data for the seal certificate",
          department,
          sealedAt,
          certificate,
          content);
    }
    if (crl.get().isRevoked(leaf)) {
      return conclude(
          Verdict.REVOKED,
          "the seal certificate is revoked and this older seal carries no time-stamp that proves"
              + " it was made before",
          department,
          sealedAt,
          certificate,
          content);
    }
    if (department == null || !department.equals(content.get("issuingDepartment"))) {
      return conclude(
          Verdict.DEPARTMENT_MISMATCH,
          "the reply names "
              + content.get("issuingDepartment")
              + " as its issuer but carries the"
              + " seal of "
              + department,
          department,
          sealedAt,
          certificate,
          content);
    }
    return conclude(
        Verdict.INTACT,
        "the reply is exactly as "
            + department
            + " sealed it at "
            + sealedAt
            + " (a seal made before time-stamps)",
        department,
        sealedAt,
        certificate,
        content);
  }

  private static SealVerification conclude(
      Verdict verdict,
      String reason,
      String department,
      Instant sealedAt,
      CertificateInfo certificate,
      Map<String, Object> content) {
    return new SealVerification(
        verdict,
        verdict == Verdict.INTACT,
        reason,
        department,
        sealedAt,
        null,
        certificate,
        "JWS (before JAdES)",
        null,
        content,
        null);
  }

  private static Map<String, Object> readContent(byte[] payload) {
    try {
      return CONTENT_READER.readValue(payload, CONTENT_TYPE);
    } catch (IOException e) {
      return null;
    }
  }

  private static List<X509Certificate> readChain(List<Base64> x5c) {
    if (x5c == null || x5c.isEmpty()) {
      return List.of();
    }
    List<X509Certificate> chain = new ArrayList<>();
    try {
      CertificateFactory factory = CertificateFactory.getInstance("X.509");
      for (Base64 encoded : x5c) {
        chain.add(
            (X509Certificate)
                factory.generateCertificate(new ByteArrayInputStream(encoded.decode())));
      }
    } catch (CertificateException | RuntimeException e) {
      // Untrusted DER from outside: any failure to read it means "no readable certificate".
      return List.of();
    }
    return chain;
  }

  private static Instant signingTime(Map<String, Object> content, JWSHeader header) {
    Object claimed = content.get("issuedAt");
    if (claimed == null) {
      claimed = header.getCustomParam(SIGNING_TIME);
    }
    if (!(claimed instanceof String text)) {
      return null;
    }
    try {
      return Instant.parse(text);
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
