package org.proofassist.hub.core.request;

import java.util.List;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.proofassist.hub.core.calendar.CalendarChange;

/**
 * The working-day calendar changed: count the request's deadline again on the new one (sent by the
 * hub to every open request when a new edition of the calendar is installed).
 *
 * @param calendarEdition the edition now in force
 * @param changes the days the new edition treats differently from the one before
 */
public record RecomputeDeadline(
    @TargetAggregateIdentifier RequestId requestId,
    int calendarEdition,
    List<CalendarChange> changes) {

  public RecomputeDeadline {
    changes = changes == null ? List.of() : List.copyOf(changes);
  }
}
