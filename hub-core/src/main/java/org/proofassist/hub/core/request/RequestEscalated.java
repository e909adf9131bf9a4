package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * The deadline passed without an answer: the request is escalated to the supervising authority,
 * which has the proof type's grace to see it answered (督办).
 *
 * @param to the supervising authority
 * @param dueAt the deadline that passed
 * @param graceUntil when the request times out if still unanswered
 */
@Revision("1")
public record RequestEscalated(
    RequestId requestId,
    DepartmentId to,
    Instant dueAt,
    Instant graceUntil,
    Actor actor,
    Instant at)
    implements RequestEvent {}
