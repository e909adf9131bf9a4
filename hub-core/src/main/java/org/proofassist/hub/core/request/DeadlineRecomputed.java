package org.proofassist.hub.core.request;

import java.time.Instant;
import java.util.List;
import org.axonframework.serialization.Revision;
import org.proofassist.hub.core.calendar.CalendarChange;

/**
 * The working-day calendar changed and the request's deadline moved with it: the same office time,
 * counted again from when its clock started, on the new calendar.
 *
 * @param previousDueAt the deadline on the previous calendar
 * @param dueAt the deadline on the new one
 * @param calendarEdition the calendar edition the deadline is now counted on
 * @param changes the changed days that lie within the request's clock, which moved it
 */
@Revision("1")
public record DeadlineRecomputed(
    RequestId requestId,
    Instant previousDueAt,
    Instant dueAt,
    int calendarEdition,
    List<CalendarChange> changes,
    Actor actor,
    Instant at)
    implements RequestEvent {

  public DeadlineRecomputed {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }
}
