package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The window answered the issuing unit's question. */
@Revision("1")
public record ClarificationProvided(RequestId requestId, String answer, Actor actor, Instant at)
    implements RequestEvent {}
