package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * The hub reminded the department holding a request that part of its time has passed (催办).
 *
 * @param to the unit (or, awaiting dispatch, the authority) that holds the request
 * @param percent how much of the office time to the deadline had passed: 50 or 80
 * @param dueAt the deadline
 */
@Revision("1")
public record ReminderIssued(
    RequestId requestId, DepartmentId to, int percent, Instant dueAt, Actor actor, Instant at)
    implements RequestEvent {}
