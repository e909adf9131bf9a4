package org.proofassist.hub.api.seal;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What checking a sealed reply found.
 *
 * @param verdict the finding
 * @param intact whether the reply is as its department sealed it ({@code verdict == INTACT})
 * @param reason the finding in plain words, for the person checking
 * @param department the department the seal certificate names, when it names one
 * @param sealedAt when the seal says it was made (the signing time it carries)
 * @param timestampedAt when the hub's time-stamping authority saw the seal, when it did
 * @param certificate the seal certificate, or {@code null} when it could not be read
 * @param format the signature format DSS recognised, e.g. {@code JAdES-BASELINE-T}
 * @param validation the EU DSS validation result the verdict was drawn from
 * @param content the sealed content as parsed JSON (JSON replies only), or {@code null}
 * @param validationReport DSS's simple report as XML, when asked for
 */
public record SealVerification(
    Verdict verdict,
    boolean intact,
    String reason,
    String department,
    Instant sealedAt,
    Instant timestampedAt,
    CertificateInfo certificate,
    String format,
    Validation validation,
    Map<String, Object> content,
    String validationReport) {

  public SealVerification {
    Objects.requireNonNull(verdict, "verdict");
    Objects.requireNonNull(reason, "reason");
    if (intact != (verdict == Verdict.INTACT)) {
      throw new IllegalArgumentException("intact must agree with the verdict " + verdict);
    }
    content = content == null ? null : Collections.unmodifiableMap(new LinkedHashMap<>(content));
  }

  /** The same finding with DSS's simple report attached. */
  public SealVerification withReport(String report) {
    return new SealVerification(
        verdict,
        intact,
        reason,
        department,
        sealedAt,
        timestampedAt,
        certificate,
        format,
        validation,
        content,
        report);
  }

  /** The possible findings, from good to unreadable. */
  public enum Verdict {
    /** Sealed by a trusted department seal, unchanged, and naming that department as issuer. */
    INTACT,
    /** The signature does not match: the content, its header or its certificate changed. */
    ALTERED,
    /** The seal certificate does not lead to an authority the hub trusts. */
    UNTRUSTED_CERTIFICATE,
    /** The seal certificate had expired, or was not yet valid, when the reply was sealed. */
    NOT_VALID_AT_SIGNING_TIME,
    /** The seal certificate was revoked before the reply was (provably) sealed. */
    REVOKED,
    /** The seal is genuine but belongs to another department than the one the reply names. */
    DEPARTMENT_MISMATCH,
    /** The check could not conclude, e.g. no revocation data was available. */
    UNDETERMINED,
    /** Not a sealed reply at all, or missing what a sealed reply must carry. */
    MALFORMED
  }

  /**
   * The EU DSS validation outcome (ETSI EN 319 102-1 indications).
   *
   * @param indication TOTAL_PASSED, INDETERMINATE or TOTAL_FAILED
   * @param subIndication why not passed, e.g. HASH_FAILURE or REVOKED_NO_POE
   * @param errors DSS's error messages
   * @param warnings DSS's warnings
   */
  public record Validation(
      String indication, String subIndication, List<String> errors, List<String> warnings) {
    public Validation {
      errors = List.copyOf(errors);
      warnings = List.copyOf(warnings);
    }
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
