package org.proofassist.hub.api.seal;

import eu.europa.esig.dss.enumerations.DigestAlgorithm;
import eu.europa.esig.dss.enumerations.JWSSerializationType;
import eu.europa.esig.dss.enumerations.MimeTypeEnum;
import eu.europa.esig.dss.enumerations.SignatureAlgorithm;
import eu.europa.esig.dss.enumerations.SignatureLevel;
import eu.europa.esig.dss.enumerations.SignaturePackaging;
import eu.europa.esig.dss.jades.JAdESSignatureParameters;
import eu.europa.esig.dss.jades.signature.JAdESService;
import eu.europa.esig.dss.model.DSSDocument;
import eu.europa.esig.dss.model.DSSException;
import eu.europa.esig.dss.model.InMemoryDocument;
import eu.europa.esig.dss.model.SignatureValue;
import eu.europa.esig.dss.model.ToBeSigned;
import eu.europa.esig.dss.model.x509.CertificateToken;
import eu.europa.esig.dss.spi.DSSUtils;
import eu.europa.esig.dss.spi.x509.tsp.TSPSource;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.ReplySeal;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;

/**
 * Seals replies as JAdES baseline-T signatures (ETSI TS 119 182-1) made with the EU DSS library: an
 * enveloping JWS in flattened JSON serialization whose payload is the reply's {@linkplain
 * CanonicalJson canonical JSON}, whose protected header carries ES256, the seal's certificate chain
 * ({@code x5c}), a digest of the signing certificate and the signing time ({@code iat}, the reply's
 * {@code issuedAt}), and whose unprotected header carries a time-stamp token of the hub's {@link
 * HubTimeStampAuthority} over the signature.
 *
 * <p>DSS checks the seal certificate against the {@link SealTrust} before signing: an expired, not
 * yet valid or revoked seal certificate is refused.
 */
public final class JadesReplySeal implements ReplySeal {

  /** The signature level every reply carries. */
  public static final SignatureLevel LEVEL = SignatureLevel.JAdES_BASELINE_T;

  private final SealKeys keys;
  private final SealTrust trust;
  private final TSPSource timestamps;
  private final Clock clock;

  /**
   * @param keys the departments' seal keys
   * @param trust the anchors and CRL the seal certificate is checked against before signing
   * @param timestamps the time-stamping authority
   * @param clock gives the sealing time of content that carries no {@code issuedAt}
   */
  public JadesReplySeal(SealKeys keys, SealTrust trust, TSPSource timestamps, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.timestamps = Objects.requireNonNull(timestamps, "timestamps");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  @Override
  public StampedReply seal(ReplyContent content) {
    Objects.requireNonNull(content, "content");
    DepartmentId department = content.issuingDepartment();
    if (department == null) {
      throw new IllegalArgumentException("a reply to seal names its issuing department");
    }
    SealKey seal =
        keys.of(department)
            .orElseThrow(
                () ->
                    new SealUnavailableException(
                        department, "no seal store at " + keys.storeOf(department)));
    Instant signingTime = content.issuedAt() != null ? content.issuedAt() : clock.instant();
    X509Certificate certificate = seal.certificate();
    requireValidAt(certificate, signingTime, department);
    if (trust.crl().map(crl -> crl.isRevoked(certificate)).orElse(false)) {
      throw new SealUnavailableException(
          department,
          "its seal certificate "
              + certificate.getSerialNumber().toString(16)
              + " is revoked; an administrator must rotate the seal");
    }

    byte[] canonical = CanonicalJson.bytes(content);
    byte[] sealed = sign(canonical, seal.key(), seal.chain(), signingTime, department);
    return new StampedReply(
        new String(sealed, StandardCharsets.UTF_8),
        CanonicalJson.digest(canonical),
        department,
        certificate.getSerialNumber().toString(16),
        SealVerifier.nameOf(certificate.getSubjectX500Principal()),
        signingTime);
  }

  /**
   * Signs a document as an enveloping JAdES baseline-T signature in flattened JSON serialization.
   */
  byte[] sign(
      byte[] payload,
      PrivateKey key,
      List<X509Certificate> chain,
      Instant signingTime,
      DepartmentId department) {
    JAdESSignatureParameters parameters = new JAdESSignatureParameters();
    parameters.setSignatureLevel(LEVEL);
    parameters.setSignaturePackaging(SignaturePackaging.ENVELOPING);
    parameters.setJwsSerializationType(JWSSerializationType.FLATTENED_JSON_SERIALIZATION);
    parameters.setDigestAlgorithm(DigestAlgorithm.SHA256);
    parameters.setSigningCertificate(new CertificateToken(chain.get(0)));
    parameters.setCertificateChain(chain.stream().map(CertificateToken::new).toList());
    parameters.bLevel().setSigningDate(Date.from(signingTime));
    // Carry the whole chain, trust anchor included, so a verifier sees what it is asked to trust.
    parameters.bLevel().setTrustAnchorBPPolicy(false);

    JAdESService service = new JAdESService(trust.certificateVerifier());
    service.setTspSource(timestamps);
    DSSDocument document = new InMemoryDocument(payload, "reply.json", MimeTypeEnum.JSON);
    try {
      ToBeSigned toBeSigned =
          JadesStructureChecks.oneAtATime(() -> service.getDataToSign(document, parameters));
      SignatureValue value =
          new SignatureValue(SignatureAlgorithm.ECDSA_SHA256, ecdsa(key, toBeSigned.getBytes()));
      return DSSUtils.toByteArray(
          JadesStructureChecks.oneAtATime(() -> service.signDocument(document, parameters, value)));
    } catch (DSSException | GeneralSecurityException e) {
      throw new SealUnavailableException(department, "sealing failed: " + e.getMessage());
    }
  }

  private static byte[] ecdsa(PrivateKey key, byte[] data) throws GeneralSecurityException {
    Signature signature = Signature.getInstance("SHA256withECDSA");
    signature.initSign(key);
    signature.update(data);
    return signature.sign();
  }

  private static void requireValidAt(
      X509Certificate certificate, Instant signingTime, DepartmentId department) {
    try {
      certificate.checkValidity(Date.from(signingTime));
    } catch (CertificateExpiredException e) {
      throw new SealUnavailableException(
          department,
          "its seal certificate expired on "
              + certificate.getNotAfter().toInstant()
              + ", before "
              + signingTime);
    } catch (CertificateNotYetValidException e) {
      throw new SealUnavailableException(
          department,
          "its seal certificate is valid only from "
              + certificate.getNotBefore().toInstant()
              + ", after "
              + signingTime);
    }
  }
}
