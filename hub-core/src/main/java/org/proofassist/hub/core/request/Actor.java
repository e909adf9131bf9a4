package org.proofassist.hub.core.request;

import java.util.Objects;
import org.proofassist.hub.core.directory.DepartmentId;

/** Who did something: the signed-in user, the department they act for, and their role. */
public record Actor(String userId, DepartmentId department, Role role) {

  /** The hub itself, for what its clock does: reminders, escalations, time-outs. */
  public static final Actor HUB = new Actor("hub", DepartmentId.of("HUB"), Role.ADMINISTRATOR);

  public Actor {
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(department, "department");
    Objects.requireNonNull(role, "role");
  }
}
