package org.proofassist.hub.core.seal;

import java.time.Instant;
import java.util.Objects;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * A department's seal certificate as the hub records it: enough to recognise it in a sealed reply
 * and to tell when it could seal, never the key.
 *
 * @param department the department the certificate names
 * @param serialNumber the certificate's serial number, lower-case hex
 * @param subject the subject's distinguished name
 * @param issuer the issuing authority's distinguished name
 * @param notBefore start of validity
 * @param notAfter end of validity
 * @param sha256 SHA-256 of the DER certificate, lower-case hex
 */
public record SealCertificate(
    DepartmentId department,
    String serialNumber,
    String subject,
    String issuer,
    Instant notBefore,
    Instant notAfter,
    String sha256) {

  public SealCertificate {
    Objects.requireNonNull(department, "department");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(notBefore, "notBefore");
    Objects.requireNonNull(notAfter, "notAfter");
    Objects.requireNonNull(sha256, "sha256");
    if (!serialNumber.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("a serial number is lower-case hex: " + serialNumber);
    }
    if (notAfter.isBefore(notBefore)) {
      throw new IllegalArgumentException("a certificate cannot end before it starts");
    }
  }
}
