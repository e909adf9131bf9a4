package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The issuing unit declines to answer, with a reason. */
public record DeclineRequest(
    @TargetAggregateIdentifier RequestId requestId,
    DeclineReason reasonCode,
    String reason,
    Actor actor) {}
