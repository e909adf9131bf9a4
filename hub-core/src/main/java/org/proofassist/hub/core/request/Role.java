package org.proofassist.hub.core.request;

/** What a user may do in the hub. */
public enum Role {
  /** Raises requests at an approving department's window, answers clarifications, acknowledges. */
  CLERK,
  /** Answers requests at an issuing unit. */
  OFFICER,
  /** Supervises issuing units: dispatches, and may act as an officer of its own department. */
  SUPERVISOR,
  /** Reads everything, changes nothing. */
  AUDITOR,
  /** Runs the hub: rotates and revokes departments' seals; takes no part in requests. */
  ADMINISTRATOR
}
