package org.proofassist.hub.core.calendar;

import java.time.LocalDate;
import java.util.Objects;

/**
 * A day that a new edition of the calendar treats differently: a holiday added, moved or dropped, a
 * weekend day now worked in exchange.
 *
 * @param date the day
 * @param was what the previous calendar said of it: {@code working day}, {@code Saturday}, {@code
 *     public holiday 元旦}
 * @param now what the new calendar says of it
 */
public record CalendarChange(LocalDate date, String was, String now) {

  public CalendarChange {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(was, "was");
    Objects.requireNonNull(now, "now");
  }

  @Override
  public String toString() {
    return date + ": " + was + " → " + now;
  }
}
