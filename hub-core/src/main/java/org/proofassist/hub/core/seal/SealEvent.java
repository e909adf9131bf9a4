package org.proofassist.hub.core.seal;

import org.proofassist.hub.core.directory.DepartmentId;

/** Something that happened to a department's seal. */
public sealed interface SealEvent permits SealIssued, SealRotated, SealCertificateRevoked {

  /** Whose seal it is. */
  DepartmentId department();
}
