package org.proofassist.hub.core.catalogue;

/** How the hub finds the department that answers a proof type. */
public enum RoutingRule {
  /** The subject's household-registration division picks the authority and its unit. */
  BY_HOUSEHOLD_REGISTRATION,
  /** The division where the subject (an enterprise or its representative) is registered. */
  BY_ENTERPRISE_REGISTRATION,
  /** One named department answers every request of this type. */
  FIXED_DEPARTMENT
}
