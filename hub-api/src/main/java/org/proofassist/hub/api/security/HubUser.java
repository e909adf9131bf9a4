package org.proofassist.hub.api.security;

import java.util.Collection;
import java.util.List;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.Actor;
import org.proofassist.hub.core.request.Role;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;

/** A signed-in user: the department they act for and their role come from here, never the body. */
public record HubUser(
    String username, String displayName, DepartmentId department, Role role, String passwordHash)
    implements UserDetails {

  public Actor actor() {
    return new Actor(username, department, role);
  }

  public boolean isAuditor() {
    return role == Role.AUDITOR;
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return List.of(new SimpleGrantedAuthority("ROLE_" + role.name()));
  }

  @Override
  public String getPassword() {
    return passwordHash;
  }

  @Override
  public String getUsername() {
    return username;
  }

  @Override
  public String toString() {
    return username + " (" + role + ", " + department + ")";
  }
}
