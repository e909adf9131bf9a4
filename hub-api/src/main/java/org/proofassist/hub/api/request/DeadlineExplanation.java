package org.proofassist.hub.api.request;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.proofassist.hub.core.calendar.Deadline;
import org.proofassist.hub.core.calendar.OfficeHours;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.projections.request.RequestView;

/**
 * Why a request is due when it is (截止时间说明): the service level, the office hours it is counted in,
 * the office time that grants, and every day skipped on the way with the reason.
 *
 * @param requestId the request
 * @param serviceLevel what the catalogue granted, e.g. {@code 1 working day}
 * @param officeHoursOf the department whose office hours count
 * @param officeHours those hours, e.g. {@code 08:30-12:00}
 * @param officeMinutes the office time the service level grants, in minutes
 * @param startedAt when the clock started (the request was raised)
 * @param dueAt the deadline now (as recorded at raise, or as last extended)
 * @param countedDueAt the service level's deadline counted again now on the current calendar
 * @param skippedDays the closed days between start and deadline, with why
 * @param provisional whether the count crosses a year whose official holiday arrangement is not
 *     published yet
 * @param extensions the extensions supervisors granted since, oldest first; the last one's {@code
 *     dueAt} is the deadline now
 * @param note what could not be explained, when something could not
 */
public record DeadlineExplanation(
    String requestId,
    String serviceLevel,
    String officeHoursOf,
    List<String> officeHours,
    long officeMinutes,
    Instant startedAt,
    Instant dueAt,
    Instant countedDueAt,
    List<SkippedDay> skippedDays,
    boolean provisional,
    List<RequestView.Extension> extensions,
    String note) {

  /** A day on which the clock did not run. */
  public record SkippedDay(LocalDate date, String reason) {}

  /** The office hours a request's deadline is counted in. */
  static OfficeHours officeHoursOf(RequestView view, OfficeTimetable timetable) {
    return timetable.hoursOfOrStandard(
        view.officeHoursOf() == null ? null : DepartmentId.of(view.officeHoursOf()));
  }

  static DeadlineExplanation of(
      RequestView view, ServiceLevelPolicy policy, OfficeTimetable timetable) {
    List<RequestView.Extension> extensions =
        view.extensions() == null ? List.of() : view.extensions();
    if (view.serviceLevel() == null) {
      return new DeadlineExplanation(
          view.id(),
          null,
          null,
          List.of(),
          0,
          view.raisedAt(),
          view.dueAt(),
          null,
          List.of(),
          false,
          extensions,
          "raised before deadlines were counted in office time: its deadline stands as decided"
              + " then, in plain hours");
    }
    ServiceLevel level = ServiceLevel.parse(view.serviceLevel());
    String department = view.officeHoursOf();
    OfficeHours hours = officeHoursOf(view, timetable);
    Deadline deadline = policy.deadline(view.raisedAt(), level, hours);
    return new DeadlineExplanation(
        view.id(),
        level.toString(),
        department,
        hours.sessions().stream().map(s -> s.opens() + "-" + s.closes()).toList(),
        deadline.officeTime().toMinutes(),
        view.raisedAt(),
        view.dueAt(),
        deadline.dueAt(),
        deadline.skipped().stream().map(d -> new SkippedDay(d.date(), d.reason())).toList(),
        deadline.provisional(),
        extensions,
        null);
  }
}
