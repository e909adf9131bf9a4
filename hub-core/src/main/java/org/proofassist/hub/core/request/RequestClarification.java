package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The issuing unit asks the approving window a question. */
public record RequestClarification(
    @TargetAggregateIdentifier RequestId requestId, String question, Actor actor) {}
