package org.proofassist.hub.core.seal;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * A department's seal was replaced by a new key and certificate. Replies sealed before keep the
 * previous certificate and stay valid; new replies carry the new one.
 *
 * @param previousSerialNumber the certificate that sealed until now
 * @param certificate the certificate that seals from now on
 * @param reason why the seal was replaced, in the administrator's words
 */
@Revision("1")
public record SealRotated(
    DepartmentId department,
    String previousSerialNumber,
    SealCertificate certificate,
    String reason,
    String recordedBy,
    Instant at)
    implements SealEvent {}
