package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.proofassist.hub.core.directory.DepartmentId;

/** A supervising authority gives a request to one of its units. */
public record DispatchRequest(
    @TargetAggregateIdentifier RequestId requestId, DepartmentId unit, Actor actor) {}
