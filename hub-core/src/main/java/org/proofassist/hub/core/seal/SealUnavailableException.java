package org.proofassist.hub.core.seal;

import org.proofassist.hub.core.directory.DepartmentId;

/** A department has no seal the hub can use. */
public class SealUnavailableException extends RuntimeException {

  public SealUnavailableException(DepartmentId department, String why) {
    super("department " + department + " has no usable seal: " + why);
  }
}
