package org.proofassist.hub.core.seal;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * A seal certificate was revoked: replies sealed with it after {@code revokedAt} no longer verify.
 *
 * @param serialNumber the revoked certificate
 * @param revokedAt from when it is revoked (may lie before {@code at}, e.g. when a key was lost)
 * @param reason the CRL reason
 * @param at when the revocation was recorded
 */
@Revision("1")
public record SealCertificateRevoked(
    DepartmentId department,
    String serialNumber,
    Instant revokedAt,
    RevocationReason reason,
    String recordedBy,
    Instant at)
    implements SealEvent {}
