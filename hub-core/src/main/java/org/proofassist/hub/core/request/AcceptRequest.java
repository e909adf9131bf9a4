package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** An issuing unit takes a routed request on. */
public record AcceptRequest(@TargetAggregateIdentifier RequestId requestId, Actor actor) {}
