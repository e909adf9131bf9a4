package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The approving window has taken the reply; the request is closed. */
public record AcknowledgeReply(@TargetAggregateIdentifier RequestId requestId, Actor actor) {}
