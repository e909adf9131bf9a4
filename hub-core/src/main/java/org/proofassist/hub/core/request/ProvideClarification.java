package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The approving window answers the issuing unit's question. */
public record ProvideClarification(
    @TargetAggregateIdentifier RequestId requestId, String answer, Actor actor) {}
