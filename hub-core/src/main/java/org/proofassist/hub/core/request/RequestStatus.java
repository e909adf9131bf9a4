package org.proofassist.hub.core.request;

/** Where a verification request stands. */
public enum RequestStatus {
  ROUTED,
  AWAITING_DISPATCH,
  ACCEPTED,
  CLARIFICATION_REQUESTED,
  ANSWERED,
  DECLINED,
  WITHDRAWN,
  CLOSED;

  public boolean isOpen() {
    return this != DECLINED && this != WITHDRAWN && this != CLOSED;
  }
}
