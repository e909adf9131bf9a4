package org.proofassist.hub.core.directory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The departments known to the hub and how they are nested. Immutable; built once from the
 * directory data and shared.
 */
public final class Directory {

  private final Map<DepartmentId, Department> departments;
  private final Map<DepartmentId, List<Department>> children;

  /** Each department's place in the directory, to list found departments in directory order. */
  private final Map<DepartmentId, Integer> positions;

  /**
   * The departments by the {@link DivisionCode#coveredPrefix() covered prefix} of each code of
   * their jurisdiction, so that finding who covers a division is a few lookups, not a scan.
   */
  private final Map<String, List<Department>> byCoveredPrefix;

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
    Map<DepartmentId, Integer> places = new HashMap<>();
    Map<String, List<Department>> byPrefix = new HashMap<>();
    for (Department department : byId.values()) {
      places.put(department.id(), places.size());
      for (DivisionCode code : department.jurisdiction()) {
        List<Department> listed =
            byPrefix.computeIfAbsent(code.coveredPrefix(), prefix -> new ArrayList<>());
        if (!listed.contains(department)) {
          listed.add(department);
        }
      }
    }
    this.positions = Map.copyOf(places);
    Map<String, List<Department>> index = new HashMap<>();
    byPrefix.forEach((prefix, list) -> index.put(prefix, List.copyOf(list)));
    this.byCoveredPrefix = Map.copyOf(index);
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

  /** Departments of the given kind whose jurisdiction covers the division, in directory order. */
  public List<Department> ofKindCovering(DepartmentKind kind, DivisionCode division) {
    return covering(division, department -> department.kind() == kind);
  }

  /**
   * The departments directly supervised by {@code parent} whose jurisdiction covers the division,
   * in directory order: {@code childrenOf(parent)} filtered by {@link Department#covers}.
   */
  public List<Department> childrenCovering(DepartmentId parent, DivisionCode division) {
    return covering(division, department -> parent.equals(department.parent()));
  }

  /** The departments that cover the division and pass the test, found by the index. */
  private List<Department> covering(DivisionCode division, Predicate<Department> test) {
    List<Department> found = new ArrayList<>(2);
    for (String prefix : division.prefixes()) {
      for (Department department : byCoveredPrefix.getOrDefault(prefix, List.of())) {
        if (test.test(department) && !found.contains(department)) {
          found.add(department);
        }
      }
    }
    if (found.size() > 1) {
      found.sort(Comparator.comparing(department -> positions.get(department.id())));
    }
    return Collections.unmodifiableList(found);
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
