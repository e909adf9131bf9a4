package org.proofassist.hub.api.audit.chain;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.bson.Document;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;

/**
 * Walks {@code event_commits} in global position order by key only: commits are fetched a window at
 * a time with {@code _id $in [p … p+window-1]}, the one query shape that is fast on the embedded
 * server and on MongoDB alike, however large the store. Holds at most one window in memory.
 */
final class CommitWalk {

  /** How far back a commit holding a position can start. */
  static final int LOOK_BACK = SequencedMongoEventStorageEngine.MAX_COMMIT_EVENTS - 1;

  private final MongoCollection<Document> commits;
  private final int window;
  private final TreeMap<Long, Document> fetched = new TreeMap<>();
  private long horizon = Long.MAX_VALUE;

  CommitWalk(MongoCollection<Document> commits, int window) {
    this.commits = commits;
    this.window = window;
  }

  /**
   * Positions from {@code end} on are not asked for: nothing can be stored beyond the positions
   * allocated so far (the writer), or beyond what the chain covers (the verifier).
   */
  void horizon(long end) {
    this.horizon = end;
  }

  /** What the event store holds at a position. */
  sealed interface Found {

    /** The position after this one. */
    long next();
  }

  /** One stored event. */
  record EventAt(CanonicalEvent event) implements Found {
    @Override
    public long next() {
      return event.position() + 1;
    }
  }

  /** Positions voided by the event store: {@code count} of them from {@code position}. */
  record VoidAt(long position, int count) implements Found {
    @Override
    public long next() {
      return position + count;
    }
  }

  /**
   * A commit document the engine could not have written: its events do not fill the positions it
   * declares. Nothing in it can be chained honestly.
   */
  record Malformed(long position, int count, String reason) implements Found {
    @Override
    public long next() {
      return position + count;
    }
  }

  /**
   * What the store holds at {@code position}, or empty when no commit covers it (not written yet,
   * or beyond the head).
   *
   * @param mayStartEarlier see {@link #covering}
   */
  Optional<Found> at(long position, boolean mayStartEarlier) {
    Optional<Document> covering = covering(position, mayStartEarlier);
    if (covering.isEmpty()) {
      return Optional.empty();
    }
    Document commit = covering.get();
    long start = start(commit);
    int rest = (int) (start + count(commit) - position);
    List<Document> events = events(commit);
    if (events.isEmpty()) {
      return Optional.of(new VoidAt(position, rest));
    }
    Object declared = commit.get("count");
    if (!(declared instanceof Number number) || number.intValue() != events.size()) {
      return Optional.of(
          new Malformed(
              position,
              rest,
              "the commit at position "
                  + start
                  + " holds "
                  + events.size()
                  + " events but declares "
                  + declared
                  + " positions"));
    }
    int offset = (int) (position - start);
    return Optional.of(new EventAt(CanonicalEvent.of(commit, events.get(offset), position)));
  }

  /**
   * The stored commit (or void document) that covers {@code position}, read afresh from the store
   * unless the window last fetched already holds it.
   *
   * @param mayStartEarlier whether the commit may start before {@code position} and not be in the
   *     last window (a walk resumed in the middle of a commit)
   */
  Optional<Document> covering(long position, boolean mayStartEarlier) {
    Optional<Document> known = fetchedCovering(position);
    if (known.isPresent()) {
      return known;
    }
    fetch(mayStartEarlier ? Math.max(0, position - LOOK_BACK) : position, position + window);
    return fetchedCovering(position);
  }

  /**
   * Whether the last fetched window shows {@code position} empty: no commit covers it. Only
   * meaningful for positions inside the last window.
   */
  boolean emptyInLastWindow(long position) {
    return fetchedCovering(position).isEmpty();
  }

  /** The first position of a stored commit document. */
  static long start(Document commit) {
    return ((Number) commit.get("_id")).longValue();
  }

  /** How many positions a stored commit document covers (at least 1). */
  static int count(Document commit) {
    Object count = commit.get("count");
    int declared = count instanceof Number number ? number.intValue() : 0;
    return Math.max(1, declared);
  }

  /** The events of a stored commit document; empty for a void document. */
  static List<Document> events(Document commit) {
    Object events = commit.get("events");
    if (!(events instanceof List<?> list)) {
      return List.of();
    }
    return list.stream().map(e -> e instanceof Document d ? d : new Document()).toList();
  }

  private Optional<Document> fetchedCovering(long position) {
    Map.Entry<Long, Document> floor = fetched.floorEntry(position);
    if (floor != null && floor.getKey() + count(floor.getValue()) > position) {
      return Optional.of(floor.getValue());
    }
    return Optional.empty();
  }

  private void fetch(long from, long to) {
    fetched.clear();
    List<Long> ids = LongStream.range(from, Math.max(from, Math.min(to, horizon))).boxed().toList();
    if (ids.isEmpty()) {
      return;
    }
    for (Document commit : commits.find(in("_id", ids))) {
      if (commit.get("_id") instanceof Number) {
        fetched.put(start(commit), commit);
      }
    }
  }
}
