package org.proofassist.hub.api.audit.chain;

import static com.mongodb.client.model.Filters.eq;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.Sorts;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.messaging.MetaData;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.audit.chain.AuditBundleVerifier.Verdict;
import org.proofassist.hub.api.mongo.eventstore.Durability;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;

/**
 * The chain's writer, verifier and export on the embedded wire server, driven round by round: what
 * is chained, how gaps, voids, restarts and a second node are handled, and that every kind of
 * tampering is named.
 */
class AuditChainWriterTest {

  private static final char[] PASSWORD = "changeit".toCharArray();
  private static final Duration GAP_TIMEOUT = Duration.ofSeconds(60);
  private static final String REQUEST = ChainEntry.REQUEST_AGGREGATE;

  private static MongoServer server;
  private static MongoClient client;
  private static String connectionString;
  private static AuditKey key;
  private static DevelopmentSealAuthority authority;

  @TempDir static Path pki;

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T08:00:00Z"));
  private MongoDatabase database;
  private SequencedMongoEventStorageEngine engine;
  private AuditChainStore store;
  private final List<AuditChainWriter> writers = new ArrayList<>();

  @BeforeAll
  static void startServer() {
    server = new MongoServer(H2Backend.inMemory());
    connectionString = server.bindAndGetConnectionString();
    client = MongoClients.create(connectionString);
    authority = DevelopmentSealAuthority.openOrCreate(pki, List.of(), PASSWORD, Clock.systemUTC());
    key = AuditKey.openOrCreate(authority, PASSWORD, Clock.systemUTC());
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.shutdownNow();
  }

  @BeforeEach
  void emptyStore() {
    database = client.getDatabase("audit_" + UUID.randomUUID().toString().replace("-", ""));
    engine =
        SequencedMongoEventStorageEngine.builder()
            .database(database)
            .eventSerializer(JacksonSerializer.defaultSerializer())
            .snapshotSerializer(JacksonSerializer.defaultSerializer())
            .clock(clock)
            .gapTimeout(GAP_TIMEOUT)
            .build();
    engine.ensureIndexes();
    store = new AuditChainStore(database);
    store.ensureIndexes();
  }

  @AfterEach
  void dropStore() {
    writers.forEach(AuditChainWriter::stop);
    database.drop();
  }

  // ------------------------------------------------------------------------------ chaining

  @Test
  void everyEventIsChainedOnceInGlobalOrderAndVerifiesIntact() {
    append("VR-A", 0, 2);
    append("VR-B", 0, 1);
    append("VR-A", 2, 3);
    AuditChainWriter writer = writer("node-1", 4);

    drain(writer);

    List<Document> entries = entries();
    assertThat(entries)
        .extracting(e -> e.getLong("position"))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(entries)
        .extracting(e -> e.getString("aggregateId"))
        .containsExactly("VR-A", "VR-A", "VR-B", "VR-A", "VR-A", "VR-A");
    for (int i = 1; i < entries.size(); i++) {
      assertThat(entries.get(i).getString("previousHash"))
          .isEqualTo(entries.get(i - 1).getString("entryHash"));
    }
    assertThat(checkpointSizes()).containsExactly(4L);
    assertThat(writer.status().size()).isEqualTo(6);

    AuditVerification verification = verifier().verify();
    assertThat(verification.intact()).isTrue();
    assertThat(verification.entriesChecked()).isEqualTo(6);
    assertThat(verification.checkpointsChecked()).isEqualTo(1);
    assertThat(verification.firstMismatch()).isNull();
    assertThat(verification.lastCheckpoint().chainSize()).isEqualTo(4);
    assertThat(verification.chainHead().size()).isEqualTo(6);
    assertThat(verification.unchained()).isZero();
  }

  @Test
  void aCheckpointIsSignedWhenTheIntervalHasPassedAndThereAreNewEntries() {
    append("VR-A", 0, 2);
    AuditChainWriter writer = writer("node-1", 1000);
    drain(writer);
    assertThat(checkpointSizes()).isEmpty();

    clock.advance(Duration.ofMinutes(10));
    writer.step();
    assertThat(checkpointSizes()).containsExactly(2L);

    clock.advance(Duration.ofMinutes(10));
    writer.step();
    assertThat(checkpointSizes()).as("nothing new: no checkpoint").containsExactly(2L);

    append("VR-B", 0, 1);
    writer.step();
    writer.requestCheckpoint(2);
    writer.step();
    assertThat(checkpointSizes()).as("asked for by an export").containsExactly(2L, 3L);
  }

  // ------------------------------------------------------------------------- gaps and voids

