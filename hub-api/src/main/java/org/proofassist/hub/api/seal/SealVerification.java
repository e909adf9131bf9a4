package org.proofassist.hub.api.seal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What checking a sealed reply found.
 *
 * @param verdict the finding
 * @param intact whether the reply is as its department sealed it ({@code verdict == INTACT})
 * @param reason the finding in plain words, for the person checking
 * @param department the department the seal certificate names, when it names one
 * @param sealedAt when the reply says it was sealed, when that could be read
 * @param certificate the seal certificate, or {@code null} when it could not be read
 * @param content the sealed content as parsed JSON, or {@code null} when it could not be read
 */
public record SealVerification(
    Verdict verdict,
    boolean intact,
    String reason,
    String department,
    Instant sealedAt,
    CertificateInfo certificate,
    Map<String, Object> content) {

  public SealVerification {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    if (intact != (verdict == Verdict.INTACT)) {
      throw new IllegalArgumentException("intact must agree with the verdict " + verdict);
    }
    content = content == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(content));
  }

  /** The possible findings, from good to unreadable. */
  public enum Verdict {
    /** Signed by a trusted department seal, unchanged, and naming that department as issuer. */
    INTACT,
    /** The signature does not match: the content or its header changed after sealing. */
    ALTERED,
    /** The seal certificate is not one the hub trusts (unknown authority, expired, misused). */
    UNTRUSTED_CERTIFICATE,
    /** The seal is genuine but belongs to another department than the one the reply names. */
    DEPARTMENT_MISMATCH,
    /** Not a sealed reply at all, or missing what a sealed reply must carry. */
    MALFORMED
  }

  /**
   * The seal certificate as a person would want to see it.
   *
   * @param subject the holder's distinguished name
   * @param issuer the issuing authority's distinguished name
   * @param serialNumber the serial number, lower-case hex
   * @param notBefore start of validity
   * @param notAfter end of validity
   */
  public record CertificateInfo(
      String subject, String issuer, String serialNumber, Instant notBefore, Instant notAfter) {}
}
