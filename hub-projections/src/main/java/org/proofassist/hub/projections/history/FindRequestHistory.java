package org.proofassist.hub.projections.history;

import org.proofassist.hub.core.request.RequestId;

/** A request's history, oldest first. Answers {@code Optional<RequestHistory>}. */
public record FindRequestHistory(RequestId requestId) {}
