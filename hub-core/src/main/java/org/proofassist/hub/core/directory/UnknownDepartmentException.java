package org.proofassist.hub.core.directory;

import org.proofassist.hub.core.common.InvalidValueException;

/** A department id that the directory does not know. */
public class UnknownDepartmentException extends InvalidValueException {

  private final DepartmentId department;

  public UnknownDepartmentException(DepartmentId department) {
    super("UNKNOWN_DEPARTMENT", "no department " + department + " is in the directory");
    this.department = department;
  }

  public DepartmentId department() {
    return department;
  }
}
