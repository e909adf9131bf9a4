package org.proofassist.hub.core.request;

import java.time.Instant;

/** A fact about one verification request: which, who, when. */
public interface RequestEvent {

  RequestId requestId();

  Actor actor();

  Instant at();
}
