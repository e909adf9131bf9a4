package org.proofassist.hub.api.audit.chain;

import static com.mongodb.client.model.Filters.and;
import static com.mongodb.client.model.Filters.eq;
import static com.mongodb.client.model.Filters.exists;
import static com.mongodb.client.model.Filters.gt;
import static com.mongodb.client.model.Filters.in;
import static com.mongodb.client.model.Filters.lt;
import static com.mongodb.client.model.Filters.or;

import com.mongodb.ErrorCategory;
import com.mongodb.MongoBulkWriteException;
import com.mongodb.MongoCommandException;
import com.mongodb.MongoWriteException;
import com.mongodb.ReadConcern;
import com.mongodb.WriteConcern;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.IndexOptions;
import com.mongodb.client.model.Indexes;
import com.mongodb.client.model.InsertManyOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.UpdateOptions;
import com.mongodb.client.model.Updates;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.LongStream;
import org.bson.Document;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;

/**
 * Where the audit chain is kept, next to the event store in the same database:
 *
 * <ul>
 *   <li>{@value #ENTRIES}: one document per entry, {@code _id} = index; {@code position} is a
 *       single-field unique key, so an event can never be chained twice;
 *   <li>{@value #CHECKPOINTS}: the signed checkpoints, {@code _id} = the chain size they cover;
 *   <li>{@value #STATE}: {@code head} (where the chain ended at the last write, a hint that makes
 *       finding the head a key lookup) and {@code writer} (the lease that lets one node write).
 * </ul>
 *
 * Every read on a path that grows with the store is by key ({@code _id} or {@code position},
 * equality or {@code $in}).
 */
final class AuditChainStore {

  static final String ENTRIES = "audit_chain";
  static final String CHECKPOINTS = "audit_checkpoints";
  static final String STATE = "audit_state";
  static final String HEAD = "head";
  static final String WRITER = "writer";

  private final MongoCollection<Document> entries;
  private final MongoCollection<Document> checkpoints;
  private final MongoCollection<Document> state;
  private final MongoCollection<Document> commits;
  private final MongoCollection<Document> positions;

  AuditChainStore(MongoDatabase database) {
    WriteConcern durable = WriteConcern.MAJORITY.withJournal(true);
    this.entries = database.getCollection(ENTRIES).withWriteConcern(durable);
    this.checkpoints = database.getCollection(CHECKPOINTS).withWriteConcern(durable);
    this.state = database.getCollection(STATE).withWriteConcern(durable);
    this.commits =
        database
            .getCollection(SequencedMongoEventStorageEngine.COMMITS)
            .withWriteConcern(durable)
            // Only what a majority holds: nothing a failover could take back is chained.
            .withReadConcern(ReadConcern.MAJORITY);
    this.positions = database.getCollection(SequencedMongoEventStorageEngine.POSITIONS);
  }

  /** Creates the unique key on {@code position}. Safe to call on every start. */
  void ensureIndexes() {
    entries.createIndex(Indexes.ascending("position"), new IndexOptions().unique(true));
  }

  /** The event store's commits, read by the chain's writer, verifier and export. */
  MongoCollection<Document> commits() {
    return commits;
  }

  /** The highest global position allocated so far, or -1. */
  long eventStoreHead() {
    Document counter = positions.find(eq("_id", "global")).first();
    return counter == null ? -1 : ((Number) counter.get("next")).longValue() - 1;
  }

  // ------------------------------------------------------------------------------ entries

  /**
   * Where the chain ends: the size recorded at the last write, then the entries stored after it (a
   * write whose head update a crash cut short), probed by {@code _id}.
   */
  ChainHead head(int window) {
    Document recorded = state.find(eq("_id", HEAD)).first();
    long size = recorded != null && recorded.get("size") instanceof Number n ? n.longValue() : 0;
    ChainEntry last = size > 0 ? entry(size - 1).orElse(null) : null;
    if (size > 0 && last == null) {
      // The recorded head is not there (entries removed): find the end from the start.
      size = 0;
    }
    while (true) {
      Map<Long, ChainEntry> next = entries(size, size + window);
      long before = size;
      while (next.containsKey(size)) {
        last = next.get(size);
        size++;
      }
      if (size < before + window) {
        break;
      }
    }
    return last == null
        ? ChainHead.EMPTY
        : new ChainHead(size, last.entryHash(), last.nextPosition(), last);
  }

