package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/** The issuing unit asked the window a question; the request waits for the answer. */
@Revision("1")
public record ClarificationRequested(
    RequestId requestId, DepartmentId unit, String question, Actor actor, Instant at)
    implements RequestEvent {}