  @Test
  void aPositionAllocatedButNeverWrittenIsWaitedForThenVoidedAndChainedAsVoid() {
    append("VR-A", 0, 1);
    database
        .getCollection(SequencedMongoEventStorageEngine.POSITIONS)
        .updateOne(eq("_id", "global"), Updates.inc("next", 2L)); // a writer that died
    append("VR-B", 0, 1);
    AuditChainWriter writer = writer("node-1", 1000);

    drain(writer);
    assertThat(writer.status().size()).isEqualTo(1);
    assertThat(writer.status().waitingFor()).isEqualTo(1L);

    clock.advance(GAP_TIMEOUT.minusSeconds(1));
    drain(writer);
    assertThat(writer.status().size()).as("still within the gap timeout").isEqualTo(1);

    clock.advance(Duration.ofSeconds(1));
    drain(writer);
    assertThat(entries())
        .extracting(e -> e.getString("kind") + "@" + e.getLong("position"))
        .containsExactly("EVENT@0", "VOID@1", "VOID@2", "EVENT@3");
    assertThat(writer.status().waitingFor()).isNull();
    Document voided = commits().find(eq("_id", 1L)).first();
    assertThat(voided).isNotNull();
    assertThat(voided.getList("events", Document.class)).isEmpty();

    MongoWriteException late =
        org.junit.jupiter.api.Assertions.assertThrows(
            MongoWriteException.class,
            () -> commits().insertOne(new Document("_id", 1L).append("stream", "VR-C/0")));
    assertThat(late.getMessage()).contains("duplicate key");
    assertThat(verifier().verify().intact()).isTrue();
  }

