package org.proofassist.hub.api.seal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.util.Base64;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.security.auth.x500.X500Principal;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.proofassist.hub.api.seal.SealVerification.CertificateInfo;
import org.proofassist.hub.api.seal.SealVerification.Verdict;

/**
 * Checks a sealed reply (a compact JWS made by {@link JwsReplySeal}): that its certificate chain
 * leads to a trusted authority and was valid when the reply was sealed, that the signature covers
 * the content unchanged, and that the seal belongs to the department the reply names as issuer.
 *
 * <p>Bad input never throws: every failure is a {@link Verdict} with a reason in plain words. The
 * signature is checked before the chain, so that a genuine reply changed afterwards is reported as
 * {@link Verdict#ALTERED} even when the change moved its sealing time.
 */
public final class SealVerifier {

  private static final String ORGANIZATION_IDENTIFIER = "2.5.4.97";
  private static final Map<String, String> NAME_KEYWORDS =
      Map.of(ORGANIZATION_IDENTIFIER, "organizationIdentifier");
  private static final ObjectMapper CONTENT_READER =
      JsonMapper.builder().enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION).build();
  private static final TypeReference<LinkedHashMap<String, Object>> CONTENT_TYPE =
      new TypeReference<>() {};

  private final List<X509Certificate> trustAnchors;

  /**
   * @param trustAnchors the CA certificates whose seals are trusted; at least one
   */
  public SealVerifier(List<X509Certificate> trustAnchors) {
    this.trustAnchors = List.copyOf(trustAnchors);
    if (this.trustAnchors.isEmpty()) {
      throw new IllegalArgumentException("at least one trust anchor is needed");
    }
  }

  /** Checks a sealed reply given as a compact JWS. */
  public SealVerification verify(String compactJws) {
    if (compactJws == null || compactJws.isBlank()) {
      return new Finding().malformed("there is nothing to check: the sealed reply is empty");
    }
    JWSObject jws;
    try {
      jws = JWSObject.parse(compactJws.strip());
    } catch (ParseException | IllegalArgumentException e) {
      return new Finding().malformed("this is not a sealed reply (" + e.getMessage() + ")");
    }
    return check(jws);
  }

  private SealVerification check(JWSObject jws) {
    Finding finding = new Finding();
    JWSHeader header = jws.getHeader();
    if (!JWSAlgorithm.ES256.equals(header.getAlgorithm())) {
      return finding.malformed(
          "the seal uses the algorithm " + header.getAlgorithm() + ", not ES256");
    }
    if (header.getType() != null && !JwsReplySeal.TYPE.equals(header.getType())) {
      return finding.malformed("this is a '" + header.getType() + "', not a sealed reply");
    }
    Set<String> critical = header.getCriticalParams();
    if (critical != null && !Set.of(JwsReplySeal.SIGNING_TIME).containsAll(critical)) {
      return finding.malformed("the seal demands header parameters this hub does not know");
    }
    finding.content = readContent(jws.getPayload().toBytes());
    if (finding.content == null) {
      return finding.malformed("the sealed content is not a JSON object");
    }
    List<X509Certificate> chain = readChain(header.getX509CertChain());
    if (chain.isEmpty()) {
      return finding.malformed("the seal carries no readable certificate");
    }
    X509Certificate leaf = chain.get(0);
    finding.certificate = infoOf(leaf);
    finding.department = departmentOf(leaf).orElse(null);
    finding.sealedAt = signingTime(finding.content, header);
    if (finding.sealedAt == null) {
      return finding.malformed("the reply does not say when it was sealed");
    }

    if (!(leaf.getPublicKey() instanceof ECPublicKey key)
        || Curve.forECParameterSpec(key.getParams()) != Curve.P_256) {
      return finding.conclude(
          Verdict.UNTRUSTED_CERTIFICATE, "the seal certificate does not hold a P-256 key");
    }
    try {
      if (!jws.verify(new ECDSAVerifier(key, Set.of(JwsReplySeal.SIGNING_TIME)))) {
        return finding.conclude(
            Verdict.ALTERED,
            "the signature does not match: the reply was changed after it was sealed");
      }
    } catch (JOSEException e) {
      return finding.conclude(
          Verdict.ALTERED, "the signature cannot be checked (" + e.getMessage() + ")");
    }

    try {
      validatePath(chain, trustAnchors, finding.sealedAt);
    } catch (CertPathValidatorException e) {
      return finding.conclude(Verdict.UNTRUSTED_CERTIFICATE, untrustedReason(e));
    }
    boolean[] usage = leaf.getKeyUsage();
    if (usage != null && !usage[0] && !usage[1]) {
      return finding.conclude(
          Verdict.UNTRUSTED_CERTIFICATE, "the certificate is not meant for sealing documents");
    }
    if (finding.department == null) {
      return finding.conclude(
          Verdict.UNTRUSTED_CERTIFICATE, "the seal certificate does not name a department");
    }

    Object issuer = finding.content.get("issuingDepartment");
    if (!(issuer instanceof String issuingDepartment)) {
      return finding.conclude(
          Verdict.DEPARTMENT_MISMATCH, "the reply does not name its issuing department");
    }
    if (!issuingDepartment.equals(finding.department)) {
      return finding.conclude(
          Verdict.DEPARTMENT_MISMATCH,
          "the reply names "
              + issuingDepartment
              + " as its issuer but carries the seal of "
              + finding.department);
    }
    return finding.conclude(
        Verdict.INTACT,
        "the reply is exactly as " + finding.department + " sealed it at " + finding.sealedAt);
  }

  /**
   * Validates a chain (seal certificate first) against trust anchors with PKIX at the given time,
   * revocation not checked. Trailing certificates that are trust anchors themselves are ignored.
   */
  static void validatePath(
      List<X509Certificate> chain, List<X509Certificate> trustAnchors, Instant at)
      throws CertPathValidatorException {
    List<X509Certificate> path = new ArrayList<>(chain);
    while (!path.isEmpty() && trustAnchors.contains(path.get(path.size() - 1))) {
      path.remove(path.size() - 1);
    }
    if (path.isEmpty()) {
      throw new CertPathValidatorException("the certificate is a trust anchor, not a seal");
    }
    try {
      CertPath certPath = CertificateFactory.getInstance("X.509").generateCertPath(path);
      PKIXParameters parameters =
          new PKIXParameters(
              trustAnchors.stream()
                  .map(anchor -> new TrustAnchor(anchor, null))
                  .collect(Collectors.toSet()));
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(at));
      CertPathValidator.getInstance("PKIX").validate(certPath, parameters);
    } catch (CertPathValidatorException e) {
      throw e;
    } catch (GeneralSecurityException e) {
      throw new CertPathValidatorException("the chain cannot be validated: " + e.getMessage(), e);
    }
  }

  /** The department a seal certificate names in its subject's organizationIdentifier. */
  static Optional<String> departmentOf(X509Certificate certificate) {
    try {
      X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
      RDN[] rdns = subject.getRDNs(BCStyle.ORGANIZATION_IDENTIFIER);
      if (rdns.length != 1 || rdns[0].isMultiValued()) {
        return Optional.empty();
      }
      return rdns[0].getFirst().getValue() instanceof ASN1String value
          ? Optional.of(value.getString())
          : Optional.empty();
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** A distinguished name as RFC 2253 writes it, organizationIdentifier named. */
  static String nameOf(X500Principal principal) {
    return principal.getName(X500Principal.RFC2253, NAME_KEYWORDS);
  }

  private static CertificateInfo infoOf(X509Certificate certificate) {
    return new CertificateInfo(
        nameOf(certificate.getSubjectX500Principal()),
        nameOf(certificate.getIssuerX500Principal()),
        certificate.getSerialNumber().toString(16),
        certificate.getNotBefore().toInstant(),
        certificate.getNotAfter().toInstant());
  }

  private static Map<String, Object> readContent(byte[] payload) {
    try {
      return CONTENT_READER.readValue(payload, CONTENT_TYPE);
    } catch (IOException e) {
      return null;
    }
  }

  /** The certificates of an {@code x5c} header, or an empty list when any cannot be read. */
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
      claimed = header.getCustomParam(JwsReplySeal.SIGNING_TIME);
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

  private static String untrustedReason(CertPathValidatorException e) {
    if (e.getReason() == BasicReason.EXPIRED) {
      return "the seal certificate (or its authority's) had expired when the reply was sealed";
    }
    if (e.getReason() == BasicReason.NOT_YET_VALID) {
      return "the seal certificate (or its authority's) was not yet valid when the reply was"
          + " sealed";
    }
    if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR
        || e.getReason() == BasicReason.INVALID_SIGNATURE) {
      return "the seal certificate was not issued by an authority the hub trusts";
    }
    return "the seal certificate cannot be trusted (" + e.getMessage() + ")";
  }

  /** What has been read so far, turned into a verification at the end. */
  private static final class Finding {
    private String department;
    private Instant sealedAt;
    private CertificateInfo certificate;
    private Map<String, Object> content;

    SealVerification malformed(String reason) {
      return conclude(Verdict.MALFORMED, reason);
    }

    SealVerification conclude(Verdict verdict, String reason) {
      return new SealVerification(
          verdict, verdict == Verdict.INTACT, reason, department, sealedAt, certificate, content);
    }
  }
}
