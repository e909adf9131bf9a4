package org.proofassist.hub.core.calendar;

import java.util.Map;
import java.util.Objects;
import org.proofassist.hub.core.directory.DepartmentId;

/**
 * The office hours of every department: its own where it keeps other hours, the common default
 * otherwise.
 */
public final class OfficeTimetable {

  private final OfficeHours standard;
  private final Map<DepartmentId, OfficeHours> departments;

  /**
   * @param standard the hours of every department not listed
   * @param departments the departments that keep other hours
   */
  public OfficeTimetable(OfficeHours standard, Map<DepartmentId, OfficeHours> departments) {
    this.standard = Objects.requireNonNull(standard, "standard");
    this.departments = Map.copyOf(departments);
  }

  /** Every department on the default hours, 08:30–12:00 and 14:30–17:30. */
  public static OfficeTimetable standard() {
    return new OfficeTimetable(OfficeHours.DEFAULT, Map.of());
  }

  /** The hours a department's office keeps. */
  public OfficeHours hoursOf(DepartmentId department) {
    return departments.getOrDefault(department, standard);
  }

  /**
   * The hours a deadline is counted in: those of the department it names, or the standard ones when
   * it names none (requests raised before deadlines named their department).
   */
  public OfficeHours hoursOfOrStandard(DepartmentId department) {
    return department == null ? standard : hoursOf(department);
  }

  /** The hours of departments not listed. */
  public OfficeHours standardHours() {
    return standard;
  }
}
