package org.proofassist.hub.core.seal;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * A department received its first seal certificate (刻制公章).
 *
 * @param recordedBy who recorded it: a user name, or {@code hub} for the hub itself
 */
@Revision("1")
public record SealIssued(
    DepartmentId department, SealCertificate certificate, String recordedBy, Instant at)
    implements SealEvent {}
