package org.proofassist.hub.core.seal;

import java.time.Instant;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * A reply sealed by its issuing department (盖章的电子回复).
 *
 * @param jws the reply content as a compact JWS whose header carries the seal's certificate chain
 * @param contentDigest SHA-256 of the canonical content, hex
 * @param sealedBy the department whose seal was used
 * @param certificateSerial the serial number of the seal certificate, hex
 * @param certificateSubject the seal certificate's subject name
 * @param sealedAt when the seal was applied
 */
public record StampedReply(
    String jws,
    String contentDigest,
    DepartmentId sealedBy,
    String certificateSerial,
    String certificateSubject,
    Instant sealedAt) {}
