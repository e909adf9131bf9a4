package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/** An issuing unit took the request on. */
@Revision("1")
public record RequestAccepted(RequestId requestId, DepartmentId unit, Actor actor, Instant at)
    implements RequestEvent {}
