package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The window answered the clarification: the clock runs again with the office time that was left.
 *
 * @param dueAt the new deadline
 */
@Revision("1")
public record DeadlineResumed(RequestId requestId, Instant dueAt, Actor actor, Instant at)
    implements RequestEvent {}
