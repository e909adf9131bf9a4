package org.proofassist.hub.api.bench;

import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.proofassist.hub.api.mongo.eventstore.Durability;
import org.proofassist.hub.api.mongo.eventstore.GroupCommit;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;

/**
 * One engine under test, wired as {@code AxonConfiguration} wires it, on one benchmark server.
 *
 * @param kind which engine
 * @param engine the engine
 * @param collection the collection its events are stored in
 * @param durability what an append waits for before it returns
 * @param groupCommit the group commit, if the engine has one
 */
record BenchEngine(
    Kind kind,
    EventStorageEngine engine,
    String collection,
    String durability,
    GroupCommit groupCommit)
    implements AutoCloseable {

  /** The engines the hub can use ({@code hub.event-store}). */
  enum Kind {
    SEQUENCED("sequenced"),
    AXON_MONGO("axon-mongo");

    final String label;

    Kind(String label) {
      this.label = label;
    }

    static Kind of(String label) {
      for (Kind kind : values()) {
        if (kind.label.equals(label)) {
          return kind;
        }
      }
      throw new IllegalArgumentException(
          "unknown engine '" + label + "': use sequenced or axon-mongo");
    }
  }

  /** The serializer of the hub's events (axon.serializer.events=jackson). */
  static Serializer serializer() {
    return JacksonSerializer.defaultSerializer();
  }

  static BenchEngine create(Kind kind, BenchServer server) {
    Serializer serializer = serializer();
    if (kind == Kind.AXON_MONGO) {
      MongoEventStorageEngine engine =
          MongoEventStorageEngine.builder()
              .mongoTemplate(
                  DefaultMongoTemplate.builder()
                      .mongoDatabase(server.client(), BenchServer.DATABASE)
                      .build())
              .eventSerializer(serializer)
              .snapshotSerializer(serializer)
              .build();
      return new BenchEngine(
          kind,
          engine,
          "domainevents",
          server.kind().onDisk
              ? "none: acknowledged write only (H2 writes to disk by itself about once a second)"
              : "none (memory backend)",
          null);
    }
    GroupCommit groupCommit = server.kind().onDisk ? new GroupCommit(server::commit) : null;
    SequencedMongoEventStorageEngine engine =
        sequenced(server, groupCommit == null ? Durability.BY_WRITE_CONCERN : groupCommit);
    return new BenchEngine(
        kind,
        engine,
        SequencedMongoEventStorageEngine.COMMITS,
        groupCommit != null
            ? "group commit: H2Backend.commit() before each append returns"
            : "none needed (memory backend; on a real MongoDB: w:majority, j:true)",
        groupCommit);
  }

  /** A second sequenced engine on the same store that does not wait for the disk. */
  static SequencedMongoEventStorageEngine sequencedWithoutDurability(BenchServer server) {
    return sequenced(server, Durability.BY_WRITE_CONCERN);
  }

  private static SequencedMongoEventStorageEngine sequenced(
      BenchServer server, Durability durability) {
    Serializer serializer = serializer();
    SequencedMongoEventStorageEngine engine =
        SequencedMongoEventStorageEngine.builder()
            .database(server.database())
            .durability(durability)
            .eventSerializer(serializer)
            .snapshotSerializer(serializer)
            .build();
    engine.ensureIndexes();
    return engine;
  }

  @Override
  public void close() {
    if (groupCommit != null) {
      groupCommit.close();
    }
  }
}