  /** The entries with indexes from {@code from} (inclusive) to {@code to}, by index. */
  Map<Long, ChainEntry> entries(long from, long to) {
    Map<Long, ChainEntry> found = new TreeMap<>();
    List<Long> ids = LongStream.range(Math.max(0, from), to).boxed().toList();
    for (Document document : entries.find(in("_id", ids))) {
      if (document.get("_id") instanceof Number index) {
        found.put(index.longValue(), ChainEntry.fromDocument(document));
      }
    }
    return found;
  }

  Optional<ChainEntry> entry(long index) {
    return Optional.ofNullable(entries.find(eq("_id", index)).first())
        .map(ChainEntry::fromDocument);
  }

  /** The entries that chain the events at the given positions, by position. */
  Map<Long, ChainEntry> entriesAt(Collection<Long> eventPositions) {
    Map<Long, ChainEntry> found = new HashMap<>();
    for (Document document : entries.find(in("position", List.copyOf(eventPositions)))) {
      ChainEntry entry = ChainEntry.fromDocument(document);
      found.put(entry.position(), entry);
    }
    return found;
  }

  /**
   * Appends entries (in index order) and records the new head.
   *
   * @throws ChainConflictException when an index or a position is chained already: another writer
   *     got there first
   */
  void append(List<ChainEntry> chained, Instant now) {
    if (chained.isEmpty()) {
      return;
    }
    Date at = Date.from(now);
    List<Document> documents = new ArrayList<>(chained.size());
    chained.forEach(entry -> documents.add(entry.toDocument(at)));
    try {
      entries.insertMany(documents, new InsertManyOptions().ordered(true));
    } catch (MongoBulkWriteException e) {
      if (e.getWriteErrors().stream()
          .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
        throw new ChainConflictException(
            "entries from index " + chained.get(0).index() + " are chained already", e);
      }
      throw e;
    }
    ChainEntry last = chained.get(chained.size() - 1);
    try {
      state.updateOne(
          and(eq("_id", HEAD), lt("size", last.index() + 1)),
          Updates.combine(
              Updates.set("size", last.index() + 1),
              Updates.set("entryHash", last.entryHash()),
              Updates.set("updatedAt", at)),
          new UpdateOptions().upsert(true));
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // A longer head is recorded already (another writer): the hint stays as it is.
    }
  }

  // -------------------------------------------------------------------------- event store

  /**
   * Gives up positions that stayed empty past the gap timeout: each gets a void document of its own
   * in {@code event_commits}, as the engine writes for a refused commit. A writer that comes back
   * later is refused on {@code _id} and the engine allocates new positions for it, so no event can
   * ever appear at a position the chain skipped.
   *
   * @return how many positions were voided (a position whose commit landed meanwhile is not)
   */
  int voidPositions(List<Long> empty, Instant now) {
    List<Document> voids = new ArrayList<>(empty.size());
    Date at = Date.from(now);
    for (long position : empty) {
      voids.add(
          new Document("_id", position)
              .append("stream", "~void/" + position)
              .append("streamEnd", "~void/end/" + position)
              .append("count", 1)
              .append("storedAt", at)
              .append("voidedBy", "audit-chain")
              .append("events", List.of()));
    }
    try {
      commits.insertMany(voids, new InsertManyOptions().ordered(false));
      return voids.size();
    } catch (MongoBulkWriteException e) {
      if (e.getWriteErrors().stream()
          .allMatch(w -> ErrorCategory.fromErrorCode(w.getCode()) == ErrorCategory.DUPLICATE_KEY)) {
        return voids.size() - e.getWriteErrors().size();
      }
      throw e;
    }
  }

