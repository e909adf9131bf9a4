package org.proofassist.hub.projections.batch;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.mongodb.client.model.Filters;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.bson.Document;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.mongodb.core.BulkOperations;
import org.springframework.data.mongodb.core.BulkOperations.BulkMode;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Pending writes to a collection of one document per request, each guarded by the sequence number
 * of the event that makes it ({@code version}): a change is made only when the document exists and
 * reflects an earlier event, so an event handled again (after a crash between the writes and the
 * processor's token) changes nothing.
 *
 * <p>{@link #flush} reads the touched documents' versions in one {@code _id $in} query, decides
 * every guard in memory, in the order of the events, and writes in one ordered bulk: the new
 * documents first, then the changes. Reading by {@code _id} and comparing here, rather than
 * filtering on {@code _id} and {@code version}, is what the embedded server serves from its index
 * (a filter on another field scans the collection there). Axon hands the events of one request to
 * one thread in order, so nothing writes these documents between the read and the bulk.
 *
 * <p>After the bulk, {@code afterwards} receives every touched id, changed or not, so that what a
 * projection derives from its documents is derived again also when the events were handled before.
 */
public final class VersionedWrites implements ProjectionBatch.PendingWrites {

  private static final Logger log = LoggerFactory.getLogger(VersionedWrites.class);

  /** How many ids one {@code $in} read names. */
  private static final int IDS_PER_READ = 500;

  private sealed interface Write permits Insert, Change {
    long version();
  }

  private record Insert(long version, Object document) implements Write {}

  private record Change(long version, Update update) implements Write {}

  private final MongoTemplate mongo;
  private final String collection;
  private final Consumer<Set<String>> afterwards;
  private final Map<String, List<Write>> writes = new LinkedHashMap<>();

  /**
   * @param afterwards given the touched ids once the writes are made
   */
  public VersionedWrites(MongoTemplate mongo, String collection, Consumer<Set<String>> afterwards) {
    this.mongo = mongo;
    this.collection = collection;
    this.afterwards = afterwards;
  }

  public VersionedWrites(MongoTemplate mongo, String collection) {
    this(mongo, collection, ids -> {});
  }

  /** Adds the first document of a request, made by the event with {@code version}. */
  public void insert(String id, long version, Object document) {
    writes.computeIfAbsent(id, key -> new ArrayList<>()).add(new Insert(version, document));
  }

  /**
   * Adds a change of a request's document by the event with {@code version}; {@code version} is set
   * by the write.
   */
  public void update(String id, long version, Update update) {
    writes.computeIfAbsent(id, key -> new ArrayList<>()).add(new Change(version, update));
  }

  @Override
  public void flush() {
    if (writes.isEmpty()) {
      return;
    }
    Map<String, Long> versions = versions(writes.keySet());
    List<Object> inserts = new ArrayList<>();
    List<Map.Entry<String, Update>> changes = new ArrayList<>();
    writes.forEach(
        (id, ofRequest) -> {
          Long current = versions.get(id);
          for (Write write : ofRequest) {
            if (write instanceof Insert insert) {
              if (current == null) {
                inserts.add(insert.document());
                current = insert.version();
              }
            } else if (current == null) {
              log.warn(
                  "A change of {} in {} (event {}) is ignored: its first event was never seen",
                  id,
                  collection,
                  write.version());
            } else if (current < write.version()) {
              Change change = (Change) write;
              changes.add(Map.entry(id, change.update().set("version", change.version())));
              current = change.version();
            }
          }
        });
    if (!inserts.isEmpty() || !changes.isEmpty()) {
      BulkOperations bulk = mongo.bulkOps(BulkMode.ORDERED, collection);
      if (!inserts.isEmpty()) {
        bulk.insert(inserts);
      }
      changes.forEach(
          change -> bulk.updateOne(query(where("_id").is(change.getKey())), change.getValue()));
      bulk.execute();
    }
    Set<String> touched = new LinkedHashSet<>(writes.keySet());
    writes.clear();
    afterwards.accept(touched);
  }

  private Map<String, Long> versions(Set<String> ids) {
    Map<String, Long> versions = new HashMap<>();
    List<String> all = new ArrayList<>(ids);
    for (int start = 0; start < all.size(); start += IDS_PER_READ) {
      for (Document document :
          mongo
              .getCollection(collection)
              .find(
                  Filters.in("_id", all.subList(start, Math.min(start + IDS_PER_READ, all.size()))))
              .projection(Projections.include("version"))) {
        versions.put(document.getString("_id"), ((Number) document.get("version")).longValue());
      }
    }
    return versions;
  }
}
