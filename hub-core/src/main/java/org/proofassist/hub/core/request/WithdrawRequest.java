package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/** The approving window no longer needs the proof. */
public record WithdrawRequest(
    @TargetAggregateIdentifier RequestId requestId, String reason, Actor actor) {}
