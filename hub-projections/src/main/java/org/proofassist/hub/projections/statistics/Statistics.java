package org.proofassist.hub.projections.statistics;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * The answer to {@link FindStatistics}: for each period of the range, one row per group with
 * requests raised in it (groups in alphabetical order), then the period's total row.
 *
 * @param asOf when the figures were read; they include every event the projection had handled then
 * @param rows the rows, by period, a period's total row last (every period of the range has one,
 *     with zero volume when nothing was raised)
 */
public record Statistics(
    LocalDate from,
    LocalDate to,
    GroupBy groupBy,
    Granularity granularity,
    Instant asOf,
    List<StatisticsRow> rows) {

  public Statistics {
    rows = List.copyOf(rows);
  }
}
