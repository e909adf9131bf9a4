package org.proofassist.hub.core.request;

import java.time.Instant;
import org.axonframework.serialization.Revision;

/** The window took the reply; the request is closed. */
@Revision("1")
public record ReplyAcknowledged(RequestId requestId, Actor actor, Instant at)
    implements RequestEvent {}
