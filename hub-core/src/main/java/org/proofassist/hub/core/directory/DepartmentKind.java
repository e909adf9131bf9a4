package org.proofassist.hub.core.directory;

/**
 * What kind of body a department is. Proof types name the kind of authority that issues them; the
 * directory says which authority of that kind covers a division and which of its units covers a
 * street.
 */
public enum DepartmentKind {
  ADMINISTRATIVE_SERVICE_CENTRE,
  REGISTRATION_CENTRE,
  POLICE_BUREAU,
  POLICE_SUB_BUREAU,
  POLICE_STATION,
  CIVIL_AFFAIRS_BUREAU,
  MARRIAGE_REGISTRY,
  MARKET_SUPERVISION_BUREAU,
  MARKET_SUPERVISION_OFFICE,
  NATURAL_RESOURCES_BUREAU,
  HOUSING_PROVIDENT_FUND_CENTRE,
  HUMAN_RESOURCES_SOCIAL_SECURITY_BUREAU,
  TAX_BUREAU,
  VETERANS_AFFAIRS_BUREAU,
  HEALTH_COMMISSION,
  HOSPITAL,
  DISABLED_PERSONS_FEDERATION
}
