package org.proofassist.hub.api.web;

import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.stats.StatsReport;
import org.proofassist.hub.api.stats.StatsReports;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.projections.statistics.Granularity;
import org.proofassist.hub.projections.statistics.GroupBy;

/**
 * The statistics charts of the audit office and of a supervisor, drawn on the server as SVG from
 * the same reports as {@code GET /api/v1/stats}: per department for one month (median response
 * time, on-time share; medians of different months cannot be added, so one month at a time), and
 * the time-outs of each of the twelve months ending with it.
 */
public class StatisticsCharts {

  /** How many months the time-outs chart covers, the chosen one last. */
  static final int MONTHS = 12;

  /**
   * One bar.
   *
   * @param label what the bar stands for (a department's name, a month)
   * @param text the value as read out, such as {@code 3.5} or {@code 80%}
   * @param share the bar's length as a share of the longest, 0 to 1
   */
  public record Bar(String label, String text, double share) {

    /** The bar's length in the chart's drawing units. */
    public long length() {
      return Math.round(share * Charts.BAR_AREA);
    }
  }

  /** A bar chart: its bars top to bottom. */
  public record Chart(List<Bar> bars) {

    public long height() {
      return Math.max(1, bars.size()) * Charts.ROW + Charts.PADDING;
    }

    public boolean empty() {
      return bars.isEmpty();
    }
  }

  /** The drawing's measures, for the template. */
  public static final class Charts {
    public static final int WIDTH = 680;
    public static final int LABEL = 220;
    public static final int BAR_AREA = 360;
    public static final int ROW = 28;
    public static final int PADDING = 8;

    private Charts() {}
  }

  /** One department's figures of the month, for the table beside the charts. */
  public record DepartmentRow(
      String department,
      long volume,
      long answered,
      long answeredOnTime,
      Double onTimeShare,
      Long medianResponseSeconds,
      Long p90ResponseSeconds,
      long timedOut) {}

  /** One month's time-outs. */
  public record MonthRow(String month, long volume, long timedOut) {}

  /** Everything the statistics page shows. */
  public record Figures(
      YearMonth month,
      List<DepartmentRow> departments,
      Chart responseTimes,
      Chart onTime,
      List<MonthRow> months,
      Chart timeouts) {}

  private final StatsReports reports;
  private final Directory directory;
  private final Shown shown;

  public StatisticsCharts(StatsReports reports, Directory directory, Shown shown) {
    this.reports = reports;
    this.directory = directory;
    this.shown = shown;
  }

  /** The month asked ({@code YYYY-MM}), or {@code current} when none was. */
  static YearMonth month(String value, YearMonth current) {
    if (value == null || value.isBlank()) {
      return current;
    }
    try {
      return YearMonth.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "month", "MONTH_FORMAT", "'" + value + "' is not a month written YYYY-MM");
    }
  }

  /**
   * The figures of {@code month}, of every department or, with an {@code authority}, of the
   * departments at or under it.
   */
  public Figures of(YearMonth month, DepartmentId authority) {
    Predicate<String> counted = group -> authority == null || under(authority, group);
    StatsReport byDepartment =
        reports.report(month.atDay(1), month.atEndOfMonth(), GroupBy.DEPARTMENT, Granularity.MONTH);
    List<DepartmentRow> departments = new ArrayList<>();
    for (StatsReport.Row row : byDepartment.rows()) {
      if (!row.total() && counted.test(row.group())) {
        departments.add(
            new DepartmentRow(
                row.group(),
                row.volume(),
                row.answered(),
                row.answeredOnTime(),
                row.onTimeShare(),
                row.medianResponseSeconds(),
                row.p90ResponseSeconds(),
                row.timedOut()));
      }
    }
    YearMonth first = month.minusMonths(MONTHS - 1);
    StatsReport byMonth =
        reports.report(first.atDay(1), month.atEndOfMonth(), GroupBy.DEPARTMENT, Granularity.MONTH);
    Map<String, long[]> perMonth = new LinkedHashMap<>();
    for (int i = 0; i < MONTHS; i++) {
      perMonth.put(first.plusMonths(i).toString(), new long[2]);
    }
    for (StatsReport.Row row : byMonth.rows()) {
      long[] sums = perMonth.get(row.period());
      if (sums == null || row.total() || !counted.test(row.group())) {
        continue;
      }
      sums[0] += row.volume();
      sums[1] += row.timedOut();
    }
    List<MonthRow> months = new ArrayList<>();
    perMonth.forEach((period, sums) -> months.add(new MonthRow(period, sums[0], sums[1])));
    return new Figures(
        month,
        departments,
        responseTimes(departments),
        onTime(departments),
        months,
        timeouts(months));
  }

  private boolean under(DepartmentId authority, String group) {
    try {
      return group != null && directory.isSameOrAbove(authority, DepartmentId.of(group));
    } catch (InvalidValueException notAnId) {
      return false;
    }
  }

  /** Median response time per department, in hours; departments that answered nothing left out. */
  private Chart responseTimes(List<DepartmentRow> rows) {
    List<DepartmentRow> answered =
        rows.stream().filter(r -> r.medianResponseSeconds() != null).toList();
    double longest =
        answered.stream().mapToLong(DepartmentRow::medianResponseSeconds).max().orElse(0);
    return new Chart(
        answered.stream()
            .map(
                r ->
                    new Bar(
                        shown.department(r.department()),
                        hours(r.medianResponseSeconds()),
                        longest == 0 ? 0 : r.medianResponseSeconds() / longest))
            .toList());
  }

  /** The share answered on time per department, out of 100%. */
  private Chart onTime(List<DepartmentRow> rows) {
    return new Chart(
        rows.stream()
            .filter(r -> r.onTimeShare() != null)
            .map(
                r ->
                    new Bar(
                        shown.department(r.department()),
                        percent(r.onTimeShare()),
                        r.onTimeShare()))
            .toList());
  }

  private static Chart timeouts(List<MonthRow> months) {
    long most = months.stream().mapToLong(MonthRow::timedOut).max().orElse(0);
    return new Chart(
        months.stream()
            .map(
                m ->
                    new Bar(
                        m.month(),
                        Long.toString(m.timedOut()),
                        most == 0 ? 0 : (double) m.timedOut() / most))
            .toList());
  }

  /** Seconds as hours with one decimal: {@code 3.5}. */
  public static String hours(Long seconds) {
    return seconds == null ? "" : String.format(Locale.ROOT, "%.1f", seconds / 3600.0);
  }

  /** A share as a whole percentage: {@code 80%}. */
  public static String percent(Double share) {
    return share == null ? "" : Math.round(share * 100) + "%";
  }
}
