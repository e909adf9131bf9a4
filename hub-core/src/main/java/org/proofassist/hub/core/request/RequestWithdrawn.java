package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The window withdrew the request. */
@Revision("1")
public record RequestWithdrawn(
    RequestId requestId, RequestStatus previousStatus, String reason, Actor actor, Instant at)
    implements RequestEvent {}
