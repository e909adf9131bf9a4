package org.proofassist.hub.projections.statistics;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.Optional;

/** The length of the periods the statistics are given for: calendar days or months. */
public enum Granularity {
  DAY("day"),
  MONTH("month");

  private final String parameter;

  Granularity(String parameter) {
    this.parameter = parameter;
  }

  /** The name in the API's {@code period} parameter. */
  public String parameter() {
    return parameter;
  }

  /** The period a day belongs to: {@code 2026-11-23} by day, {@code 2026-11} by month. */
  public String periodOf(LocalDate day) {
    return this == DAY ? day.toString() : YearMonth.from(day).toString();
  }

  /** The granularity named {@code parameter} in the API ({@code day}, {@code month}). */
  public static Optional<Granularity> ofParameter(String parameter) {
    return Arrays.stream(values()).filter(g -> g.parameter.equals(parameter)).findFirst();
  }
}
