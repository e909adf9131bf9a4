package org.proofassist.hub.api.seal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSObject;
import com.nimbusds.jose.Payload;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.util.Base64;
import com.nimbusds.jose.util.X509CertUtils;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPrivateKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.ReplySeal;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;

/**
 * Seals replies as compact JWS (ES256): the payload is the reply's {@linkplain CanonicalJson
 * canonical JSON}; the protected header carries the seal's certificate chain ({@code x5c}), the
 * certificate's serial number as {@code kid}, the type {@value #MEDIA_TYPE} and the signing time as
 * the critical parameter {@value #SIGNING_TIME} (as JAdES does), which is the reply's {@code
 * issuedAt}.
 */
public final class JwsReplySeal implements ReplySeal {

  public static final String MEDIA_TYPE = "application/vnd.proofhub.reply+jws";
  public static final JOSEObjectType TYPE = new JOSEObjectType(MEDIA_TYPE);

  /** Header parameter with the claimed signing time, ISO-8601 (JAdES {@code sigT}). */
  public static final String SIGNING_TIME = "sigT";

  private final SealKeys keys;
  private final Clock clock;

  /**
   * @param keys the departments' seal keys
   * @param clock gives the sealing time of content that carries no {@code issuedAt}
   */
  public JwsReplySeal(SealKeys keys, Clock clock) {
    this.keys = Objects.requireNonNull(keys, "keys");
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

    byte[] canonical = CanonicalJson.bytes(content);
    String serial = certificate.getSerialNumber().toString(16);
    JWSHeader header =
        new JWSHeader.Builder(JWSAlgorithm.ES256)
            .type(TYPE)
            .keyID(serial)
            .x509CertChain(encoded(seal.chain(), department))
            .x509CertSHA256Thumbprint(X509CertUtils.computeSHA256Thumbprint(certificate))
            .customParam(SIGNING_TIME, signingTime.toString())
            .criticalParams(Set.of(SIGNING_TIME))
            .build();
    JWSObject jws = new JWSObject(header, new Payload(canonical));
    try {
      jws.sign(new ECDSASigner((ECPrivateKey) seal.key()));
    } catch (JOSEException e) {
      throw new SealUnavailableException(department, "signing failed: " + e.getMessage());
    }
    return new StampedReply(
        jws.serialize(),
        CanonicalJson.digest(canonical),
        department,
        serial,
        SealVerifier.nameOf(certificate.getSubjectX500Principal()),
        signingTime);
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

  private static List<Base64> encoded(List<X509Certificate> chain, DepartmentId department) {
    List<Base64> encoded = new ArrayList<>();
    for (X509Certificate certificate : chain) {
      try {
        encoded.add(Base64.encode(certificate.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new SealUnavailableException(department, "its certificate cannot be encoded");
      }
    }
    return encoded;
  }
}
