package org.proofassist.hub.api.mongo.eventstore;

import static com.mongodb.client.model.Filters.eq;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import java.util.List;
import org.bson.Document;

/**
 * Keeps one database to one event storage engine. The first start records which engine it uses; a
 * later start with the other engine refuses to run instead of mixing or hiding events.
 */
public final class EventStoreGuard {

  public static final String METADATA = "hub_metadata";
  static final String KEY = "event-store";

  /** The collections each engine writes its events to. */
  public static final List<String> SEQUENCED_COLLECTIONS =
      List.of(SequencedMongoEventStorageEngine.COMMITS, SequencedMongoEventStorageEngine.SNAPSHOTS);

  public static final List<String> AXON_MONGO_COLLECTIONS =
      List.of("domainevents", "snapshotevents");

  private EventStoreGuard() {}

  /**
   * Records {@code engine} as this database's engine, or checks that it is the one recorded.
   *
   * @throws IllegalStateException when the data was written by the other engine
   */
  public static void claim(MongoDatabase database, String engine) {
    MongoCollection<Document> metadata = database.getCollection(METADATA);
    Document recorded = metadata.find(eq("_id", KEY)).first();
    if (recorded != null) {
      String owner = recorded.getString("engine");
      if (!engine.equals(owner)) {
        throw new IllegalStateException(refusal(database, engine, owner));
      }
      return;
    }
    List<String> foreign =
        "sequenced".equals(engine) ? AXON_MONGO_COLLECTIONS : SEQUENCED_COLLECTIONS;
    for (String collection : foreign) {
      if (database.getCollection(collection).countDocuments() > 0) {
        throw new IllegalStateException(
            refusal(database, engine, "sequenced".equals(engine) ? "axon-mongo" : "sequenced"));
      }
    }
    try {
      metadata.insertOne(new Document("_id", KEY).append("engine", engine));
    } catch (com.mongodb.MongoWriteException e) {
      if (e.getError().getCategory() != com.mongodb.ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // Another hub claimed the database at the same moment: check that it chose the same engine.
      claim(database, engine);
    }
  }

  private static String refusal(MongoDatabase database, String wanted, String owner) {
    return "The events in database '"
        + database.getName()
        + "' were written by the '"
        + owner
        + "' event store, but this hub is configured with hub.event-store="
        + wanted
        + ". Start it with hub.event-store="
        + owner
        + ", or point it at another database (hub.mongodb.database); events are never mixed.";
  }
}
