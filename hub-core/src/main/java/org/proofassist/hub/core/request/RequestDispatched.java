package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/** The supervising authority gave the request to one of its units. */
@Revision("1")
public record RequestDispatched(
    RequestId requestId, DepartmentId authority, DepartmentId unit, Actor actor, Instant at)
    implements RequestEvent {}
