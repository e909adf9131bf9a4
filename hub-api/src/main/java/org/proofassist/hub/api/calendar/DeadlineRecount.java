package org.proofassist.hub.api.calendar;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.bson.Document;
import org.proofassist.hub.api.calendar.CalendarEditions.Edition;
import org.proofassist.hub.core.request.RecomputeDeadline;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.projections.request.RequestViewProjection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Query;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Counts the deadlines of the open requests again when a new edition of the calendar is installed:
 * one {@link RecomputeDeadline} per open request, which records {@code DeadlineRecomputed} on those
 * whose deadline moves. Runs in the background, one edition after another; an edition whose count a
 * crash interrupted is counted again at the next start (the command changes nothing the second
 * time).
 *
 * <p>A request raised while the edition was being installed may not be in the views yet when the
 * first pass reads them; a second pass goes over the requests raised from a minute before the
 * installation on.
 */
public class DeadlineRecount implements AutoCloseable {

  /** How long before the installation a request may have been raised and missed by the views. */
  static final Duration MARGIN = Duration.ofMinutes(1);

  private static final Logger log = LoggerFactory.getLogger(DeadlineRecount.class);
  private static final List<String> RUNNING_CLOCKS =
      List.of(
          RequestStatus.ROUTED.name(),
          RequestStatus.AWAITING_DISPATCH.name(),
          RequestStatus.ACCEPTED.name());

  private final CalendarEditions editions;
  private final CommandGateway commands;
  private final MongoTemplate mongo;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          task -> {
            Thread thread = new Thread(task, "deadline-recount");
            thread.setDaemon(true);
            return thread;
          });

  public DeadlineRecount(CalendarEditions editions, CommandGateway commands, MongoTemplate mongo) {
    this.editions = editions;
    this.commands = commands;
    // its queries (open requests by status, and those raised since a moment) are served by the
    // request views' status index (RequestViewProjection)
    this.mongo = mongo;
  }

  /** At start, finishes the counts that were left undone. */
  @EventListener(ApplicationReadyEvent.class)
  public void resume() {
    editions.awaitingRecount().forEach(this::submit);
  }

  /** Checks whether another node installed a newer edition. */
  @Scheduled(fixedDelay = 30, initialDelay = 30, timeUnit = TimeUnit.SECONDS)
  public void refresh() {
    editions.refresh();
  }

  /** Counts the open requests' deadlines again on {@code edition}, in the background. */
  public void submit(Edition edition) {
    if (CalendarEditions.Recount.DONE.equals(edition.recount().state())) {
      return;
    }
    worker.submit(() -> recount(edition));
  }

  /** Counts the open requests' deadlines again on {@code edition}; returns how many it checked. */
  long recount(Edition edition) {
    editions.recountStarted(edition.edition());
    long started = System.nanoTime();
    long checked = pass(edition, query(where("status").in(RUNNING_CLOCKS)), 0);
    Instant since = edition.installedAt().minus(MARGIN);
    checked =
        pass(
            edition, query(where("status").in(RUNNING_CLOCKS).and("raisedAt").gte(since)), checked);
    editions.recountDone(edition.edition(), checked);
    log.info(
        "calendar edition {}: deadlines of {} open requests counted again in {} ms",
        edition.edition(),
        checked,
        Duration.ofNanos(System.nanoTime() - started).toMillis());
    return checked;
  }

  private long pass(Edition edition, Query open, long checkedBefore) {
    open.fields().include("_id");
    long checked = checkedBefore;
    for (Document view :
        mongo
            .getCollection(RequestViewProjection.COLLECTION)
            .find(open.getQueryObject())
            .projection(open.getFieldsObject())) {
      RequestId id = RequestId.of(view.getString("_id"));
      try {
        commands.sendAndWait(new RecomputeDeadline(id, edition.edition(), edition.changes()));
      } catch (RuntimeException e) {
        // One request that cannot be loaded must not stop the others; the log names it.
        log.warn(
            "deadline of {} not counted again on edition {}: {}",
            id,
            edition.edition(),
            e.toString());
      }
      if (++checked % 500 == 0) {
        editions.recountProgress(edition.edition(), checked);
      }
    }
    return checked;
  }

  @Override
  public void close() {
    worker.shutdownNow();
  }
}
