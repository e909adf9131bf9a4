package org.proofassist.hub.projections.statistics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ResponseTimesTest {

  private static ResponseTimes of(long... seconds) {
    ResponseTimes times = new ResponseTimes();
    for (long s : seconds) {
      times.add(s);
    }
    return times;
  }

  @Test
  void nothingAnsweredHasNoMedianAndNoPercentile() {
    assertThat(of().percentile(50)).isNull();
    assertThat(of().percentile(90)).isNull();
  }

  @Test
  void theNearestRankIsTheSmallestValueCoveringTheShare() {
    ResponseTimes tens = of(100, 90, 80, 70, 60, 50, 40, 30, 20, 10);
    assertThat(tens.percentile(50)).isEqualTo(50);
    assertThat(tens.percentile(90)).isEqualTo(90);
    assertThat(tens.percentile(91)).isEqualTo(100);
    assertThat(tens.percentile(100)).isEqualTo(100);
    assertThat(tens.percentile(1)).isEqualTo(10);
  }

  @Test
  void theMedianOfAnEvenCountIsTheLowerMiddleValue() {
    assertThat(of(4, 1, 3, 2).percentile(50)).isEqualTo(2);
    assertThat(of(7).percentile(50)).isEqualTo(7);
    assertThat(of(7).percentile(90)).isEqualTo(7);
  }

  @Test
  void manyValuesAreKeptAndSortedWhenAsked() {
    ResponseTimes times = new ResponseTimes();
    for (long s = 1000; s >= 1; s--) {
      times.add(s);
    }
    assertThat(times.count()).isEqualTo(1000);
    assertThat(times.percentile(50)).isEqualTo(500);
    assertThat(times.percentile(90)).isEqualTo(900);
    times.add(0);
    assertThat(times.percentile(1)).isEqualTo(10);
  }

  @Test
  void aPercentileOutsideOneToHundredIsRefused() {
    assertThatThrownBy(() -> of(1).percentile(0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> of(1).percentile(101)).isInstanceOf(IllegalArgumentException.class);
  }
}
