package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The window closed a timed-out request on the applicant's written commitment (告知承诺); the
 * statistics count these apart from answered requests.
 *
 * @param previousStatus where the request stood when it was closed
 * @param statement the applicant's commitment
 */
@Revision("1")
public record CommitmentAccepted(
    RequestId requestId, RequestStatus previousStatus, String statement, Actor actor, Instant at)
    implements RequestEvent {}
