package org.proofassist.hub.core.request;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.proofassist.hub.core.catalogue.ProofTypeCode;

/**
 * A window clerk asks for a proof about a subject.
 *
 * @param idempotencyKey the client's key for this raise, if it sent one
 * @param fingerprint a digest of the raise's content, to tell a true retry from a reused key
 */
public record RaiseVerificationRequest(
    @TargetAggregateIdentifier RequestId requestId,
    ProofTypeCode proofType,
    Subject subject,
    Matter matter,
    String question,
    Actor actor,
    String idempotencyKey,
    String fingerprint) {}
