package org.proofassist.hub.api.replay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.api.replay.ProcessorProgress.Segment;

class ProcessorProgressTest {

  private static Segment segment(int id, int mask, long position, boolean replaying) {
    return new Segment(id, mask, position, replaying, false, null);
  }

  @Test
  void aReplayHalfwayReportsEventsDoneRateAndTimeLeft() {
    ProcessorProgress progress =
        ProcessorProgress.of("request-views", List.of(segment(0, 0, 499, true)), 999L, 10);

    assertThat(progress.eventsDone()).isEqualTo(500);
    assertThat(progress.eventsTotal()).isEqualTo(1000);
    assertThat(progress.ratePerSecond()).isEqualTo(50.0);
    assertThat(progress.estimatedTimeLeft()).isEqualTo("PT10S");
    assertThat(progress.replaying()).isTrue();
    assertThat(progress.done()).isFalse();
  }

  @Test
  void theSlowestSegmentCountsAndEverySegmentMustBeHere() {
    List<Segment> both = List.of(segment(0, 1, 900, false), segment(1, 1, 300, true));
    ProcessorProgress progress = ProcessorProgress.of("p", both, 999L, 1);
    assertThat(progress.eventsDone()).isEqualTo(301);
    assertThat(progress.segments()).startsWith("2 here [0, 1], 100 %");

    ProcessorProgress halfHere =
        ProcessorProgress.of("p", List.of(segment(0, 1, 999, false)), 999L, 1);
    assertThat(halfHere.done()).as("the other half of the stream is elsewhere").isFalse();
    assertThat(halfHere.segments()).contains("50 %");
  }

  @Test
  void aProcessorIsDoneOnceItHasHandledEverythingUpToTheHead() {
    assertThat(ProcessorProgress.of("p", List.of(segment(0, 0, 999, false)), 999L, 2).done())
        .isTrue();
    ProcessorProgress atHead =
        ProcessorProgress.of("p", List.of(segment(0, 0, 999, true)), 999L, 2);
    assertThat(atHead.done())
        .as("Axon's replay flag stays on until an event newer than the reset is handled")
        .isTrue();
    assertThat(atHead.replaying()).isFalse();
    assertThat(ProcessorProgress.of("p", List.of(segment(0, 0, 998, false)), 999L, 2).done())
        .isFalse();
    ProcessorProgress beyond =
        ProcessorProgress.of("p", List.of(segment(0, 0, 1200, false)), 999L, 2);
    assertThat(beyond.eventsDone()).as("events after the start are not counted").isEqualTo(1000);
    assertThat(beyond.estimatedTimeLeft()).isEqualTo("PT0S");
  }

  @Test
  void anEmptyStoreIsDoneAtOnceAndNothingDoneHasNoEstimate() {
    ProcessorProgress empty = ProcessorProgress.of("p", List.of(segment(0, 0, -1, false)), -1L, 0);
    assertThat(empty.done()).isTrue();
    assertThat(empty.eventsTotal()).isZero();

    ProcessorProgress starting =
        ProcessorProgress.of("p", List.of(segment(0, 0, -1, true)), 999L, 0.5);
    assertThat(starting.eventsDone()).isZero();
    assertThat(starting.estimatedTimeLeft()).isNull();
  }

  @Test
  void aFreshReplayTokenHasHandledNothingYet() {
    TrackingToken atReset = GapAwareTrackingToken.newInstance(41, Set.of());
    assertThat(Segment.position(ReplayToken.createReplayToken(atReset, null))).isEqualTo(-1);
    TrackingToken halfway =
        ((ReplayToken) ReplayToken.createReplayToken(atReset, null))
            .advancedTo(GapAwareTrackingToken.newInstance(20, Set.of()));
    assertThat(Segment.position(halfway)).isEqualTo(20);
    assertThat(Segment.position(null)).isEqualTo(-1);
  }

  @Test
  void theReplaySumsItsProcessorsAndWaitsForTheSlowest() {
    ProjectionReplay replay =
        ProjectionReplay.started("RP-1", "auditor", Instant.EPOCH, "node")
            .withProgress(
                999L,
                List.of(
                    ProcessorProgress.of("a", List.of(segment(0, 0, 899, true)), 999L, 10),
                    ProcessorProgress.of("b", List.of(segment(0, 0, 99, true)), 999L, 10)),
                List.of(),
                Instant.EPOCH.plusSeconds(10));

    assertThat(replay.eventsDone()).isEqualTo(1000);
    assertThat(replay.eventsTotal()).isEqualTo(2000);
    assertThat(replay.rate()).isEqualTo(100.0);
    assertThat(replay.estimatedTimeLeft()).as("b: 900 left at 10/s").isEqualTo("PT1M30S");
    assertThat(replay.allDone()).isFalse();
  }

  @Test
  void aReplayIsStoredAndReadBackUnchanged() {
    ProjectionReplay replay =
        ProjectionReplay.started("RP-2", "auditor", Instant.parse("2026-11-23T08:00:00Z"), "n")
            .withProgress(
                10L,
                List.of(ProcessorProgress.of("a", List.of(segment(0, 0, 5, true)), 10L, 3)),
                List.of("saga"),
                Instant.parse("2026-11-23T08:00:03Z"));

    assertThat(ReplayRecords.fromDocument(ReplayRecords.toDocument(replay))).isEqualTo(replay);
  }
}
