package org.proofassist.hub.api.replay;

import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;
import org.axonframework.eventhandling.EventTrackerStatus;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.eventhandling.TrackingToken;

/**
 * How far one streaming event processor has come in a replay, from what its segments report ({@link
 * EventTrackerStatus}): the position of its slowest segment against the head position of the event
 * store when the replay started.
 *
 * <p>"Events" are global positions: events done is the slowest segment's position + 1, events total
 * is the head position + 1. A position whose commit was refused (void) counts as an event; such
 * positions are rare.
 *
 * @param name the processor (its processing group)
 * @param segments the segments this node is processing, and of how many ({@code 1/1}: all of them)
 * @param eventsDone positions handled by every segment, at most {@code eventsTotal}
 * @param eventsTotal positions up to the head at the start of the replay; {@code null} when the
 *     event store has no global positions (the {@code axon-mongo} engine)
 * @param ratePerSecond events done per second since the processor was started again
 * @param estimatedTimeLeft at that rate, as an ISO-8601 duration ({@code PT42S}); {@code null} when
 *     nothing was done yet
 * @param replaying whether a segment is still replaying (Axon's {@code ReplayToken}) and the head
 *     is not reached yet. Axon keeps its replay flag on until a segment handles an event newer than
 *     its position at the reset, which in a quiet hub may be a long time after the replay has
 *     handled every stored event
 * @param done whether every segment is here and at or past the head (without global positions:
 *     caught up and no longer replaying)
 * @param error the error a segment is stuck on (the processor retries), or {@code null}
 */
public record ProcessorProgress(
    String name,
    String segments,
    long eventsDone,
    Long eventsTotal,
    double ratePerSecond,
    String estimatedTimeLeft,
    boolean replaying,
    boolean done,
    String error) {

  /** What one segment reports, reduced to what progress needs. */
  record Segment(
      int id, int mask, long position, boolean replaying, boolean caughtUp, String error) {

    static Segment of(EventTrackerStatus status) {
      return new Segment(
          status.getSegment().getSegmentId(),
          status.getSegment().getMask(),
          position(status.getTrackingToken()),
          status.isReplaying(),
          status.isCaughtUp(),
          status.isErrorState() && status.getError() != null ? status.getError().toString() : null);
    }

    /** The last position handled: -1 when nothing was, also for a fresh {@link ReplayToken}. */
    static long position(TrackingToken token) {
      if (token == null) {
        return -1;
      }
      if (token instanceof ReplayToken replay && replay.getCurrentToken() == null) {
        return -1; // Axon reports such a token as position 0, though nothing was handled yet
      }
      OptionalLong position = token.position();
      return position.isPresent() ? position.getAsLong() : -1;
    }
  }

  /**
   * The progress of one processor.
   *
   * @param head the head position when the replay started (-1: empty store); {@code null} when the
   *     store has no global positions, and then a processor is done when its segments are caught up
   *     and no longer replaying
   * @param seconds since the processor was started again
   */
  static ProcessorProgress of(
      String name, Collection<Segment> segments, Long head, double seconds) {
    double covered = segments.stream().mapToDouble(s -> 1.0 / (s.mask() + 1)).sum();
    boolean all = !segments.isEmpty() && Math.abs(covered - 1.0) < 1e-9;
    long slowest = segments.stream().mapToLong(Segment::position).min().orElse(-1);
    Long total = head == null ? null : head + 1;
    long done = total == null ? slowest + 1 : Math.max(0, Math.min(total, slowest + 1));
    boolean replaying = segments.stream().anyMatch(Segment::replaying);
    boolean finished =
        all
            && (head == null
                ? !replaying && segments.stream().allMatch(Segment::caughtUp)
                : slowest >= head);
    double rate = seconds > 0 ? done / seconds : 0;
    String left;
    if (finished || (total != null && done >= total)) {
      left = Duration.ZERO.toString();
    } else if (total == null || rate <= 0) {
      left = null;
    } else {
      left = Duration.ofSeconds((long) Math.ceil((total - done) / rate)).toString();
    }
    String error =
        segments.stream().map(Segment::error).filter(e -> e != null).findFirst().orElse(null);
    return new ProcessorProgress(
        name,
        segmentsText(segments, covered),
        done,
        total,
        round(rate),
        left,
        replaying && !finished,
        finished,
        error);
  }

  /** A processor this node does not process (no segment claimed here), or not started yet. */
  static ProcessorProgress notHere(String name, Long head) {
    return new ProcessorProgress(
        name, "0 here", 0, head == null ? null : head + 1, 0, null, true, false, null);
  }

  private static String segmentsText(Collection<Segment> segments, double covered) {
    List<Integer> ids = segments.stream().map(Segment::id).sorted().toList();
    return String.format(
        Locale.ROOT, "%d here %s, %.0f %% of the stream", segments.size(), ids, covered * 100);
  }

  static double round(double rate) {
    return Math.round(rate * 10) / 10.0;
  }
}
