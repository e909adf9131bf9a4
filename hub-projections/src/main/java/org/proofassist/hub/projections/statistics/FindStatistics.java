package org.proofassist.hub.projections.statistics;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import org.proofassist.hub.core.common.InvalidValueException;

/**
 * The statistics of the requests raised from {@code from} to {@code to} (both included, calendar
 * days in Asia/Shanghai), per group and period.
 *
 * @param groupBy per department or per proof type; department when {@code null}
 * @param granularity per day or per month; month when {@code null}
 */
public record FindStatistics(
    LocalDate from, LocalDate to, GroupBy groupBy, Granularity granularity) {

  /** The longest range one query may cover, in days: a year, leap day included. */
  public static final int MAX_DAYS = 366;

  public FindStatistics {
    if (from == null) {
      throw new InvalidQuery("from", "FROM_MISSING", "the first day (from) is required");
    }
    if (to == null) {
      throw new InvalidQuery("to", "TO_MISSING", "the last day (to) is required");
    }
    if (to.isBefore(from)) {
      throw new InvalidQuery(
          "to", "TO_BEFORE_FROM", "the last day " + to + " is before the first day " + from);
    }
    if (days(from, to) > MAX_DAYS) {
      throw new InvalidQuery(
          "to",
          "RANGE_TOO_LONG",
          "at most "
              + MAX_DAYS
              + " days at a time; "
              + from
              + " to "
              + to
              + " are "
              + days(from, to));
    }
    groupBy = groupBy == null ? GroupBy.DEPARTMENT : groupBy;
    granularity = granularity == null ? Granularity.MONTH : granularity;
  }

  /** How many days the range covers, both ends included. */
  public long days() {
    return days(from, to);
  }

  private static long days(LocalDate from, LocalDate to) {
    return ChronoUnit.DAYS.between(from, to) + 1;
  }

  /** A query the statistics refuse; {@link #field()} names the parameter at fault. */
  public static final class InvalidQuery extends InvalidValueException {

    private final String field;

    public InvalidQuery(String field, String code, String message) {
      super(code, message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
