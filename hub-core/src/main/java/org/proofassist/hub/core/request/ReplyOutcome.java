package org.proofassist.hub.core.request;

/** What the issuing unit found. */
public enum ReplyOutcome {
  CONFIRMED,
  NOT_CONFIRMED
}
