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
 * @param dueAt the deadline now: as decided at raise, then moved by pauses, extensions and new
 *     editions of the calendar
 * @param countedDueAt the service level's deadline from the raise counted now on the calendar in
 *     force, without pauses or extensions
 * @param skippedDays the closed days between start and deadline, with why
 * @param provisional whether the count crosses a year whose official holiday arrangement is not
 *     published yet
 * @param pauses when the clock stopped for a clarification (with the office time left) and started
 *     again (with the new deadline), oldest first
 * @param extensions the extensions supervisors granted since, oldest first
 * @param recomputations the moves of the deadline when a new edition of the calendar was installed,
 *     with the changed days that caused them
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
    List<RequestView.ClockPause> pauses,
    List<RequestView.Extension> extensions,
    List<RequestView.Recomputation> recomputations,
    String note) {

  /** A day on which the clock did not run. */
  public record SkippedDay(LocalDate date, String reason) {}

  /** The office hours a request's deadline is counted in. */
  static OfficeHours officeHoursOf(RequestView view, OfficeTimetable timetable) {
    return timetable.hoursOfOrStandard(
        view.officeHoursOf() == null ? null : DepartmentId.of(view.officeHoursOf()));
  }

  /** Why {@code view} is due when it is; the API and the request page both explain with this. */
  public static DeadlineExplanation of(
      RequestView view, ServiceLevelPolicy policy, OfficeTimetable timetable) {
    List<RequestView.Extension> extensions = orNone(view.extensions());
    List<RequestView.ClockPause> pauses = orNone(view.pauses());
    List<RequestView.Recomputation> recomputations = orNone(view.recomputations());
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
          pauses,
          extensions,
          recomputations,
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
        pauses,
        extensions,
        recomputations,
        null);
  }

  private static <T> List<T> orNone(List<T> list) {
    return list == null ? List.of() : list;
  }
}
