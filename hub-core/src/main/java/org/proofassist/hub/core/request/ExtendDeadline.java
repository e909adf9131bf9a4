package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A supervisor of the answering unit grants it more time (延长时限).
 *
 * @param until the new deadline: later than the current one, not in the past, and at most the proof
 *     type's maximum extension (in office time) after the current deadline
 * @param reason why, in the supervisor's words
 */
public record ExtendDeadline(
    @TargetAggregateIdentifier RequestId requestId, Instant until, String reason, Actor actor) {}
