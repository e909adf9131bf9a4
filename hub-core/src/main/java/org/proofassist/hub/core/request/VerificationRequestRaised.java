package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * A window clerk raised a verification request (发起协查).
 *
 * <p>Revision 2 replaced the service level in hours by the catalogue's service level in office time
 * and added the escalation grace; {@code RaisedRevision1Upcaster} reads revision 1.
 *
 * @param serviceLevel the proof type's service level at the time of raising
 * @param escalationGrace the grace the supervising authority gets once the request is escalated
 * @param dueAt when the answer is due, counted in office time on the working-day calendar
 * @param officeHoursOf the department whose office hours the deadline is counted in (the unit it
 *     was routed to, or the authority that must dispatch it); {@code null} in revision 1
 * @param idempotencyKey the client's key, if it sent one
 * @param fingerprint digest of the raise's content, to recognise retries
 */
@Revision("2")
public record VerificationRequestRaised(
    RequestId requestId,
    ProofTypeCode proofType,
    Subject subject,
    Matter matter,
    String question,
    ServiceLevel serviceLevel,
    ServiceLevel escalationGrace,
    Instant dueAt,
    DepartmentId officeHoursOf,
    String idempotencyKey,
    String fingerprint,
    Actor actor,
    Instant at)
    implements RequestEvent {}
