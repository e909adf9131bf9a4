package org.proofassist.hub.core.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A day that the official calendar marks: a public holiday (放假) or a weekend day worked in exchange
 * for one (调休上班).
 *
 * @param date the day
 * @param kind holiday or adjusted working day
 * @param name what it is for, e.g. 春节
 */
public record CalendarDay(LocalDate date, Kind kind, String name) {

  /** What the calendar says of the day. */
  public enum Kind {
    /** No work, though it may be a weekday. */
    HOLIDAY,
    /** Work, though it is a Saturday or Sunday. */
    WORKING_DAY
  }

  public CalendarDay {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(kind, "kind");
    name = name == null ? "" : name;
  }
}
