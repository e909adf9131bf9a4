package org.proofassist.hub.core.request;

import java.util.Objects;
import org.proofassist.hub.core.directory.DepartmentId;

/** Who did something: the signed-in user, the department they act for, and their role. */
public record Actor(String userId, DepartmentId department, Role role) {

  public Actor {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(department, "department");
    Objects.requireNonNull(role, "role");
  }
}
