package org.proofassist.hub.core.calendar;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * A deadline and how it was reached: the service level, the office time it grants, and every day
 * skipped on the way with the reason (截止时间说明).
 *
 * @param start when the clock started
 * @param serviceLevel what the catalogue grants
 * @param officeTime the office time that grants
 * @param dueAt when that office time has passed
 * @param skipped the closed days between start and deadline, with why
 * @param provisional whether the deadline crosses a year whose official arrangement the calendar
 *     does not hold yet (it may move when the calendar is updated)
 */
public record Deadline(
    Instant start,
    ServiceLevel serviceLevel,
    Duration officeTime,
    Instant dueAt,
    List<SkippedDay> skipped,
    boolean provisional) {

  public Deadline {
    skipped = List.copyOf(skipped);
  }

  /**
   * A day on which the clock did not run.
   *
   * @param date the day
   * @param reason why offices were closed
   */
  public record SkippedDay(LocalDate date, String reason) {}
}
