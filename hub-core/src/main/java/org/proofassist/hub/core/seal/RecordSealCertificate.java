package org.proofassist.hub.core.seal;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * Records the certificate a department now seals with: its first, or the one a rotation made.
 * Recording a certificate already recorded changes nothing, so the hub can record what its
 * certification authority holds at every start.
 *
 * @param reason why the seal was replaced; ignored for a first seal
 * @param recordedBy a user name, or {@code hub}
 */
public record RecordSealCertificate(
    @TargetAggregateIdentifier DepartmentId department,
    SealCertificate certificate,
    String reason,
    String recordedBy) {

  public RecordSealCertificate {
    Objects.requireNonNull(department, "department");
    Objects.requireNonNull(certificate, "certificate");
    Objects.requireNonNull(recordedBy, "recordedBy");
    if (!certificate.department().equals(department)) {
      throw new IllegalArgumentException(
          "the certificate names " + certificate.department() + ", not " + department);
    }
  }
}
