package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * After a time-out, the window closes the matter on the applicant's written commitment instead of
 * the proof (告知承诺).
 *
 * @param statement what the applicant committed to, as written
 */
public record AcceptCommitment(
    @TargetAggregateIdentifier RequestId requestId, String statement, Actor actor) {}
