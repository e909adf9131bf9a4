package org.proofassist.hub.projections.statistics;

import java.util.Arrays;

/**
 * Response times of one cell of the statistics, in seconds, with their exact order statistics.
 * Holds every value (eight bytes each), which a query over a year of a province's requests affords.
 */
final class ResponseTimes {

  private long[] values = new long[8];
  private int count;
  private boolean sorted = true;

  void add(long seconds) {
    if (count == values.length) {
      values = Arrays.copyOf(values, values.length * 2);
    }
    if (count > 0 && seconds < values[count - 1]) {
      sorted = false;
    }
    values[count++] = seconds;
  }

  int count() {
    return count;
  }

  /**
   * The {@code percent}-th percentile by the nearest-rank method: the smallest value such that at
   * least {@code percent} % of the values are less than or equal to it ({@code null} when empty).
   * The median is {@code percentile(50)}: for an even count, the lower of the two middle values.
   */
  Long percentile(int percent) {
    if (percent < 1 || percent > 100) {
      throw new IllegalArgumentException("a percentile is from 1 to 100, not " + percent);
    }
    if (count == 0) {
      return null;
    }
    if (!sorted) {
      Arrays.sort(values, 0, count);
      sorted = true;
    }
    int rank = (int) ((percent * (long) count + 99) / 100);
    return values[rank - 1];
  }
}
