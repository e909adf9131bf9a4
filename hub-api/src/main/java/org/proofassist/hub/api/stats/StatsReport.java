package org.proofassist.hub.api.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.function.Function;
import org.proofassist.hub.projections.statistics.Statistics;
import org.proofassist.hub.projections.statistics.StatisticsRow;

/**
 * The statistics as the API returns them (JSON, and CSV with the same rows and columns).
 *
 * @param groupBy {@code department} or {@code proofType}
 * @param period {@code day} or {@code month}
 * @param asOf when the figures were read
 * @param rows per period: one row per group that had requests, then the period's total
 */
public record StatsReport(
    LocalDate from, LocalDate to, String groupBy, String period, Instant asOf, List<Row> rows) {

  /**
   * The figures of the requests raised in one period ({@code docs/statistics.md} defines each).
   *
   * @param total whether this is the period's total (then {@code group} is absent)
   * @param group department id or proof type code
   * @param groupName the department's or proof type's name
   * @param onTimeShare {@code answeredOnTime / answered}, four decimals; absent when nothing was
   *     answered
   */
  public record Row(
      String period,
      boolean total,
      String group,
      String groupName,
      long volume,
      long answered,
      long answeredOnTime,
      Double onTimeShare,
      Long medianResponseSeconds,
      Long p90ResponseSeconds,
      long lateReplies,
      long escalated,
      long timedOut,
      long declined,
      long commitments,
      long withdrawn,
      long open) {

    static Row of(StatisticsRow row, Function<String, String> names) {
      return new Row(
          row.period(),
          row.total(),
          row.group(),
          row.group() == null ? null : names.apply(row.group()),
          row.volume(),
          row.answered(),
          row.answeredOnTime(),
          row.onTimeShare() == null ? null : Math.round(row.onTimeShare() * 10_000) / 10_000.0,
          row.medianResponseSeconds(),
          row.p90ResponseSeconds(),
          row.lateReplies(),
          row.escalated(),
          row.timedOut(),
          row.declined(),
          row.commitments(),
          row.withdrawn(),
          row.open());
    }
  }

  /** The report of {@code statistics}, groups named by {@code names} (id or code → name). */
  static StatsReport of(Statistics statistics, Function<String, String> names) {
    return new StatsReport(
        statistics.from(),
        statistics.to(),
        statistics.groupBy().parameter(),
        statistics.granularity().parameter(),
        statistics.asOf(),
        statistics.rows().stream().map(row -> Row.of(row, names)).toList());
  }
}
