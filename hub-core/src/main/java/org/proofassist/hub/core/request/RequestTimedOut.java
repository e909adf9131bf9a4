package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The grace after escalation ran out without an answer (超时). A reply may still come and is then
 * recorded as late.
 *
 * @param graceUntil the end of the grace that passed
 */
@Revision("1")
public record RequestTimedOut(RequestId requestId, Instant graceUntil, Actor actor, Instant at)
    implements RequestEvent {}
