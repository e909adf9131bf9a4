package org.proofassist.hub.core.request;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.routing.RoutingStep;

/**
 * A unit found the request outside its jurisdiction and forwarded it.
 *
 * @param toUnit the unit now answering, or {@code null} when the authority must dispatch it
 */
@Revision("1")
public record RequestForwarded(
    RequestId requestId,
    DepartmentId fromUnit,
    DepartmentId toAuthority,
    DepartmentId toUnit,
    String reason,
    List<RoutingStep> path,
    Actor actor,
    Instant at)
    implements RequestEvent {}
