package org.proofassist.hub.core.directory;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A government department known to the hub.
 *
 * @param id stable identifier
 * @param name official Chinese name
 * @param nameEn English name
 * @param kind what kind of body it is
 * @param parent the supervising department, if any
 * @param jurisdiction the division codes it covers (counties for authorities, streets for units)
 * @param approving whether its windows raise verification requests
 * @param issuing whether its officers answer verification requests
 */
public record Department(
    DepartmentId id,
    String name,
    String nameEn,
    DepartmentKind kind,
    DepartmentId parent,
    List<DivisionCode> jurisdiction,
    boolean approving,
    boolean issuing) {

  public Department {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    if (name == null || name.isBlank()) {
      throw new IllegalArgumentException("department " + id + " has no name");
    }
    jurisdiction = jurisdiction == null ? List.of() : List.copyOf(jurisdiction);
  }

  public Optional<DepartmentId> parentId() {
    return Optional.ofNullable(parent);
  }

  /** Whether this department's jurisdiction includes the given division. */
  public boolean covers(DivisionCode division) {
    return jurisdiction.stream().anyMatch(code -> code.covers(division));
  }
}
