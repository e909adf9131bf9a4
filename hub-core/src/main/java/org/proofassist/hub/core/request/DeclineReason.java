package org.proofassist.hub.core.request;

/** Why an issuing unit declines to answer. */
public enum DeclineReason {
  NO_RECORD,
  INSUFFICIENT_DATA,
  NOT_COMPETENT,
  OTHER
}
