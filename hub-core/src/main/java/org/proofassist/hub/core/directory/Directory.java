package org.proofassist.hub.core.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The departments known to the hub and how they are nested. Immutable; built once from the
 * directory data and shared.
 */
public final class Directory {

  private final Map<DepartmentId, Department> departments;
  private final Map<DepartmentId, List<Department>> children;

  public Directory(Collection<Department> departments) {
    Map<DepartmentId, Department> byId = new LinkedHashMap<>();
    for (Department department : departments) {
      if (byId.put(department.id(), department) != null) {
        throw new IllegalArgumentException("department " + department.id() + " is listed twice");
      }
    }
    Map<DepartmentId, List<Department>> byParent = new LinkedHashMap<>();
    for (Department department : byId.values()) {
      department
          .parentId()
          .ifPresent(
              parent -> {
                if (!byId.containsKey(parent)) {
                  throw new IllegalArgumentException(
                      "department " + department.id() + " names an unknown parent " + parent);
                }
                byParent.computeIfAbsent(parent, p -> new ArrayList<>()).add(department);
              });
    }
    this.departments = Collections.unmodifiableMap(byId);
    Map<DepartmentId, List<Department>> frozen = new LinkedHashMap<>();
    byParent.forEach((parent, list) -> frozen.put(parent, List.copyOf(list)));
    this.children = Collections.unmodifiableMap(frozen);
    for (Department department : byId.values()) {
      requireNoCycle(department);
    }
  }

  public Optional<Department> find(DepartmentId id) {
    return Optional.ofNullable(departments.get(id));
  }

  public Department get(DepartmentId id) {
    Department department = departments.get(id);
    if (department == null) {
      throw new UnknownDepartmentException(id);
    }
    return department;
  }

  public boolean contains(DepartmentId id) {
    return departments.containsKey(id);
  }

  public Collection<Department> all() {
    return departments.values();
  }

  public List<Department> childrenOf(DepartmentId id) {
    return children.getOrDefault(id, List.of());
  }

  /** The chain of supervising departments above {@code id}, nearest first. */
  public List<DepartmentId> ancestorsOf(DepartmentId id) {
    List<DepartmentId> ancestors = new ArrayList<>();
    Optional<DepartmentId> parent = get(id).parentId();
    while (parent.isPresent()) {
      ancestors.add(parent.get());
      parent = get(parent.get()).parentId();
    }
    return ancestors;
  }

  /** Whether {@code ancestor} is {@code id} itself or supervises it, directly or not. */
  public boolean isSameOrAbove(DepartmentId ancestor, DepartmentId id) {
    return ancestor.equals(id) || (contains(id) && ancestorsOf(id).contains(ancestor));
  }

  /** Departments of the given kind whose jurisdiction covers the division. */
  public List<Department> ofKindCovering(DepartmentKind kind, DivisionCode division) {
    return departments.values().stream()
        .filter(d -> d.kind() == kind && d.covers(division))
        .toList();
  }

  private void requireNoCycle(Department start) {
    DepartmentId current = start.id();
    int steps = 0;
    while (current != null) {
      if (++steps > departments.size()) {
        throw new IllegalArgumentException("the parents of " + start.id() + " form a cycle");
      }
      current = departments.get(current).parent();
    }
  }
}
