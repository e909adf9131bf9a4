package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A supervisor extended the deadline of a request.
 *
 * @param previousDueAt the deadline until now
 * @param dueAt the new deadline
 * @param reason why
 */
@Revision("1")
public record DeadlineExtended(
    RequestId requestId,
    Instant previousDueAt,
    Instant dueAt,
    String reason,
    Actor actor,
    Instant at)
    implements RequestEvent {}
