package org.proofassist.hub.api.replay;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.ReplaceOptions;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import org.bson.Document;
import org.proofassist.hub.api.replay.ProjectionReplay.State;

/**
 * The replays in {@value #COLLECTION}, one document per replay (by {@code _id}), so that any node
 * shows them and they outlive a restart; and the lock that lets only one replay run at a time in
 * the whole hub: the document {@value #LOCK}, naming the running replay, whose heartbeat the
 * running node renews. A lock whose heartbeat is older than {@code staleAfter} belongs to a node
 * that stopped, and is taken over. Every read and write is by {@code _id}.
 */
final class ReplayRecords {

  static final String COLLECTION = "projection_replays";
  static final String LOCK = "~running";

  private final MongoCollection<Document> replays;
  private final Duration staleAfter;

  ReplayRecords(MongoCollection<Document> replays, Duration staleAfter) {
    this.replays = replays;
    this.staleAfter = staleAfter;
  }

  /**
   * Takes the lock for {@code replay}, or answers the replay that holds it. A lock not renewed for
   * {@code staleAfter} is taken over, and its replay recorded as failed.
   */
  Optional<String> lock(ProjectionReplay replay, Instant now) {
    Document lock =
        new Document("_id", LOCK)
            .append("replayId", replay.id())
            .append("node", replay.node())
            .append("heartbeatAt", Date.from(now));
    for (int attempt = 0; attempt < 3; attempt++) {
      try {
        replays.insertOne(lock);
        return Optional.empty();
      } catch (MongoWriteException e) {
        if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
          throw e;
        }
      }
      Document held = replays.find(eq("_id", LOCK)).first();
      if (held == null) {
        continue; // released meanwhile
      }
      Instant heartbeat = held.getDate("heartbeatAt").toInstant();
      if (heartbeat.plus(staleAfter).isAfter(now)) {
        return Optional.of(held.getString("replayId"));
      }
      long taken =
          replays
              .replaceOne(
                  and(
                      eq("_id", LOCK),
                      eq("replayId", held.getString("replayId")),
                      eq("heartbeatAt", held.getDate("heartbeatAt"))),
                  lock)
              .getModifiedCount();
      if (taken == 1) {
        abandon(held.getString("replayId"), heartbeat, now);
        return Optional.empty();
      }
    }
    Document held = replays.find(eq("_id", LOCK)).first();
    return Optional.of(held == null ? "unknown" : held.getString("replayId"));
  }

  void unlock(String replayId) {
    replays.deleteOne(and(eq("_id", LOCK), eq("replayId", replayId)));
  }

  /** Renews the lock's heartbeat; false if this replay no longer holds it. */
  boolean renew(String replayId, Instant now) {
    return replays
            .updateOne(
                and(eq("_id", LOCK), eq("replayId", replayId)),
                new Document("$set", new Document("heartbeatAt", Date.from(now))))
            .getMatchedCount()
        == 1;
  }

  void save(ProjectionReplay replay) {
    replays.replaceOne(
        eq("_id", replay.id()), toDocument(replay), new ReplaceOptions().upsert(true));
  }

  Optional<ProjectionReplay> find(String id) {
    if (id.startsWith("~")) {
      return Optional.empty();
    }
    Document document = replays.find(eq("_id", id)).first();
    return Optional.ofNullable(document).map(ReplayRecords::fromDocument);
  }

  /**
   * The replay as it stands: a running replay whose node has not reported for {@code staleAfter} is
   * recorded as failed.
   */
  Optional<ProjectionReplay> current(String id, Instant now) {
    Optional<ProjectionReplay> replay = find(id);
    if (replay.isPresent()
        && replay.get().state() == State.RUNNING
        && replay.get().heartbeatAt().plus(staleAfter).isBefore(now)) {
      abandon(id, replay.get().heartbeatAt(), now);
      return find(id);
    }
    return replay;
  }

  private void abandon(String id, Instant lastHeartbeat, Instant now) {
    find(id)
        .filter(r -> r.state() == State.RUNNING)
        .ifPresent(
            r -> {
              ProjectionReplay failed =
                  r.finished(
                      State.FAILED,
                      now,
                      "abandoned: node "
                          + r.node()
                          + " last reported at "
                          + lastHeartbeat
                          + " and stopped reporting (it was stopped or lost)");
              replays.replaceOne(
                  and(eq("_id", id), eq("state", State.RUNNING.name())), toDocument(failed));
            });
  }

  // ------------------------------------------------------------------------------- mapping

  static Document toDocument(ProjectionReplay replay) {
    List<Document> processors = new ArrayList<>();
    for (ProcessorProgress p : replay.processors()) {
      processors.add(
          new Document("name", p.name())
              .append("segments", p.segments())
              .append("eventsDone", p.eventsDone())
              .append("eventsTotal", p.eventsTotal())
              .append("ratePerSecond", p.ratePerSecond())
              .append("estimatedTimeLeft", p.estimatedTimeLeft())
              .append("replaying", p.replaying())
              .append("done", p.done())
              .append("error", p.error()));
    }
    return new Document("_id", replay.id())
        .append("state", replay.state().name())
        .append("startedBy", replay.startedBy())
        .append("startedAt", date(replay.startedAt()))
        .append("node", replay.node())
        .append("headPosition", replay.headPosition())
        .append("processors", processors)
        .append("notReplayed", replay.notReplayed())
        .append("eventsDone", replay.eventsDone())
        .append("eventsTotal", replay.eventsTotal())
        .append("rate", replay.rate())
        .append("estimatedTimeLeft", replay.estimatedTimeLeft())
        .append("heartbeatAt", date(replay.heartbeatAt()))
        .append("finishedAt", date(replay.finishedAt()))
        .append("failure", replay.failure());
  }

  static ProjectionReplay fromDocument(Document d) {
    List<ProcessorProgress> processors = new ArrayList<>();
    for (Document p : d.getList("processors", Document.class, List.of())) {
      processors.add(
          new ProcessorProgress(
              p.getString("name"),
              p.getString("segments"),
              number(p.get("eventsDone")),
              nullableNumber(p.get("eventsTotal")),
              ((Number) p.get("ratePerSecond")).doubleValue(),
              p.getString("estimatedTimeLeft"),
              p.getBoolean("replaying", false),
              p.getBoolean("done", false),
              p.getString("error")));
    }
    return new ProjectionReplay(
        d.getString("_id"),
        State.valueOf(d.getString("state")),
        d.getString("startedBy"),
        instant(d.getDate("startedAt")),
        d.getString("node"),
        nullableNumber(d.get("headPosition")),
        processors,
        d.getList("notReplayed", String.class, List.of()),
        number(d.get("eventsDone")),
        nullableNumber(d.get("eventsTotal")),
        ((Number) d.get("rate")).doubleValue(),
        d.getString("estimatedTimeLeft"),
        instant(d.getDate("heartbeatAt")),
        instant(d.getDate("finishedAt")),
        d.getString("failure"));
  }

  private static Date date(Instant instant) {
    return instant == null ? null : Date.from(instant);
  }

  private static Instant instant(Date date) {
    return date == null ? null : date.toInstant();
  }

  private static long number(Object value) {
    return ((Number) value).longValue();
  }

  private static Long nullableNumber(Object value) {
    return value == null ? null : ((Number) value).longValue();
  }
}
