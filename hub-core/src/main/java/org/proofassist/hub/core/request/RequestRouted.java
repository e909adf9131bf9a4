package org.proofassist.hub.core.request;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.catalogue.RoutingRule;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.routing.RoutingStep;

/**
 * The hub routed the request to an issuing unit.
 *
 * @param rule the proof type's routing rule
 * @param key the value that matched (e.g. the street code)
 * @param path each step the routing took
 */
@Revision("1")
public record RequestRouted(
    RequestId requestId,
    DepartmentId authority,
    DepartmentId unit,
    RoutingRule rule,
    String key,
    List<RoutingStep> path,
    Actor actor,
    Instant at)
    implements RequestEvent {}
