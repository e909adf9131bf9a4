package org.proofassist.hub.api.replay;

import java.lang.management.ManagementFactory;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventProcessor;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.proofassist.hub.api.problem.ConflictException;
import org.proofassist.hub.api.replay.ProjectionReplay.State;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.stereotype.Component;

/**
 * Rebuilds every projection from the event store, with Axon's own means: each streaming event
 * processor found in Axon's {@code EventProcessingConfiguration} (tracking or pooled streaming; not
 * a list kept here) is shut down, its tokens reset to the start of the event store ({@link
 * StreamingEventProcessor#resetTokens(java.util.function.Function, Object)}, which calls the
 * projections' {@code @ResetHandler}s and stores Axon {@code ReplayToken}s that carry the replay's
 * id as reset context), and started again. Progress comes from the processors' {@link
 * StreamingEventProcessor#processingStatus() processing status}: the position of each segment's
 * token against the head position of the event store when the processors started again. It is
 * logged every {@code hub.replay.progress-interval} (default 5 s) and kept in {@value
 * ReplayRecords#COLLECTION}.
 *
 * <p>One replay at a time in the whole hub: a second start while one runs is refused (409), also
 * from another node ({@link ReplayRecords}'s lock). A processor that cannot be reset (a saga's,
 * whose handlers act on the world) is left alone and listed as not replayed.
 *
 * <h2>Several hub nodes</h2>
 *
 * The node that starts a replay runs it and follows its own processors. A reset acts on the token
 * store: when the token store is shared, every node's processors continue from the reset tokens
 * (they replay too), and the reset succeeds only if this node can claim every segment — a segment
 * claimed by a running processor on another node makes the replay fail with Axon's "unable to claim
 * token" reason; release those segments there (or stop those nodes' processors) and start again.
 * With a token store per node (Axon's in-memory store), only this node's processors replay, while
 * the other nodes keep writing new events into the views this node has just dropped; stop the other
 * nodes for the duration of the replay. {@code docs/performance.md} ("Replay of the projections")
 * has the details.
 *
 * <p>During a replay the views are rebuilt from nothing: requests not yet replayed are missing from
 * them, and commands are accepted and recorded but their answers wait (up to {@code
 * hub.view-wait-millis}) for views that are behind.
 */
@Component
public class Replays implements DisposableBean {

  private static final Logger log = LoggerFactory.getLogger(Replays.class);
  private static final DateTimeFormatter ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Configuration axon;
  private final EventStore eventStore;
  private final ReplayRecords records;
  private final Clock clock;
  private final Duration interval;
  private final String node;
  private final ScheduledExecutorService executor;
  private final Object lock = new Object();

  /** The replay this node runs, if any; guarded by {@link #lock}. */
  private Running running;

  public Replays(
      Configuration axon,
      EventStore eventStore,
      MongoTemplate mongoTemplate,
      Clock clock,
      @Value("${hub.replay.progress-interval:5s}") Duration interval,
      @Value("${hub.replay.abandoned-after:60s}") Duration abandonedAfter) {
    this.axon = axon;
    this.eventStore = eventStore;
    this.records =
        new ReplayRecords(
            mongoTemplate.getCollection(ReplayRecords.COLLECTION),
            max(abandonedAfter, interval.multipliedBy(3)));
    this.clock = clock;
    this.interval = interval;
    this.node = ManagementFactory.getRuntimeMXBean().getName();
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, "projection-replay");
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Starts a replay of every projection on this node and answers at once; the replay runs in the
   * background.
   *
   * @throws ConflictException if a replay is running (on any node)
   */
  public ProjectionReplay start(String startedBy) {
    Instant now = clock.instant();
    ProjectionReplay replay = ProjectionReplay.started(newId(now), startedBy, now, node);
    Optional<String> holder = records.lock(replay, now);
    if (holder.isPresent()) {
      throw new ConflictException(
          "REPLAY_RUNNING",
          null,
          "replay "
              + holder.get()
              + " is still running; one replay at a time (GET /api/v1/admin/replays/"
              + holder.get()
              + ")");
    }
    records.save(replay);
    log.info("Replay {} of every projection started by {} on {}", replay.id(), startedBy, node);
    synchronized (lock) {
      running = new Running(replay);
    }
    executor.execute(() -> reset(replay.id()));
    return replay;
  }

