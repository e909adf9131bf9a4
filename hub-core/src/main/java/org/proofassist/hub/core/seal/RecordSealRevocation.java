package org.proofassist.hub.core.seal;

import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * Records that the certification authority revoked one of a department's seal certificates.
 * Recording a revocation already recorded changes nothing.
 */
public record RecordSealRevocation(
    @TargetAggregateIdentifier DepartmentId department,
    String serialNumber,
    Instant revokedAt,
    RevocationReason reason,
    String recordedBy) {

  public RecordSealRevocation {
    Objects.requireNonNull(department, "department");
    Objects.requireNonNull(serialNumber, "serialNumber");
    Objects.requireNonNull(revokedAt, "revokedAt");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(recordedBy, "recordedBy");
  }
}