  @Test
  void aWriterThatComesBackAfterItsPositionWasVoidedIsGivenANewOne() throws Exception {
    append("VR-A", 0, 1);
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    AtomicBoolean holding = new AtomicBoolean(true);
    CommandListener holdFirstCommitInsert =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            if (event.getCommandName().equals("insert")
                && SequencedMongoEventStorageEngine.COMMITS.equals(
                    event.getCommand().getString("insert").getValue())
                && holding.getAndSet(false)) {
              held.countDown();
              try {
                release.await(20, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            }
          }
        };
    try (MongoClient slowClient =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(new ConnectionString(connectionString))
                .addCommandListener(holdFirstCommitInsert)
                .build())) {
      SequencedMongoEventStorageEngine slow =
          SequencedMongoEventStorageEngine.builder()
              .database(slowClient.getDatabase(database.getName()))
              .eventSerializer(JacksonSerializer.defaultSerializer())
              .snapshotSerializer(JacksonSerializer.defaultSerializer())
              .clock(clock)
              .build();
      ExecutorService pool = Executors.newSingleThreadExecutor();
      try {
        Future<?> late =
            pool.submit(
                () ->
                    slow.appendEvents(
                        List.of(
                            new GenericDomainEventMessage<>(
                                "Dossier", "VR-LATE", 0, new Noted("late", "slow")))));
        assertThat(held.await(10, TimeUnit.SECONDS)).isTrue();
        append("VR-B", 0, 1);
        AuditChainWriter writer = writer("node-1", 1000);
        drain(writer);
        assertThat(writer.status().waitingFor()).isEqualTo(1L);

        clock.advance(GAP_TIMEOUT);
        drain(writer);
        release.countDown();
        late.get(20, TimeUnit.SECONDS);
        drain(writer);

        assertThat(entries())
            .extracting(
                e -> e.getString("kind") + "@" + e.getLong("position") + ":" + e.get("aggregateId"))
            .containsExactly("EVENT@0:VR-A", "VOID@1:null", "EVENT@2:VR-B", "EVENT@3:VR-LATE");
        assertThat(verifier().verify().intact()).isTrue();
      } finally {
        release.countDown();
        pool.shutdownNow();
      }
    }
  }

  @Test
  void aCommitTheEngineRefusedIsChainedAsAVoid() {
    append("VR-A", 0, 1);
    assertThatThrownBy(() -> append("VR-A", 0, 2)).isInstanceOf(ConcurrencyException.class);
    append("VR-B", 0, 1);
    AuditChainWriter writer = writer("node-1", 1000);

    drain(writer);

    assertThat(entries())
        .extracting(e -> e.getString("kind") + "@" + e.getLong("position") + "x" + e.get("count"))
        .containsExactly("EVENT@0x1", "VOID@1x2", "EVENT@3x1");
    assertThat(verifier().verify().intact()).isTrue();
  }

  // ------------------------------------------------------------------- restarts and nodes

  @Test
  void aRestartedWriterResumesAfterTheLastEntryEvenInsideACommit() {
    append("VR-A", 0, 1);
    append("VR-B", 0, 4);
    AuditChainWriter first = writer("node-1", 1000);
    drain(first);
    assertThat(entries()).hasSize(5);
    first.stop();
    // A crash after the first two events of the second commit were chained.
    entries(database).deleteMany(com.mongodb.client.model.Filters.gte("_id", 3L));
    database.getCollection(AuditChainStore.STATE).deleteOne(eq("_id", AuditChainStore.HEAD));
    append("VR-C", 0, 1);

    AuditChainWriter second = writer("node-1", 1000);
    drain(second);

    assertThat(entries())
        .extracting(e -> e.getLong("position"))
        .containsExactly(0L, 1L, 2L, 3L, 4L, 5L);
    assertThat(verifier().verify().intact()).isTrue();
  }

  @Test
  void onlyTheNodeHoldingTheLeaseWritesAndAnotherTakesOverWhenItIsGivenUp() {
    append("VR-A", 0, 3);
    AuditChainWriter one = writer("node-1", 1000);
    AuditChainWriter two = writer("node-2", 1000);

    drain(one);
    assertThat(two.step()).isZero();
    assertThat(two.status().writing()).isFalse();
    assertThat(one.status().writing()).isTrue();

    append("VR-B", 0, 1);
    clock.advance(Duration.ofSeconds(31)); // node-1 stopped renewing: its lease lapsed
    drain(two);
    assertThat(two.status().writing()).isTrue();
    assertThat(entries()).extracting(e -> e.getLong("position")).containsExactly(0L, 1L, 2L, 3L);

    clock.advance(Duration.ofSeconds(11));
    assertThat(one.step()).as("node-1 finds its lease taken").isZero();
    assertThat(one.status().writing()).isFalse();
    assertThat(verifier().verify().intact()).isTrue();
  }

  // ----------------------------------------------------------------------------- tampering

  @Test
  void anEditedStoredEventIsNamedByItsPositionAndEventIdAndRestoringItHeals() {
    append("VR-A", 0, 2);
    append("VR-B", 0, 3);
    drain(writer("node-1", 4));
    Document commit = commits().find(eq("_id", 2L)).first();
    Document stored = commit.getList("events", Document.class).get(1);
    String payload = stored.getString("payload");

    commits()
        .updateOne(eq("_id", 2L), Updates.set("events.1.payload", payload.replace("by", "By")));
    AuditVerification altered = verifier().verify();

    assertThat(altered.intact()).isFalse();
    assertThat(altered.firstMismatch().index()).isEqualTo(3);
    assertThat(altered.firstMismatch().position()).isEqualTo(3L);
    assertThat(altered.firstMismatch().eventId()).isEqualTo(stored.getString("id"));
    assertThat(altered.firstMismatch().reason()).contains("stored event differs");
    assertThat(altered.firstMismatch().expected())
        .isEqualTo(entries().get(3).getString("eventHash"));
    assertThat(altered.firstMismatch().found()).isNotEqualTo(altered.firstMismatch().expected());

    commits().updateOne(eq("_id", 2L), Updates.set("events.1.payload", payload));
    assertThat(verifier().verify().intact()).isTrue();
  }

  @Test
  void anEditHiddenByRewritingTheStoredChainIsCaughtByTheSignedCheckpoint() {
    append("VR-A", 0, 3);
    append("VR-B", 0, 3);
    drain(writer("node-1", 5));
    assertThat(checkpointSizes()).containsExactly(5L);

    commits().updateOne(eq("_id", 0L), Updates.set("events.1.payload", "{\"label\":\"forged\"}"));
    rewriteChainFromTheEventStore();
    AuditVerification verification = verifier().verify();

    assertThat(verification.intact()).isFalse();
    assertThat(verification.firstMismatch().index()).isEqualTo(4);
    assertThat(verification.firstMismatch().reason())
        .contains("checkpoint of 5 entries")
        .contains("rewritten");
    assertThat(verification.lastCheckpoint()).isNull();
  }

  @Test
  void deletedEventsRemovedEntriesAndForeignCheckpointsAreReported() {
    append("VR-A", 0, 1);
    append("VR-B", 0, 1);
    append("VR-C", 0, 1);
    drain(writer("node-1", 2));

    commits().deleteOne(eq("_id", 1L));
    AuditVerification deleted = verifier().verify();
    assertThat(deleted.firstMismatch().position()).isEqualTo(1L);
    assertThat(deleted.firstMismatch().reason()).contains("no longer in the event store");
    assertThat(deleted.firstMismatch().requestId()).isNull(); // test aggregates are not requests
    assertThat(deleted.firstMismatch().eventId()).isEqualTo(entries().get(1).getString("eventId"));

    append("VR-B", 0, 1); // a new commit, another position: the deleted one stays missing
    entries(database).deleteOne(eq("_id", 2L));
    AuditVerification removed = verifier().verify();
    assertThat(removed.mismatches()).isGreaterThanOrEqualTo(2);

    MutableClock other = new MutableClock(Instant.now());
    DevelopmentSealAuthority otherCa =
        DevelopmentSealAuthority.openOrCreate(
            pki.resolve("other"), List.of(), PASSWORD, Clock.systemUTC());
    Checkpoint foreign =
        AuditKey.openOrCreate(otherCa, PASSWORD, other)
            .sign(2, "ab".repeat(32), 1, other.instant());
    database
        .getCollection(AuditChainStore.CHECKPOINTS)
        .updateOne(eq("_id", 2L), Updates.set("jws", foreign.jws()));
    commits().insertOne(commitDocument(1L)); // put a copy of nothing back: still not the event
    AuditVerification forged = verifier().verify();
    assertThat(forged.intact()).isFalse();
    assertThat(forged.checkpointsChecked()).isEqualTo(1);
  }

  // -------------------------------------------------------------------------------- export

  @Test
  void anExportedBundleVerifiesOfflineAndEveryKindOfTamperingIsCaught() {
    String request = "VR-0123456789ABCDEFGHJK";
    append(request, 0, 2, REQUEST);
    for (int i = 0; i < 7; i++) {
      append("VR-OTHER" + i, 0, 1, REQUEST);
    }
    append(request, 2, 1, REQUEST);
    AuditChainWriter writer = writer("node-1", 4);
    writer.start();
    writers.add(writer);

    ObjectNode bundle = exporter(writer).export(request).json();

    assertThat(bundle.path("events")).hasSize(3);
    assertThat(bundle.path("checkpoints").size()).isGreaterThanOrEqualTo(2);
    assertThat(AuditBundleVerifier.verify(bundle, List.of(key.trustAnchor())).verdict())
        .isEqualTo(Verdict.INTACT);
    assertThat(AuditBundleVerifier.verify(bundle, List.of()).verdict()).isEqualTo(Verdict.INTACT);
    for (JsonNode entry : bundle.path("entries")) {
      if (!request.equals(entry.path("aggregateId").asText(request))) {
        throw new AssertionError("another request's id leaked into the bundle: " + entry);
      }
    }

    ObjectNode payload = bundle.deepCopy();
    ObjectNode event = (ObjectNode) payload.path("events").get(1).path("event");
    event.put("payload", event.path("payload").asText().replace("by", "By"));
    assertThat(AuditBundleVerifier.verify(payload, List.of()).findings())
        .anySatisfy(f -> assertThat(f).contains("was changed"));

    ObjectNode relinked = bundle.deepCopy();
    ObjectNode forgedEvent = (ObjectNode) relinked.path("events").get(0).path("event");
    forgedEvent.put("payload", "{\"label\":\"forged\"}");
    rechain(relinked, forgedEvent);
    AuditBundleVerifier.Result rechained = AuditBundleVerifier.verify(relinked, List.of());
    assertThat(rechained.verdict()).isEqualTo(Verdict.ALTERED);
    assertThat(rechained.findings())
        .anySatisfy(f -> assertThat(f).contains("do not reach the head"));

    ObjectNode gap = bundle.deepCopy();
    ((ArrayNode) gap.path("entries")).remove(1);
    assertThat(AuditBundleVerifier.verify(gap, List.of()).verdict()).isEqualTo(Verdict.ALTERED);

    ObjectNode otherAnchor = bundle.deepCopy();
    assertThat(
            AuditBundleVerifier.verify(
                    otherAnchor,
                    List.of(
                        DevelopmentSealAuthority.openOrCreate(
                                pki.resolve("third"), List.of(), PASSWORD, Clock.systemUTC())
                            .trustAnchor()))
                .findings())
        .anySatisfy(f -> assertThat(f).contains("not issued by the trust anchor"));

    ObjectNode dropped = bundle.deepCopy();
    ((ArrayNode) dropped.path("events")).remove(1);
    assertThat(AuditBundleVerifier.verify(dropped, List.of()).findings())
        .anySatisfy(f -> assertThat(f).contains("not complete"));

    ObjectNode garbage = bundle.deepCopy();
    garbage.put("format", "something else");
    assertThat(AuditBundleVerifier.verify(garbage, List.of()).verdict())
        .isEqualTo(Verdict.UNUSABLE);
  }

  // ------------------------------------------------------------------------------- helpers

  private void append(String aggregate, long from, int count) {
    append(aggregate, from, count, "Dossier");
  }

  private void append(String aggregate, long from, int count, String type) {
    List<DomainEventMessage<?>> events = new ArrayList<>();
    for (long sequence = from; sequence < from + count; sequence++) {
      events.add(
          new GenericDomainEventMessage<>(
              type,
              aggregate,
              sequence,
              new Noted(aggregate + "#" + sequence, "main"),
              MetaData.with("by", "test")));
    }
    engine.appendEvents(events);
  }

  private AuditChainWriter writer(String node, int checkpointEvery) {
    AuditChainWriter writer =
        new AuditChainWriter(
            store,
            key,
            Durability.BY_WRITE_CONCERN,
            clock,
            new AuditChainWriter.Settings(
                true,
                checkpointEvery,
                Duration.ofMinutes(10),
                GAP_TIMEOUT,
                Duration.ofMillis(20),
                Duration.ofSeconds(30),
                node));
    writers.add(writer);
    return writer;
  }

  private static void drain(AuditChainWriter writer) {
    for (int round = 0; round < 100; round++) {
      if (writer.step() == 0) {
        return;
      }
    }
    throw new AssertionError("the writer did not come to rest");
  }

  private AuditChainVerifier verifier() {
    return new AuditChainVerifier(store, List.of(key.trustAnchor()), clock, 3);
  }

  private AuditBundleExporter exporter(AuditChainWriter writer) {
    return new AuditBundleExporter(
        store, writer, key.trustAnchor(), Clock.systemUTC(), Duration.ofSeconds(10));
  }

  private MongoCollection<Document> commits() {
    return database.getCollection(SequencedMongoEventStorageEngine.COMMITS);
  }

  private static MongoCollection<Document> entries(MongoDatabase database) {
    return database.getCollection(AuditChainStore.ENTRIES);
  }

  private List<Document> entries() {
    return entries(database).find().sort(Sorts.ascending("_id")).into(new ArrayList<>());
  }

  private List<Long> checkpointSizes() {
    return database
        .getCollection(AuditChainStore.CHECKPOINTS)
        .find()
        .sort(Sorts.ascending("_id"))
        .map(d -> d.getLong("_id"))
        .into(new ArrayList<>());
  }

  private static Document commitDocument(long position) {
    return new Document("_id", position)
        .append("stream", "x/" + position)
        .append("streamEnd", "x-end/" + position)
        .append("count", 1)
        .append("events", List.of());
  }

  /** What someone with write access to the database would do to hide an edit. */
  private void rewriteChainFromTheEventStore() {
    CommitWalk walk = new CommitWalk(commits(), 50);
    String previous = ChainHashes.GENESIS;
    long position = 0;
    for (Document stored : entries()) {
      CommitWalk.EventAt event = (CommitWalk.EventAt) walk.at(position, false).orElseThrow();
      ChainEntry entry = ChainEntry.event(stored.getLong("_id"), event.event(), previous);
      entries(database)
          .replaceOne(eq("_id", entry.index()), entry.toDocument(new java.util.Date()));
      previous = entry.entryHash();
      position = event.next();
    }
    database
        .getCollection(AuditChainStore.STATE)
        .updateOne(eq("_id", AuditChainStore.HEAD), Updates.set("entryHash", previous));
  }

  /** Re-links the bundle's entries after an edit, as a forger would. */
  private static void rechain(ObjectNode bundle, ObjectNode editedEvent) {
    long editedIndex = -1;
    for (JsonNode item : bundle.path("events")) {
      if (item.path("event") == editedEvent) {
        editedIndex = item.path("index").asLong();
      }
    }
    String previous = null;
    for (JsonNode node : bundle.path("entries")) {
      ObjectNode entry = (ObjectNode) node;
      long index = entry.path("index").asLong();
      if (index == editedIndex) {
        entry.put("eventHash", CanonicalEvent.fromJson(editedEvent).hash());
      }
      if (index >= editedIndex) {
        if (previous != null) {
          entry.put("previousHash", previous);
        }
        entry.put(
            "entryHash",
            ChainHashes.link(
                entry.path("previousHash").asText(), entry.path("eventHash").asText()));
        previous = entry.path("entryHash").asText();
      }
    }
  }

  record Noted(String label, String by) {}

  static final class MutableClock extends Clock {
    private final AtomicReference<Instant> now;

    MutableClock(Instant start) {
      this.now = new AtomicReference<>(start);
    }

    void advance(Duration duration) {
      now.updateAndGet(instant -> instant.plus(duration));
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now.get();
    }
  }
}
