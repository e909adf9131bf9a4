package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.catalogue.ProofTypeCode;

/**
 * A window clerk raised a verification request (发起协查).
 *
 * @param serviceLevelHours the proof type's service level at the time of raising
 * @param dueAt when the answer is due
 * @param idempotencyKey the client's key, if it sent one
 * @param fingerprint digest of the raise's content, to recognise retries
 */
@Revision("1")
public record VerificationRequestRaised(
    RequestId requestId,
    ProofTypeCode proofType,
    Subject subject,
    Matter matter,
    String question,
    int serviceLevelHours,
    Instant dueAt,
    String idempotencyKey,
    String fingerprint,
    Actor actor,
    Instant at)
    implements RequestEvent {}
