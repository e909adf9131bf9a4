package org.proofassist.hub.api.mongo.eventstore;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.gte;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoWriteException;
import com.mongodb.WriteConcern;
import com.mongodb.bulk.BulkWriteError;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReplaceOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.AxonConfigurationException;
import org.axonframework.eventhandling.DomainEventData;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.eventhandling.TrackedDomainEventData;
import org.axonframework.eventhandling.TrackedEventData;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventsourcing.eventstore.BatchingEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An Axon event storage engine on the MongoDB Java driver that stays fast at millions of events:
 * every hot-path read is by {@code _id} or by a single-field unique key, with equality or {@code
 * $in}, never a range scan or a sort.
 *
 * <h2>Layout</h2>
 *
 * <ul>
 *   <li>{@value #COMMITS}: <b>one document per commit</b> (the events one unit of work appended to
 *       one aggregate). A single-document insert is atomic on every MongoDB, with or without
 *       transactions, so a commit is stored whole or not at all. {@code _id} is the global position
 *       of its first event, allocated from an atomic counter; its events take the positions that
 *       follow. {@code stream} ({@code aggregateId/firstSequence}) and {@code streamEnd} ({@code
 *       aggregateId/lastSequence}) are single-field unique keys.
 *   <li>{@value #POSITIONS}: the counter ({@code findOneAndUpdate $inc}) and so the head position.
 *   <li>{@value #SNAPSHOTS}: the latest snapshot of each aggregate, {@code _id} = aggregate id.
 * </ul>
 *
 * <h2>Rules that follow from it</h2>
 *
 * <ul>
 *   <li><b>One winner per aggregate version.</b> Readers only ever see whole commits, so a writer
 *       always appends right after the end of a commit; two writers that loaded the same version
 *       both write {@code stream = id/version+1}, and the unique index lets exactly one of them in.
 *       The loser gets Axon's {@link ConcurrencyException}.
 *   <li><b>Loading an aggregate</b> asks for the commits that start at the next expected sequence
 *       numbers, a window at a time ({@code stream $in [id/n … id/n+w-1]}), and follows the chain.
 *   <li><b>Tracking</b> asks for the commits that start at the open gaps and at the next positions
 *       ({@code _id $in [...]}), with {@link GapAwareTrackingToken}: a position allocated but not
 *       yet written (a slower writer) stays a gap and is picked up when it lands, unless it stays
 *       empty for longer than the gap timeout (its writer died). Positions of a refused commit are
 *       marked void at once, so nobody waits for them.
 *   <li><b>Durability</b>: an append returns only after {@link Durability#awaitDurable()}, so a
 *       command is answered only once its events survive a crash.
 * </ul>
 *
 * <p>One unit of work that changes several aggregates is stored as one commit per aggregate; each
 * is atomic, the set is not (the hub's commands each change one aggregate).
 */
public class SequencedMongoEventStorageEngine extends BatchingEventStorageEngine {

  public static final String COMMITS = "event_commits";
  public static final String POSITIONS = "event_positions";
  public static final String SNAPSHOTS = "event_snapshots";
  static final String GLOBAL = "global";
  static final String VOID_PREFIX = "~void/";

  /** The most events one commit holds; also how far back a tracker looks when it opens. */
  public static final int MAX_COMMIT_EVENTS = 64;

  private static final Logger log = LoggerFactory.getLogger(SequencedMongoEventStorageEngine.class);

  private final MongoCollection<Document> commits;
  private final MongoCollection<Document> positions;
  private final MongoCollection<Document> snapshots;
  private final Durability durability;
  private final Clock clock;
  private final Duration gapTimeout;
  private final int maxGapOffset;
  private final int trackingWindow;
  private final int streamWindow;
  private final Map<Long, Instant> gapsFirstSeen = new ConcurrentHashMap<>();

  protected SequencedMongoEventStorageEngine(Builder builder) {
    super(builder);
    MongoDatabase database = builder.database;
    WriteConcern durable = WriteConcern.MAJORITY.withJournal(true);
    this.commits = database.getCollection(COMMITS).withWriteConcern(durable);
    this.positions = database.getCollection(POSITIONS).withWriteConcern(durable);
    this.snapshots = database.getCollection(SNAPSHOTS).withWriteConcern(durable);
    this.durability = builder.durability;
    this.clock = builder.clock;
    this.gapTimeout = builder.gapTimeout;
    this.maxGapOffset = builder.maxGapOffset;
    this.trackingWindow = builder.trackingWindow;
    this.streamWindow = builder.streamWindow;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Creates the unique keys the engine relies on. Safe to call on every start. */
  public void ensureIndexes() {
    commits.createIndex(Indexes.ascending("stream"), new IndexOptions().unique(true));
    commits.createIndex(Indexes.ascending("streamEnd"), new IndexOptions().unique(true));
    commits.createIndex(Indexes.ascending("storedAt"));
  }

  // ---------------------------------------------------------------------------------- append

  @Override
  protected void appendEvents(List<? extends EventMessage<?>> events, Serializer serializer) {
    if (events.isEmpty()) {
      return;
    }
    Map<String, List<EventMessage<?>>> byStream = new LinkedHashMap<>();
    for (EventMessage<?> event : events) {
      String stream =
          event instanceof DomainEventMessage<?> domain
              ? "A/" + domain.getAggregateIdentifier()
              : "E/" + event.getIdentifier();
      byStream.computeIfAbsent(stream, s -> new ArrayList<>()).add(event);
    }
    durability.requireHealthy();
    for (Map.Entry<String, List<EventMessage<?>>> commit : byStream.entrySet()) {
      if (commit.getValue().size() > MAX_COMMIT_EVENTS) {
        throw new EventStoreException(
            "one unit of work appended "
                + commit.getValue().size()
                + " events to one aggregate; at most "
                + MAX_COMMIT_EVENTS
                + " are stored as one commit");
      }
    }
    requireFollowTheirPredecessors(byStream.values());
    for (int attempt = 1; ; attempt++) {
      long first = allocate(events.size());
      Date storedAt = Date.from(clock.instant());
      List<Document> documents = new ArrayList<>(byStream.size());
      long position = first;
      for (List<EventMessage<?>> commit : byStream.values()) {
        documents.add(commitDocument(position, commit, serializer, storedAt));
        position += commit.size();
      }
      try {
        commits.insertMany(documents, new InsertManyOptions().ordered(true));
        break;
      } catch (MongoBulkWriteException e) {
        BulkWriteError error = e.getWriteErrors().isEmpty() ? null : e.getWriteErrors().get(0);
        int refused = error == null ? 0 : error.getIndex();
        voidPositions(documents.subList(refused, documents.size()), storedAt);
        if (error != null
            && ErrorCategory.fromErrorCode(error.getCode()) == ErrorCategory.DUPLICATE_KEY) {
          if (error.getMessage() != null
              && !error.getMessage().contains("stream")
              && attempt < 5
              && refused == 0) {
            // The positions were taken (a counter that lost an update): allocate new ones.
            log.warn("Positions from {} were already taken; allocating again", first);
            continue;
          }
          Document conflicting = documents.get(refused);
          throw new ConcurrencyException(
              "aggregate "
                  + conflicting.getString("aggregateId")
                  + " already has an event with sequence number "
                  + conflicting.get("firstSeq")
                  + ": it was changed concurrently",
              e);
        }
        throw new EventStoreException("the event store refused the commit", e);
      } catch (RuntimeException e) {
        voidPositions(documents, storedAt);
        throw new EventStoreException("the event store could not store the commit", e);
      }
    }
    durability.awaitDurable();
  }

  /**
   * Allocates {@code count} positions. Reads the counter as it was before the increment: the
   * increment itself is atomic everywhere, and the value before it is what this caller owns.
   */
  private long allocate(int count) {
    Document before =
        positions.findOneAndUpdate(
            eq("_id", GLOBAL),
            Updates.inc("next", (long) count),
            new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.BEFORE));
    return before == null ? 0 : ((Number) before.get("next")).longValue();
  }

  /**
   * Every commit must start right after the end of an existing commit of its aggregate (or at 0):
   * sequence numbers inside a stored commit are never stored twice. One {@code streamEnd $in} read
   * checks all commits of an append.
   */
  private void requireFollowTheirPredecessors(Collection<List<EventMessage<?>>> commitsToStore) {
    Map<String, DomainEventMessage<?>> predecessors = new LinkedHashMap<>();
    for (List<EventMessage<?>> commit : commitsToStore) {
      if (commit.get(0) instanceof DomainEventMessage<?> domain && domain.getSequenceNumber() > 0) {
        predecessors.put(
            streamKey(domain.getAggregateIdentifier(), domain.getSequenceNumber() - 1), domain);
      }
    }
    if (predecessors.isEmpty()) {
      return;
    }
    Set<String> stored = new HashSet<>();
    commits
        .find(in("streamEnd", predecessors.keySet()))
        .forEach(commit -> stored.add(commit.getString("streamEnd")));
    for (Map.Entry<String, DomainEventMessage<?>> expected : predecessors.entrySet()) {
      if (!stored.contains(expected.getKey())) {
        DomainEventMessage<?> head = expected.getValue();
        throw new ConcurrencyException(
            "aggregate "
                + head.getAggregateIdentifier()
                + " has no commit ending at sequence number "
                + (head.getSequenceNumber() - 1)
                + ": it was changed concurrently");
      }
    }
  }

  private Document commitDocument(
      long position, List<EventMessage<?>> events, Serializer serializer, Date storedAt) {
    List<Document> entries = new ArrayList<>(events.size());
    for (EventMessage<?> event : events) {
      SerializedObject<String> payload = event.serializePayload(serializer, String.class);
      SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
      Document entry =
          new Document("id", event.getIdentifier())
              .append("ts", event.getTimestamp().toString())
              .append("type", payload.getType().getName())
              .append("rev", payload.getType().getRevision())
              .append("payload", payload.getData())
              .append("meta", metaData.getData());
      if (event instanceof DomainEventMessage<?> domain) {
        entry.append("seq", domain.getSequenceNumber());
      }
      entries.add(entry);
    }
    Document document = new Document("_id", position);
    EventMessage<?> head = events.get(0);
    if (head instanceof DomainEventMessage<?> domain) {
      long firstSeq = domain.getSequenceNumber();
      long lastSeq = ((DomainEventMessage<?>) events.get(events.size() - 1)).getSequenceNumber();
      document
          .append("stream", streamKey(domain.getAggregateIdentifier(), firstSeq))
          .append("streamEnd", streamKey(domain.getAggregateIdentifier(), lastSeq))
          .append("aggregateId", domain.getAggregateIdentifier())
          .append("aggregateType", domain.getType())
          .append("firstSeq", firstSeq)
          .append("lastSeq", lastSeq);
    } else {
      document
          .append("stream", "~event/" + head.getIdentifier())
          .append("streamEnd", "~event-end/" + head.getIdentifier());
    }
    return document
        .append("count", events.size())
        .append("storedAt", storedAt)
        .append("events", entries);
  }

  /** Marks the positions of commits that will never be stored, so that no reader waits for them. */
  private void voidPositions(List<Document> unstored, Date storedAt) {
    if (unstored.isEmpty()) {
      return;
    }
    List<Document> voids = new ArrayList<>();
    for (Document commit : unstored) {
      long position = commit.getLong("_id");
      voids.add(
          new Document("_id", position)
              .append("stream", VOID_PREFIX + position)
              .append("streamEnd", VOID_PREFIX + "end/" + position)
              .append("count", commit.getInteger("count"))
              .append("storedAt", storedAt)
              .append("events", List.of()));
    }
    try {
      commits.insertMany(voids, new InsertManyOptions().ordered(false));
    } catch (RuntimeException e) {
      log.warn(
          "Could not mark {} refused positions void; trackers skip them after the gap timeout",
          voids.size(),
          e);
    }
  }

  static String streamKey(String aggregateId, long sequence) {
    return aggregateId + "/" + sequence;
  }

  // -------------------------------------------------------------------------- aggregate reads

  @Override
  protected Stream<? extends DomainEventData<?>> readEventData(
      String aggregateIdentifier, long firstSequenceNumber) {
    return fetchDomainEvents(aggregateIdentifier, firstSequenceNumber, Integer.MAX_VALUE).stream();
  }

  @Override
  protected List<? extends DomainEventData<?>> fetchDomainEvents(
      String aggregateIdentifier, long firstSequenceNumber, int batchSize) {
    List<DomainEventData<?>> events = new ArrayList<>();
    for (Document commit : chainFrom(aggregateIdentifier, firstSequenceNumber)) {
      for (Document entry : commit.getList("events", Document.class)) {
        long sequence = ((Number) entry.get("seq")).longValue();
        if (sequence >= firstSequenceNumber && events.size() < batchSize) {
          events.add(domainEntry(commit, entry));
        }
      }
    }
    return events;
  }

  @Override
  public Optional<Long> lastSequenceNumberFor(String aggregateIdentifier) {
    Optional<Long> snapshot =
        Optional.ofNullable(snapshots.find(eq("_id", aggregateIdentifier)).first())
            .map(s -> ((Number) s.get("seq")).longValue());
    List<Document> chain = chainFrom(aggregateIdentifier, snapshot.map(s -> s + 1).orElse(0L));
    if (chain.isEmpty()) {
      return snapshot;
    }
    return Optional.of(((Number) chain.get(chain.size() - 1).get("lastSeq")).longValue());
  }

  /**
   * The commits of an aggregate from the one holding {@code firstSequence} on, fetched by their
   * unique stream keys a window at a time.
   */
  private List<Document> chainFrom(String aggregateId, long firstSequence) {
    List<Document> chain = new ArrayList<>();
    long next = firstSequence;
    Map<Long, Document> window = startsIn(aggregateId, next);
    if (!window.containsKey(next) && next > 0) {
      // firstSequence may lie inside a commit: find the commit that ends at or after it.
      Optional<Document> holder = holderOf(aggregateId, next);
      if (holder.isEmpty()) {
        return chain;
      }
      next = ((Number) holder.get().get("firstSeq")).longValue();
      window = startsIn(aggregateId, next);
    }
    while (true) {
      long windowEnd = next + streamWindow;
      while (window.containsKey(next)) {
        Document commit = window.get(next);
        chain.add(commit);
        next = ((Number) commit.get("lastSeq")).longValue() + 1;
      }
      if (next < windowEnd) {
        return chain;
      }
      window = startsIn(aggregateId, next);
    }
  }

  private Map<Long, Document> startsIn(String aggregateId, long from) {
    List<String> keys = new ArrayList<>(streamWindow);
    for (long sequence = from; sequence < from + streamWindow; sequence++) {
      keys.add(streamKey(aggregateId, sequence));
    }
    Map<Long, Document> byFirst = new TreeMap<>();
    for (Document commit : commits.find(in("stream", keys))) {
      byFirst.put(((Number) commit.get("firstSeq")).longValue(), commit);
    }
    return byFirst;
  }

  private Optional<Document> holderOf(String aggregateId, long sequence) {
    List<String> keys = new ArrayList<>(streamWindow);
    for (long end = sequence; end < sequence + MAX_COMMIT_EVENTS; end++) {
      keys.add(streamKey(aggregateId, end));
    }
    Document best = null;
    for (Document commit : commits.find(in("streamEnd", keys))) {
      long first = ((Number) commit.get("firstSeq")).longValue();
      if (first <= sequence
          && (best == null || first > ((Number) best.get("firstSeq")).longValue())) {
        best = commit;
      }
    }
    return Optional.ofNullable(best);
  }

  // ------------------------------------------------------------------------------- snapshots

  @Override
  protected void storeSnapshot(DomainEventMessage<?> snapshot, Serializer serializer) {
    SerializedObject<String> payload = snapshot.serializePayload(serializer, String.class);
    SerializedObject<String> metaData = snapshot.serializeMetaData(serializer, String.class);
    Document document =
        new Document("_id", snapshot.getAggregateIdentifier())
            .append("aggregateType", snapshot.getType())
            .append("seq", snapshot.getSequenceNumber())
            .append("id", snapshot.getIdentifier())
            .append("ts", snapshot.getTimestamp().toString())
            .append("type", payload.getType().getName())
            .append("rev", payload.getType().getRevision())
            .append("payload", payload.getData())
            .append("meta", metaData.getData());
    try {
      snapshots.replaceOne(
          and(
              eq("_id", snapshot.getAggregateIdentifier()),
              lt("seq", snapshot.getSequenceNumber())),
          document,
          new ReplaceOptions().upsert(true));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      log.debug(
          "A newer snapshot of {} is already stored; keeping it",
          snapshot.getAggregateIdentifier());
    }
  }

  @Override
  protected Stream<? extends DomainEventData<?>> readSnapshotData(String aggregateIdentifier) {
    Document snapshot = snapshots.find(eq("_id", aggregateIdentifier)).first();
    if (snapshot == null) {
      return Stream.empty();
    }
    return Stream.of(
        new GenericDomainEventEntry<>(
            snapshot.getString("aggregateType"),
            aggregateIdentifier,
            ((Number) snapshot.get("seq")).longValue(),
            snapshot.getString("id"),
            snapshot.getString("ts"),
            snapshot.getString("type"),
            snapshot.getString("rev"),
            snapshot.getString("payload"),
            snapshot.getString("meta")));
  }

  // -------------------------------------------------------------------------------- tracking

  /**
   * Tracks from {@code trackingToken}. The first read of a stream also looks back over the
   * positions before the token, because a processor may have stopped inside a commit; later reads
   * continue from the end of the commits already returned.
   */
  @Override
  protected Stream<? extends TrackedEventData<?>> readEventData(
      TrackingToken trackingToken, boolean mayBlock) {
    java.util.Iterator<TrackedEventData<?>> events =
        new java.util.Iterator<>() {
          private List<? extends TrackedEventData<?>> batch = List.of();
          private int next;
          private TrackingToken last = trackingToken;
          private boolean opening = true;
          private boolean exhausted;

          @Override
          public boolean hasNext() {
            while (next >= batch.size()) {
              if (exhausted) {
                return false;
              }
              batch = fetch(last, batchSize(), opening);
              opening = false;
              next = 0;
              if (batch.isEmpty()) {
                exhausted = true;
                return false;
              }
              last = batch.get(batch.size() - 1).trackingToken();
            }
            return true;
          }

          @Override
          public TrackedEventData<?> next() {
            if (!hasNext()) {
              throw new java.util.NoSuchElementException();
            }
            return batch.get(next++);
          }
        };
    return java.util.stream.StreamSupport.stream(
        java.util.Spliterators.spliteratorUnknownSize(events, java.util.Spliterator.ORDERED),
        false);
  }

  @Override
  protected List<? extends TrackedEventData<?>> fetchTrackedEvents(
      TrackingToken lastToken, int batchSize) {
    return fetch(lastToken, batchSize, true);
  }

  private List<? extends TrackedEventData<?>> fetch(
      TrackingToken lastToken, int batchSize, boolean lookBack) {
    if (lastToken != null && !(lastToken instanceof GapAwareTrackingToken)) {
      throw new IllegalArgumentException(
          "this event store tracks with GapAwareTrackingToken, not " + lastToken.getClass());
    }
    GapAwareTrackingToken previous =
        lastToken == null
            ? GapAwareTrackingToken.newInstance(-1, Set.of())
            : (GapAwareTrackingToken) lastToken;
    long index = previous.getIndex();
    SortedSet<Long> liveGaps = liveGaps(previous.getGaps(), clock.instant());

    Set<Long> ids = new HashSet<>(previous.getGaps());
    LongStream.rangeClosed(index + 1, index + trackingWindow).forEach(ids::add);
    if (lookBack && index >= 0) {
      LongStream.rangeClosed(Math.max(0, index - MAX_COMMIT_EVENTS + 1), index).forEach(ids::add);
    }
    TreeMap<Long, Document> found = new TreeMap<>();
    commits.find(in("_id", ids)).forEach(commit -> found.put(commit.getLong("_id"), commit));

    long head = -2;
    long scanFrom = index + trackingWindow + 1;
    for (int scans = 0; !hasEventsAbove(found, index) && scans < 1000; scans++) {
      // Only empty or void positions so far: look further ahead, up to the head position.
      if (head == -2) {
        head = head();
      }
      if (scanFrom > head) {
        break;
      }
      List<Long> ahead = LongStream.range(scanFrom, scanFrom + trackingWindow).boxed().toList();
      commits.find(in("_id", ahead)).forEach(commit -> found.put(commit.getLong("_id"), commit));
      scanFrom += trackingWindow;
    }

    Set<Long> voided = new HashSet<>();
    Set<Long> landed = new HashSet<>();
    for (Document commit : found.values()) {
      long start = commit.getLong("_id");
      Set<Long> covered = commit.getList("events", Document.class).isEmpty() ? voided : landed;
      LongStream.range(start, start + commit.getInteger("count")).forEach(covered::add);
    }
    SortedSet<Long> startGaps = new TreeSet<>();
    for (Long gap : previous.getGaps()) {
      // A gap whose commit has landed is kept even past the timeout: it is delivered now.
      if (!voided.contains(gap) && (liveGaps.contains(gap) || landed.contains(gap))) {
        startGaps.add(gap);
      }
    }
    GapAwareTrackingToken token = GapAwareTrackingToken.newInstance(index, startGaps);

    List<TrackedEventData<?>> result = new ArrayList<>();
    for (Document commit : found.values()) {
      long start = commit.getLong("_id");
      List<Document> entries = commit.getList("events", Document.class);
      for (int i = 0; i < entries.size(); i++) {
        long position = start + i;
        if (position <= token.getIndex() && !token.getGaps().contains(position)) {
          continue; // delivered before (or given up on)
        }
        token = token.advanceTo(position, maxGapOffset);
        if (!voided.isEmpty() && !java.util.Collections.disjoint(token.getGaps(), voided)) {
          SortedSet<Long> gaps = new TreeSet<>(token.getGaps());
          gaps.removeAll(voided);
          token = GapAwareTrackingToken.newInstance(token.getIndex(), gaps);
        }
        result.add(new TrackedDomainEventData<>(token, domainEntry(commit, entries.get(i))));
      }
    }
    forgetClosedGaps(token);
    return result;
  }

  private static boolean hasEventsAbove(TreeMap<Long, Document> found, long index) {
    return found.tailMap(index, false).values().stream()
        .anyMatch(commit -> !commit.getList("events", Document.class).isEmpty());
  }

  /** The gaps still worth waiting for: the ones first seen less than the gap timeout ago. */
  private SortedSet<Long> liveGaps(Collection<Long> gaps, Instant now) {
    SortedSet<Long> live = new TreeSet<>();
    for (Long gap : gaps) {
      Instant firstSeen = gapsFirstSeen.computeIfAbsent(gap, g -> now);
      if (Duration.between(firstSeen, now).compareTo(gapTimeout) < 0) {
        live.add(gap);
      } else {
        log.debug("Position {} stayed empty for {}: its writer is taken for dead", gap, gapTimeout);
      }
    }
    return live;
  }

  private void forgetClosedGaps(GapAwareTrackingToken token) {
    long lowest = token.getGaps().isEmpty() ? token.getIndex() : token.getGaps().first();
    gapsFirstSeen.keySet().removeIf(gap -> gap < lowest - maxGapOffset);
  }

  private long head() {
    Document counter = positions.find(eq("_id", GLOBAL)).first();
    return counter == null ? -1 : ((Number) counter.get("next")).longValue() - 1;
  }

  @Override
  public TrackingToken createTailToken() {
    return null;
  }

  @Override
  public TrackingToken createHeadToken() {
    return GapAwareTrackingToken.newInstance(head(), Set.of());
  }

  /**
   * The token just before the first commit stored at or after {@code dateTime} (not a hot path).
   */
  @Override
  public TrackingToken createTokenAt(Instant dateTime) {
    Document first =
        commits
            .find(gte("storedAt", Date.from(dateTime)))
            .sort(Sorts.ascending("_id"))
            .limit(1)
            .first();
    return first == null
        ? createHeadToken()
        : GapAwareTrackingToken.newInstance(first.getLong("_id") - 1, Set.of());
  }

  private static DomainEventData<String> domainEntry(Document commit, Document entry) {
    boolean domain = commit.containsKey("aggregateId");
    return new GenericDomainEventEntry<>(
        domain ? commit.getString("aggregateType") : null,
        domain ? commit.getString("aggregateId") : entry.getString("id"),
        domain ? ((Number) entry.get("seq")).longValue() : 0L,
        entry.getString("id"),
        entry.getString("ts"),
        entry.getString("type"),
        entry.getString("rev"),
        entry.getString("payload"),
        entry.getString("meta"));
  }

  /** Builds the engine; the database and the serializers are required. */
  public static class Builder extends BatchingEventStorageEngine.Builder {

    private MongoDatabase database;
    private Durability durability = Durability.BY_WRITE_CONCERN;
    private Clock clock = Clock.systemUTC();
    private Duration gapTimeout = Duration.ofSeconds(60);
    private int maxGapOffset = 10_000;
    private int trackingWindow = 100;
    private int streamWindow = 16;

    public Builder database(MongoDatabase database) {
      this.database = database;
      return this;
    }

    public Builder durability(Durability durability) {
      this.durability = Objects.requireNonNull(durability);
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock);
      return this;
    }

    /** How long a position allocated but never written is waited for before trackers skip it. */
    public Builder gapTimeout(Duration gapTimeout) {
      this.gapTimeout = Objects.requireNonNull(gapTimeout);
      return this;
    }

    /** How far below the newest position a gap is still tracked. */
    public Builder maxGapOffset(int maxGapOffset) {
      this.maxGapOffset = maxGapOffset;
      return this;
    }

    /** How many positions one tracking read asks for. */
    public Builder trackingWindow(int trackingWindow) {
      this.trackingWindow = trackingWindow;
      return this;
    }

    /** How many stream keys one aggregate read asks for. */
    public Builder streamWindow(int streamWindow) {
      this.streamWindow = streamWindow;
      return this;
    }

    @Override
    public Builder eventSerializer(Serializer eventSerializer) {
      super.eventSerializer(eventSerializer);
      return this;
    }

    @Override
    public Builder snapshotSerializer(Serializer snapshotSerializer) {
      super.snapshotSerializer(snapshotSerializer);
      return this;
    }

    @Override
    public Builder batchSize(int batchSize) {
      super.batchSize(batchSize);
      return this;
    }

    @Override
    public Builder upcasterChain(EventUpcaster upcasterChain) {
      super.upcasterChain(upcasterChain);
      return this;
    }

    @Override
    protected void validate() throws AxonConfigurationException {
      super.validate();
      if (database == null) {
        throw new AxonConfigurationException("the event store needs a MongoDatabase");
      }
      if (trackingWindow < 1 || streamWindow < 1 || maxGapOffset < 1) {
        throw new AxonConfigurationException("windows and the gap offset must be positive");
      }
    }

    public SequencedMongoEventStorageEngine build() {
      return new SequencedMongoEventStorageEngine(this);
    }
  }
}
