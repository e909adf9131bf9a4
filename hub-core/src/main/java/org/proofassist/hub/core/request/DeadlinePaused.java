package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * The clock stopped while the unit waits for the window's clarification.
 *
 * @param remainingOfficeMinutes the office time that was left until the deadline
 */
@Revision("1")
public record DeadlinePaused(
    RequestId requestId, long remainingOfficeMinutes, Actor actor, Instant at)
    implements RequestEvent {}