  /** The replay with this id, with fresh progress if this node runs it. */
  public Optional<ProjectionReplay> find(String id) {
    synchronized (lock) {
      if (running != null && running.replay.id().equals(id) && running.started) {
        refresh();
      }
    }
    return records.current(id, clock.instant());
  }

  // ------------------------------------------------------------------------------ the replay

  /** Shuts every streaming processor down, resets their tokens, starts them again. */
  private void reset(String id) {
    List<StreamingEventProcessor> all = streamingProcessors();
    List<StreamingEventProcessor> resettable =
        all.stream().filter(StreamingEventProcessor::supportsReset).toList();
    List<String> notReplayed =
        all.stream().filter(p -> !p.supportsReset()).map(EventProcessor::getName).toList();
    if (!notReplayed.isEmpty()) {
      log.warn("Replay {}: {} cannot be reset (sagas) and are left alone", id, notReplayed);
    }
    List<StreamingEventProcessor> stopped = new ArrayList<>();
    RuntimeException failure = null;
    try {
      for (StreamingEventProcessor processor : resettable) {
        processor.shutDown();
        stopped.add(processor);
      }
      for (StreamingEventProcessor processor : resettable) {
        log.info("Replay {}: resetting {}", id, processor.getName());
        // From the first event on; the replay's id is the reset context of its ReplayTokens.
        processor.resetTokens(StreamableMessageSource::createTailToken, id);
      }
    } catch (RuntimeException e) {
      failure = e;
    } finally {
      // Started again in any case: a processor that was not reset continues where it was.
      stopped.forEach(StreamingEventProcessor::start);
    }
    synchronized (lock) {
      Running run = running;
      if (run == null || !run.replay.id().equals(id)) {
        return;
      }
      run.processors = resettable;
      run.notReplayed = notReplayed;
      run.head = headPosition();
      run.processorsStartedAt = clock.instant();
      run.started = true;
      if (failure != null) {
        log.error("Replay {} failed while resetting the processors", id, failure);
        finish(State.FAILED, "resetting the processors failed: " + failure);
        return;
      }
      log.info(
          "Replay {}: {} processors reset and started again; head position {}",
          id,
          resettable.size(),
          run.head);
      refresh();
      if (running != null) {
        run.ticks =
            executor.scheduleWithFixedDelay(
                this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
      }
    }
  }

  private void tick() {
    synchronized (lock) {
      if (running == null) {
        return;
      }
      ProjectionReplay replay = refresh();
      if (replay != null) {
        log.info("Replay {}: {}", replay.id(), describe(replay));
      }
    }
  }

  /**
   * Reads the processors' status, records it, and finishes the replay once every processor is done.
   * Call with {@link #lock} held.
   */
  private ProjectionReplay refresh() {
    Running run = running;
    Instant now = clock.instant();
    double seconds = Duration.between(run.processorsStartedAt, now).toNanos() / 1e9;
    List<ProcessorProgress> progress = new ArrayList<>();
    for (StreamingEventProcessor processor : run.processors) {
      Map<Integer, org.axonframework.eventhandling.EventTrackerStatus> status =
          processor.processingStatus();
      progress.add(
          status.isEmpty()
              ? ProcessorProgress.notHere(processor.getName(), run.head)
              : ProcessorProgress.of(
                  processor.getName(),
                  status.values().stream().map(ProcessorProgress.Segment::of).toList(),
                  run.head,
                  seconds));
    }
    ProjectionReplay replay = run.replay.withProgress(run.head, progress, run.notReplayed, now);
    run.replay = replay;
    if (!records.renew(replay.id(), now)) {
      // Another node took this replay for abandoned (no heartbeat for too long) and recorded it
      // as failed; its record stays so.
      log.warn("Replay {} lost its lock to another node; no longer followed here", replay.id());
      if (run.ticks != null) {
        run.ticks.cancel(false);
      }
      running = null;
      return null;
    }
    if (replay.allDone() || run.processors.isEmpty()) {
      records.save(replay);
      log.info("Replay {} done: {}", replay.id(), describe(replay));
      return finish(State.DONE, null);
    }
    records.save(replay);
    return replay;
  }

  /** Records the end of the running replay and releases the lock. Call with {@link #lock} held. */
  private ProjectionReplay finish(State state, String failure) {
    Running run = running;
    ProjectionReplay finished = run.replay.finished(state, clock.instant(), failure);
    records.save(finished);
    records.unlock(finished.id());
    if (run.ticks != null) {
      run.ticks.cancel(false);
    }
    running = null;
    return null;
  }

  private static String describe(ProjectionReplay replay) {
    StringBuilder text =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%,d/%s events (%s), %,.0f events/s, %s left",
                replay.eventsDone(),
                replay.eventsTotal() == null ? "?" : String.format("%,d", replay.eventsTotal()),
                replay.eventsTotal() == null || replay.eventsTotal() == 0
                    ? "–"
                    : String.format(
                        Locale.ROOT, "%.0f %%", 100.0 * replay.eventsDone() / replay.eventsTotal()),
                replay.rate(),
                replay.estimatedTimeLeft() == null ? "?" : replay.estimatedTimeLeft()));
    text.append(
        replay.processors().stream()
            .map(
                p ->
                    String.format(
                        Locale.ROOT,
                        "%s %,d/%s%s%s",
                        p.name(),
                        p.eventsDone(),
                        p.eventsTotal() == null ? "?" : String.format("%,d", p.eventsTotal()),
                        p.done() ? " done" : p.replaying() ? " replaying" : "",
                        p.error() == null ? "" : " ERROR " + p.error()))
            .collect(Collectors.joining("; ", " — ", "")));
    return text.toString();
  }

  // --------------------------------------------------------------------------------- helpers

  /** Every streaming processor Axon knows, by name. */
  private List<StreamingEventProcessor> streamingProcessors() {
    return axon.eventProcessingConfiguration().eventProcessors().values().stream()
        .filter(StreamingEventProcessor.class::isInstance)
        .map(StreamingEventProcessor.class::cast)
        .sorted(Comparator.comparing(EventProcessor::getName))
        .toList();
  }

  /** The event store's head position (-1: empty), or null if its tokens have no position. */
  private Long headPosition() {
    TrackingToken head = eventStore.createHeadToken();
    if (head == null) {
      return -1L;
    }
    return head.position().isPresent() ? head.position().getAsLong() : null;
  }

  private static String newId(Instant now) {
    byte[] random = new byte[3];
    ThreadLocalRandom.current().nextBytes(random);
    return "RP-" + ID_TIME.format(now) + "-" + HexFormat.of().formatHex(random);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }

  /** Stops following a replay when the node stops; the record says why. */
  @Override
  public void destroy() {
    synchronized (lock) {
      if (running != null) {
        log.warn("Replay {} interrupted: node {} is stopping", running.replay.id(), node);
        finish(State.FAILED, "interrupted: node " + node + " stopped during the replay");
      }
    }
    executor.shutdownNow();
  }

  /** The replay this node runs. */
  private static final class Running {
    private ProjectionReplay replay;
    private boolean started;
    private List<StreamingEventProcessor> processors = List.of();
    private List<String> notReplayed = List.of();
    private Long head;
    private Instant processorsStartedAt;
    private ScheduledFuture<?> ticks;

    private Running(ProjectionReplay replay) {
      this.replay = replay;
    }
  }
}
