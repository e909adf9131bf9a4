package org.proofassist.hub.projections.request;

import org.proofassist.hub.core.request.RequestId;

/** One request's view, by id. Answers {@code Optional<RequestView>}. */
public record FindRequest(RequestId requestId) {}
