package org.proofassist.hub.api.deadline;

import com.mongodb.MongoException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Indexes;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import org.axonframework.deadline.jobrunr.JobRunrDeadlineManager;
import org.axonframework.messaging.ScopeDescriptor;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.bson.Document;
import org.bson.conversions.Bson;
import org.jobrunr.jobs.states.IllegalJobStateChangeException;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Axon's {@link JobRunrDeadlineManager} that can also cancel deadlines by name and scope.
 *
 * <p>JobRunr's open-source edition cancels a job only by its id, so Axon's {@code cancelAll} and
 * {@code cancelAllWithinScope} need JobRunr Pro. This manager keeps the id of every deadline it
 * schedules, with its name and scope, in {@value #COLLECTION}, and cancels through those ids.
 *
 * <p>Cancelling is cleaning up, never a condition for a command to succeed: the ids are looked up
 * when the aggregate asks, and the jobs deleted after its unit of work has committed. A job that
 * has run or was deleted already is skipped. A job that escapes cancellation (the node dies between
 * commit and delete) still runs once, and the aggregate ignores a deadline it no longer expects.
 * Entries of deadlines that are long past are pruned by {@link #prune(Duration)}.
 *
 * <p>A deadline fires within one JobRunr poll interval after its instant, never before (JobRunr
 * itself queues a job up to a poll interval early), and after a crash once another JobRunr server
 * has taken over as master (four poll intervals without a heartbeat from the dead one).
 */
public class ScopeTrackingJobRunrDeadlineManager extends JobRunrDeadlineManager {

  /** The collection of scheduled deadlines: id, name, scope and trigger time. */
  public static final String COLLECTION = "deadline_schedules";

  private static final Logger log =
      LoggerFactory.getLogger(ScopeTrackingJobRunrDeadlineManager.class);
  private static final String REASON = "cancelled by the hub: no longer needed";

  private final MongoCollection<Document> schedules;
  private final JobScheduler jobScheduler;
  private final Clock clock;
  private final Duration pollInterval;

  /**
   * @param pollInterval how often JobRunr looks for due jobs (its {@code
   *     background-job-server.poll-interval-in-seconds})
   */
  public ScopeTrackingJobRunrDeadlineManager(
      Builder builder,
      JobScheduler jobScheduler,
      MongoCollection<Document> schedules,
      Clock clock,
      Duration pollInterval) {
    super(builder.jobScheduler(jobScheduler));
    this.pollInterval = pollInterval;
    this.jobScheduler = jobScheduler;
    this.schedules = schedules;
    this.clock = clock;
    schedules.createIndex(Indexes.ascending("scope", "name"));
    schedules.createIndex(Indexes.ascending("at"));
  }

  @Override
  public String schedule(
      Instant triggerDateTime,
      String deadlineName,
      Object messageOrPayload,
      ScopeDescriptor deadlineScope) {
    // JobRunr queues every job due before its next poll at once, so a job scheduled for the exact
    // instant may run up to a poll interval early; scheduled a poll interval later, it runs within
    // one poll interval after the instant, never before.
    String scheduleId =
        super.schedule(
            triggerDateTime.plus(pollInterval), deadlineName, messageOrPayload, deadlineScope);
    // Kept when the unit of work commits: only then does an aggregate created by this command
    // know its identifier, which is part of the scope's key.
    Runnable keep =
        () ->
            schedules.insertOne(
                new Document("_id", scheduleId)
                    .append("name", deadlineName)
                    .append("scope", key(deadlineScope))
                    .append("at", Date.from(triggerDateTime)));
    if (CurrentUnitOfWork.isStarted()) {
      CurrentUnitOfWork.get().onPrepareCommit(unitOfWork -> keep.run());
    } else {
      keep.run();
    }
    return scheduleId;
  }

  @Override
  public void cancelSchedule(String deadlineName, String scheduleId) {
    cancel(List.of(scheduleId));
  }

  @Override
  public void cancelAll(String deadlineName) {
    cancel(idsOf(Filters.eq("name", deadlineName)));
  }

  @Override
  public void cancelAllWithinScope(String deadlineName, ScopeDescriptor scope) {
    cancel(idsOf(Filters.and(Filters.eq("scope", key(scope)), Filters.eq("name", deadlineName))));
  }

  /** Forgets the deadlines that were due more than {@code age} ago; returns how many. */
  public long prune(Duration age) {
    return schedules
        .deleteMany(Filters.lt("at", Date.from(clock.instant().minus(age))))
        .getDeletedCount();
  }

  private List<String> idsOf(Bson filter) {
    List<String> ids = new ArrayList<>();
    for (Document schedule : schedules.find(filter).projection(new Document("_id", 1))) {
      ids.add(schedule.getString("_id"));
    }
    return ids;
  }

  private void cancel(List<String> scheduleIds) {
    if (scheduleIds.isEmpty()) {
      return;
    }
    Runnable delete = () -> scheduleIds.forEach(this::deleteJob);
    if (CurrentUnitOfWork.isStarted()) {
      CurrentUnitOfWork.get().afterCommit(unitOfWork -> delete.run());
    } else {
      delete.run();
    }
  }

  private void deleteJob(String scheduleId) {
    try {
      jobScheduler.delete(UUID.fromString(scheduleId), REASON);
    } catch (JobNotFoundException e) {
      log.debug("deadline {} was removed already", scheduleId);
    } catch (IllegalJobStateChangeException e) {
      log.debug("deadline {} cannot be cancelled from state {}", scheduleId, e.getFrom());
    } catch (StorageException | IllegalArgumentException e) {
      // It will run once and find nothing to do; cancelling is cleaning up, not a promise.
      log.warn("deadline {} could not be cancelled: {}", scheduleId, e.toString());
      return;
    }
    try {
      schedules.deleteOne(Filters.eq("_id", scheduleId));
    } catch (MongoException e) {
      log.warn(
          "deadline {} was cancelled; its entry stays until pruned: {}", scheduleId, e.toString());
    }
  }

  /** The scope as the key of its deadlines: for an aggregate, its type and identifier. */
  static String key(ScopeDescriptor scope) {
    return scope.scopeDescription();
  }
}
