package org.proofassist.hub.core.request;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.catalogue.RoutingRule;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.routing.RoutingStep;

/** No single unit matched: the authority must dispatch the request by hand. */
@Revision("1")
public record RequestAwaitingDispatch(
    RequestId requestId,
    DepartmentId authority,
    RoutingRule rule,
    String key,
    String reason,
    List<RoutingStep> path,
    Actor actor,
    Instant at)
    implements RequestEvent {}