  // --------------------------------------------------------------------------- checkpoints

  /** Stores a checkpoint; false when one of that size is stored already. */
  boolean store(Checkpoint checkpoint) {
    try {
      checkpoints.insertOne(checkpoint.toDocument());
      return true;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return false;
      }
      throw e;
    }
  }

  /** The checkpoint of the longest chain (a scan of the small checkpoint collection). */
  Optional<StoredCheckpoint> latestCheckpoint() {
    return Optional.ofNullable(checkpoints.find().sort(Sorts.descending("_id")).limit(1).first())
        .map(StoredCheckpoint::of);
  }

  /** The first checkpoint that covers the entry {@code index}: the shortest of size > index. */
  Optional<StoredCheckpoint> checkpointCovering(long index) {
    return Optional.ofNullable(
            checkpoints.find(gt("_id", index)).sort(Sorts.ascending("_id")).limit(1).first())
        .map(StoredCheckpoint::of);
  }

  /** Up to {@code limit} checkpoints of size greater than {@code size}, shortest first. */
  List<StoredCheckpoint> checkpointsAfter(long size, int limit) {
    List<StoredCheckpoint> found = new ArrayList<>();
    checkpoints
        .find(gt("_id", size))
        .sort(Sorts.ascending("_id"))
        .limit(limit)
        .forEach(document -> found.add(StoredCheckpoint.of(document)));
    return found;
  }

  // --------------------------------------------------------------------------------- lease

  /**
   * Takes or renews the writer's lease for {@code node} until {@code now + duration}.
   *
   * @return the lease document when this node holds the lease, empty when another node does
   */
  Optional<Document> lease(String node, Instant now, Duration duration) {
    try {
      return Optional.ofNullable(
          state.findOneAndUpdate(
              and(
                  eq("_id", WRITER),
                  or(eq("owner", node), lt("until", Date.from(now)), exists("until", false))),
              Updates.combine(
                  Updates.set("owner", node),
                  Updates.set("until", Date.from(now.plus(duration))),
                  Updates.set("renewedAt", Date.from(now))),
              new FindOneAndUpdateOptions().upsert(true).returnDocument(ReturnDocument.AFTER)));
    } catch (MongoCommandException e) {
      if (ErrorCategory.fromErrorCode(e.getErrorCode()) == ErrorCategory.DUPLICATE_KEY) {
        return Optional.empty();
      }
      throw e;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() == ErrorCategory.DUPLICATE_KEY) {
        return Optional.empty();
      }
      throw e;
    }
  }

  /** Gives the lease up, so that another node can take over at once. */
  void releaseLease(String node, Instant now) {
    state.updateOne(
        and(eq("_id", WRITER), eq("owner", node)), Updates.set("until", Date.from(now)));
  }

  /** Who holds the writer's lease and until when, if anybody ever did. */
  Optional<Document> leaseHolder() {
    return Optional.ofNullable(state.find(eq("_id", WRITER)).first());
  }

  /**
   * Asks the writer, on whichever node holds the lease, to sign a checkpoint covering entry {@code
   * index} at its next renewal.
   */
  void requestCheckpoint(long index) {
    state.updateOne(eq("_id", WRITER), Updates.max("checkpointWanted", index));
  }

  /** Where the chain ends. */
  record ChainHead(long size, String entryHash, long nextPosition, ChainEntry last) {
    static final ChainHead EMPTY = new ChainHead(0, ChainHashes.GENESIS, 0, null);
  }

  /** A stored checkpoint: its size (the key) and its signature. */
  record StoredCheckpoint(long chainSize, String jws) {
    static StoredCheckpoint of(Document document) {
      Object jws = document.get("jws");
      return new StoredCheckpoint(
          ((Number) document.get("_id")).longValue(), jws instanceof String s ? s : "");
    }
  }

  /** Another writer chained the same entries first. */
  static final class ChainConflictException extends RuntimeException {
    ChainConflictException(String message, Throwable cause) {
      super(message, cause);
    }
  }
}
