package org.proofassist.hub.api.replay;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One replay of the projections, as {@code GET /api/v1/admin/replays/{id}} shows it.
 *
 * @param id the replay's id
 * @param state {@code RUNNING}, {@code DONE} or {@code FAILED}
 * @param startedBy the user who started it
 * @param startedAt when
 * @param node the hub node that runs it (and whose processors it follows)
 * @param headPosition the event store's head position when the processors were started again (-1:
 *     empty); {@code null} until then, and for an event store without global positions
 * @param processors every streaming processor replayed, by name
 * @param notReplayed the streaming processors that cannot be reset (a saga's), left as they were
 * @param eventsDone the sum of the processors' events done
 * @param eventsTotal the sum of the processors' events total
 * @param rate the processors' rates together, events per second
 * @param estimatedTimeLeft the slowest processor's estimate, ISO-8601 ({@code PT1M30S})
 * @param heartbeatAt when the running node last reported progress; a running replay that has not
 *     reported for a while is taken as abandoned (its node stopped)
 * @param finishedAt when it finished or failed
 * @param failure why it failed
 */
public record ProjectionReplay(
    String id,
    State state,
    String startedBy,
    Instant startedAt,
    String node,
    Long headPosition,
    List<ProcessorProgress> processors,
    List<String> notReplayed,
    long eventsDone,
    Long eventsTotal,
    double rate,
    String estimatedTimeLeft,
    Instant heartbeatAt,
    Instant finishedAt,
    String failure) {

  /** Where a replay is. */
  public enum State {
    RUNNING,
    DONE,
    FAILED
  }

  /** A replay just started: nothing reset yet. */
  static ProjectionReplay started(String id, String startedBy, Instant at, String node) {
    return new ProjectionReplay(
        id,
        State.RUNNING,
        startedBy,
        at,
        node,
        null,
        List.of(),
        List.of(),
        0,
        null,
        0,
        null,
        at,
        null,
        null);
  }

  /** This replay with the processors' progress, and the totals over them. */
  ProjectionReplay withProgress(
      Long head, List<ProcessorProgress> progress, List<String> notReplayed, Instant at) {
    long done = progress.stream().mapToLong(ProcessorProgress::eventsDone).sum();
    boolean totalsKnown = progress.stream().allMatch(p -> p.eventsTotal() != null);
    Long total =
        totalsKnown ? progress.stream().mapToLong(ProcessorProgress::eventsTotal).sum() : null;
    double rate = progress.stream().mapToDouble(ProcessorProgress::ratePerSecond).sum();
    String left = null;
    if (progress.stream().allMatch(p -> p.estimatedTimeLeft() != null)) {
      left =
          progress.stream()
              .map(p -> Duration.parse(p.estimatedTimeLeft()))
              .max(Duration::compareTo)
              .orElse(Duration.ZERO)
              .toString();
    }
    return new ProjectionReplay(
        id,
        state,
        startedBy,
        startedAt,
        node,
        head,
        List.copyOf(progress),
        List.copyOf(notReplayed),
        done,
        total,
        ProcessorProgress.round(rate),
        left,
        at,
        finishedAt,
        failure);
  }

  /** Whether every processor is done. */
  boolean allDone() {
    return !processors.isEmpty() && processors.stream().allMatch(ProcessorProgress::done);
  }

  ProjectionReplay finished(State state, Instant at, String failure) {
    return new ProjectionReplay(
        id,
        state,
        startedBy,
        startedAt,
        node,
        headPosition,
        processors,
        notReplayed,
        eventsDone,
        eventsTotal,
        rate,
        state == State.DONE ? Duration.ZERO.toString() : estimatedTimeLeft,
        at,
        at,
        failure);
  }
}
