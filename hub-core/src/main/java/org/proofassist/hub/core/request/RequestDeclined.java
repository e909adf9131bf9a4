package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;

/** The issuing unit declined to answer. */
@Revision("1")
public record RequestDeclined(
    RequestId requestId,
    DepartmentId unit,
    DeclineReason reasonCode,
    String reason,
    Actor actor,
    Instant at)
    implements RequestEvent {}
