package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.proofassist.hub.core.directory.DepartmentId;

/** A unit hands a request it is not competent for to another department. */
public record ForwardRequest(
    @TargetAggregateIdentifier RequestId requestId, DepartmentId to, String reason, Actor actor) {}
