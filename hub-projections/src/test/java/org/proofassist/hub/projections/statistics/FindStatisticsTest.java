package org.proofassist.hub.projections.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class FindStatisticsTest {

  private static final LocalDate JAN_1 = LocalDate.of(2028, 1, 1);

  @Test
  void aLeapYearIsTheLongestRange() {
    FindStatistics year = new FindStatistics(JAN_1, LocalDate.of(2028, 12, 31), null, null);
    assertThat(year.days()).isEqualTo(366);
    assertThat(year.groupBy()).isEqualTo(GroupBy.DEPARTMENT);
    assertThat(year.granularity()).isEqualTo(Granularity.MONTH);

    assertThatThrownBy(() -> new FindStatistics(JAN_1, LocalDate.of(2029, 1, 1), null, null))
        .isInstanceOfSatisfying(
            FindStatistics.InvalidQuery.class,
            e -> {
              assertThat(e.field()).isEqualTo("to");
              assertThat(e.code()).isEqualTo("RANGE_TOO_LONG");
            });
  }

  @Test
  void theLastDayMayNotComeBeforeTheFirst() {
    assertThat(new FindStatistics(JAN_1, JAN_1, null, null).days()).isEqualTo(1);
    assertThatThrownBy(() -> new FindStatistics(JAN_1, JAN_1.minusDays(1), null, null))
        .isInstanceOfSatisfying(
            FindStatistics.InvalidQuery.class,
            e -> {
              assertThat(e.field()).isEqualTo("to");
              assertThat(e.code()).isEqualTo("TO_BEFORE_FROM");
            });
  }

  @Test
  void bothDaysAreRequired() {
    assertThatThrownBy(() -> new FindStatistics(null, JAN_1, null, null))
        .isInstanceOfSatisfying(
            FindStatistics.InvalidQuery.class, e -> assertThat(e.field()).isEqualTo("from"));
    assertThatThrownBy(() -> new FindStatistics(JAN_1, null, null, null))
        .isInstanceOfSatisfying(
            FindStatistics.InvalidQuery.class, e -> assertThat(e.field()).isEqualTo("to"));
  }

  @Test
  void parametersAreReadByTheirApiNames() {
    assertThat(GroupBy.ofParameter("proofType")).contains(GroupBy.PROOF_TYPE);
    assertThat(GroupBy.ofParameter("department")).contains(GroupBy.DEPARTMENT);
    assertThat(GroupBy.ofParameter("PROOF_TYPE")).isEmpty();
    assertThat(Granularity.ofParameter("day")).contains(Granularity.DAY);
    assertThat(Granularity.ofParameter("week")).isEmpty();
    assertThat(Granularity.MONTH.periodOf(LocalDate.of(2026, 3, 31))).isEqualTo("2026-03");
    assertThat(Granularity.DAY.periodOf(LocalDate.of(2026, 3, 31))).isEqualTo("2026-03-31");
  }
}
