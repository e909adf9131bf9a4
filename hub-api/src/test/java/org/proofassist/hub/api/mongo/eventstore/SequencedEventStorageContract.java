package org.proofassist.hub.api.mongo.eventstore;

import static com.mongodb.client.model.Filters.eq;
import static java.util.concurrent.TimeUnit.MILLISECONDS;
import static java.util.concurrent.TimeUnit.SECONDS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;
import static org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine.COMMITS;
import static org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine.GLOBAL;
import static org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine.POSITIONS;
import static org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine.SNAPSHOTS;
import static org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine.VOID_PREFIX;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import com.mongodb.client.model.FindOneAndUpdateOptions;
import com.mongodb.client.model.ReturnDocument;
import com.mongodb.client.model.Updates;
import com.mongodb.event.CommandListener;
import com.mongodb.event.CommandStartedEvent;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.ReplayStatus;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.TrackingToken;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.messaging.StreamableMessageSource;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.modelling.command.ConcurrencyException;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.BsonDocument;
import org.bson.BsonValue;
import org.bson.Document;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What {@link SequencedMongoEventStorageEngine} promises, checked against a real MongoDB wire
 * endpoint. Subclasses say where the server listens ({@link #connectionString()}); every test
 * starts on an empty store (the engine's collections are dropped first) and talks to it through the
 * real MongoDB driver.
 *
 * <p>A delayed writer is simulated at the driver: {@link SlowWriter} is a second engine whose
 * client holds its first commit insert in a command listener, after the engine has allocated the
 * positions and before the document reaches the server, exactly the window a slow node has.
 */
abstract class SequencedEventStorageContract {

  static final String DATABASE = "eventstore_contract";
  static final String TYPE = "Dossier";
  static final Duration GAP_TIMEOUT = Duration.ofSeconds(30);
  static final Duration PATIENCE = Duration.ofSeconds(20);

  /** Where the MongoDB under test listens, as a driver connection string. */
  protected abstract String connectionString();

  protected final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T08:00:00Z"));
  protected MongoClient client;
  protected MongoDatabase database;
  protected SequencedMongoEventStorageEngine engine;
  private final List<AutoCloseable> toClose = new ArrayList<>();

  @BeforeEach
  void startOnAnEmptyStore() {
    client = MongoClients.create(connectionString());
    database = client.getDatabase(DATABASE);
    for (String collection : List.of(COMMITS, POSITIONS, SNAPSHOTS)) {
      database.getCollection(collection).drop();
    }
    engine = engine(database, builder -> builder);
  }

  @AfterEach
  void closeWhatTheTestOpened() throws Exception {
    Collections.reverse(toClose);
    for (AutoCloseable closeable : toClose) {
      closeable.close();
    }
    client.close();
  }

  // ------------------------------------------------------------------ append and read back

  @Test
  void appendedCommitsOfAnAggregateAreReadBackInOrderWithTheirPayloads() {
    List<String> expected = new ArrayList<>();
    long next = 0;
    for (int size : new int[] {1, 3, 2, 1, 3}) {
      expected.addAll(labels(commit("a", next, size)));
      commit("b" + next, 0, 1);
      next += size;
    }

    List<DomainEventMessage<?>> read = aggregate("a");

    assertThat(read).extracting(DomainEventMessage::getSequenceNumber).containsExactly(seq(0, 10));
    assertThat(read)
        .extracting(m -> (Noted) m.getPayload())
        .extracting(Noted::label)
        .containsExactlyElementsOf(expected);
    assertThat(read).extracting(DomainEventMessage::getAggregateIdentifier).containsOnly("a");
    assertThat(read).extracting(DomainEventMessage::getType).containsOnly(TYPE);
  }

  @Test
  void anAggregateWithMoreCommitsThanTheStreamWindowIsReadCompletely() {
    SequencedMongoEventStorageEngine narrow = engine(database, b -> b.streamWindow(16));
    long next = 0;
    for (int commit = 0; commit < 40; commit++) {
      int size = 1 + commit % 3;
      narrow.appendEvents(events("long", next, size));
      next += size;
    }

    assertThat(narrow.readEvents("long").asStream())
        .extracting(DomainEventMessage::getSequenceNumber)
        .containsExactly(seq(0, next));
    assertThat(narrow.lastSequenceNumberFor("long")).contains(next - 1);
  }

  @Test
  void readingFromTheFirstSequenceOfACommitReturnsThatCommitAndWhatFollows() {
    commit("a", 0, 3);
    commit("a", 3, 2);

    assertThat(sequences(engine.readEvents("a", 3))).containsExactly(3L, 4L);
    assertThat(sequences(engine.readEvents("a", 0))).containsExactly(0L, 1L, 2L, 3L, 4L);
  }

  @Test
  void readingFromInsideACommitReturnsTheRestOfThatCommitAndWhatFollows() {
    commit("a", 0, 3);
    commit("a", 3, 2);

    assertThat(sequences(engine.readEvents("a", 1))).containsExactly(1L, 2L, 3L, 4L);
    assertThat(sequences(engine.readEvents("a", 4))).containsExactly(4L);
    assertThat(sequences(engine.readEvents("a", 5))).isEmpty();
  }

  @Test
  void readingFromInsideACommitLongerThanTheStreamWindowReturnsTheRestOfIt() {
    SequencedMongoEventStorageEngine narrow = engine(database, b -> b.streamWindow(4));
    narrow.appendEvents(events("big", 0, 10));

    assertThat(sequences(narrow.readEvents("big", 2))).containsExactly(seq(2, 10));
  }

  @Test
  void anUnknownAggregateHasNoEventsAndNoLastSequenceNumber() {
    commit("a", 0, 2);

    assertThat(aggregate("nobody")).isEmpty();
    assertThat(engine.lastSequenceNumberFor("nobody")).isEmpty();
    assertThat(engine.lastSequenceNumberFor("a")).contains(1L);
  }

  // ------------------------------------------------------------------------- atomic commits

  @Test
  void oneUnitOfWorksEventsForOneAggregateAreStoredAsOneCommitDocument() {
    EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
    try {
      DefaultUnitOfWork.startAndGet(null)
          .execute(
              () -> {
                store.publish(event("a", 0));
                store.publish(event("a", 1));
                store.publish(event("b", 0));
                store.publish(event("a", 2));
              });
    } finally {
      store.shutDown();
    }

    MongoCollection<Document> commits = database.getCollection(COMMITS);
    assertThat(commits.countDocuments()).isEqualTo(2);
    Document a = commits.find(eq("aggregateId", "a")).first();
    assertThat(a).isNotNull();
    assertThat(a.getInteger("count")).isEqualTo(3);
    assertThat(a.getString("stream")).isEqualTo("a/0");
    assertThat(a.getString("streamEnd")).isEqualTo("a/2");
    assertThat(a.getList("events", Document.class)).hasSize(3);
    assertThat(sequences(engine.readEvents("a"))).containsExactly(0L, 1L, 2L);
  }

  @Test
  void aRefusedAppendStoresNoneOfItsEvents() {
    commit("a", 0, 1);
    commit("a", 1, 3);

    assertThatThrownBy(() -> engine.appendEvents(events("a", 1, 2, "loser")))
        .isInstanceOf(ConcurrencyException.class);

    assertThat(aggregate("a"))
        .extracting(m -> ((Noted) m.getPayload()).by())
        .containsOnly("main")
        .hasSize(4);
    assertThat(track(null)).extracting(m -> ((Noted) m.getPayload()).by()).containsOnly("main");
    assertThat(database.getCollection(COMMITS).countDocuments(eq("aggregateId", "a"))).isEqualTo(2);
  }

  @Test
  void aSequenceNumberAlreadyStoredInsideACommitCannotBeStoredAgain() {
    commit("a", 0, 3);

    assertThatThrownBy(() -> engine.appendEvents(events("a", 2, 2, "overlap")))
        .isInstanceOf(ConcurrencyException.class);
    assertThat(sequences(engine.readEvents("a"))).doesNotHaveDuplicates();
  }

  // ---------------------------------------------------------------------- concurrent append

  @Test
  void concurrentAppendsOfTheNextSequenceNumberHaveExactlyOneWinner() throws Exception {
    int writers = 8;
    int rounds = 10;
    commit("hot", 0, 1);
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    toClose.add(pool::shutdownNow);
    CyclicBarrier together = new CyclicBarrier(writers);
    List<String> winners = new ArrayList<>();

    for (long round = 1; round <= rounds; round++) {
      long sequence = round;
      List<Future<Boolean>> outcomes = new ArrayList<>();
      for (int w = 0; w < writers; w++) {
        String writer = "writer-" + w;
        outcomes.add(
            pool.submit(
                () -> {
                  together.await(PATIENCE.toSeconds(), SECONDS);
                  try {
                    engine.appendEvents(event("hot", sequence, writer));
                    return true;
                  } catch (ConcurrencyException refused) {
                    return false;
                  }
                }));
      }
      List<Boolean> won = new ArrayList<>();
      for (Future<Boolean> outcome : outcomes) {
        won.add(outcome.get(PATIENCE.toSeconds(), SECONDS));
      }
      assertThat(won).as("round %d", round).containsOnlyOnce(true).hasSize(writers);
      winners.add("writer-" + won.indexOf(true));
    }

    List<DomainEventMessage<?>> stream = aggregate("hot");
    assertThat(stream)
        .extracting(DomainEventMessage::getSequenceNumber)
        .containsExactly(seq(0, rounds + 1));
    assertThat(stream.subList(1, stream.size()))
        .extracting(m -> ((Noted) m.getPayload()).by())
        .containsExactlyElementsOf(winners);
  }

  @Test
  void concurrentWritersOfDifferentAggregatesOnAnEmptyStoreGetDistinctPositions() throws Exception {
    int writers = 8;
    int commits = 30;
    ExecutorService pool = Executors.newFixedThreadPool(writers);
    toClose.add(pool::shutdownNow);
    CyclicBarrier together = new CyclicBarrier(writers);
    List<Future<Long>> done = new ArrayList<>();
    for (int w = 0; w < writers; w++) {
      String aggregate = "own-" + w;
      done.add(
          pool.submit(
              () -> {
                together.await(PATIENCE.toSeconds(), SECONDS);
                long next = 0;
                for (int c = 0; c < commits; c++) {
                  int size = 1 + c % 3;
                  engine.appendEvents(events(aggregate, next, size));
                  next += size;
                }
                return next;
              }));
    }
    long total = 0;
    for (Future<Long> writer : done) {
      total += writer.get(PATIENCE.toSeconds(), SECONDS);
    }

    List<TrackedEventMessage<?>> all = track(null);
    assertThat(all).extracting(m -> index(m)).containsExactly(seq(0, total));
    for (int w = 0; w < writers; w++) {
      assertThat(sequences(engine.readEvents("own-" + w))).containsExactly(seq(0, total / writers));
    }
  }

  // ------------------------------------------------------------------------------- tracking

  @Test
  void trackingFromTheStartReturnsEveryEventInGlobalOrderAtConsecutivePositions() {
    List<String> expected = history();

    List<TrackedEventMessage<?>> all = track(null);

    assertThat(labels(all)).containsExactlyElementsOf(expected);
    assertThat(all).extracting(m -> index(m)).containsExactly(seq(0, expected.size()));
    assertThat(all).allSatisfy(m -> assertThat(token(m).getGaps()).isEmpty());
  }

  @Test
  void trackingFromTheTokenOfACommitsLastEventReturnsExactlyTheEventsAfterIt() {
    List<String> expected = history();
    List<TrackedEventMessage<?>> all = track(null);

    for (int lastOfCommit : HISTORY_COMMIT_ENDS) {
      assertThat(labels(track(all.get(lastOfCommit).trackingToken())))
          .as("after %s", expected.get(lastOfCommit))
          .containsExactlyElementsOf(expected.subList(lastOfCommit + 1, expected.size()));
    }
  }

  @Test
  void trackingFromATokenInsideACommitReturnsTheRestOfThatCommitAndWhatFollows() {
    List<String> expected = history();
    List<TrackedEventMessage<?>> all = track(null);

    // a/0 is the first of the commit a/0..a/2
    assertThat(labels(track(all.get(0).trackingToken())))
        .containsExactlyElementsOf(expected.subList(1, expected.size()));
  }

  @Test
  void anEventThatIsNotFromAnAggregateIsTrackedInItsPlace() {
    commit("a", 0, 1);
    engine.appendEvents(new GenericEventMessage<>(new Noted("notice", "main")));
    commit("a", 1, 1);

    assertThat(labels(track(null))).containsExactly("a/0", "notice", "a/1");
    assertThat(sequences(engine.readEvents("a"))).containsExactly(0L, 1L);
  }

  @Test
  void theHeadTokenCoversEverythingStoredSoOnlyLaterEventsFollowIt() {
    TrackingToken emptyHead = engine.createHeadToken();
    List<String> expected = history();
    TrackingToken head = engine.createHeadToken();

    assertThat(labels(track(emptyHead))).containsExactlyElementsOf(expected);
    assertThat(track(head)).isEmpty();
    assertThat(((GapAwareTrackingToken) head).getIndex()).isEqualTo(expected.size() - 1);
    commit("late", 0, 1);
    assertThat(labels(track(head))).containsExactly("late/0");
  }

  @Test
  void theTailTokenStartsBeforeTheFirstEvent() {
    List<String> expected = history();

    assertThat(labels(track(engine.createTailToken()))).containsExactlyElementsOf(expected);
  }

  @Test
  void aTrackerThatHasReadEverythingGetsNothingUntilSomethingIsAppended() {
    history();
    TrackingToken last = lastToken(track(null));

    assertThat(track(last)).isEmpty();
    commit("next", 0, 2);
    assertThat(labels(track(last))).containsExactly("next/0", "next/1");
  }

  // ------------------------------------------------------------------ gaps and late commits

  @Test
  void aLateCommitBehindATrackerIsDeliveredOnItsNextRead() throws Exception {
    commit("x", 0, 1);
    SlowWriter slow = new SlowWriter();
    slow.startAppending(event("late", 0));
    commit("y", 0, 1);

    List<TrackedEventMessage<?>> before = track(null);
    assertThat(labels(before)).containsExactly("x/0", "y/0");
    assertThat(lastToken(before).getGaps()).containsExactly(1L);

    assertThat(slow.finish()).isNull();
    List<TrackedEventMessage<?>> after = track(lastToken(before));
    assertThat(labels(after)).containsExactly("late/0");
    assertThat(lastToken(after).getIndex()).isEqualTo(2L);
    assertThat(lastToken(after).getGaps()).isEmpty();
    assertThat(track(lastToken(after))).isEmpty();
  }

  @Test
  void aHoleIsKeptAsAGapWhileTheGapTimeoutRuns() {
    commit("x", 0, 1);
    leaveHoles(1);
    commit("y", 0, 1);
    GapAwareTrackingToken passed = lastToken(track(null));
    assertThat(track(passed)).isEmpty();

    clock.advance(GAP_TIMEOUT.minusSeconds(1));
    commit("z", 0, 1);

    List<TrackedEventMessage<?>> next = track(passed);
    assertThat(labels(next)).containsExactly("z/0");
    assertThat(lastToken(next).getGaps()).containsExactly(1L);
  }

  @Test
  void aHoleThatNeverFillsIsDroppedFromTheTokenAfterTheGapTimeout() {
    commit("x", 0, 1);
    leaveHoles(1);
    commit("y", 0, 1);
    GapAwareTrackingToken passed = lastToken(track(null));
    assertThat(passed.getGaps()).containsExactly(1L);
    assertThat(track(passed)).isEmpty();

    clock.advance(GAP_TIMEOUT.plusSeconds(1));
    commit("z", 0, 1);

    List<TrackedEventMessage<?>> next = track(passed);
    assertThat(labels(next)).containsExactly("z/0");
    assertThat(lastToken(next).getGaps()).isEmpty();
    assertThat(lastToken(next).getIndex()).isEqualTo(3L);
  }

  @Test
  void aCommitThatLandedWithinTheGapTimeoutIsDeliveredEvenWhenTheTrackerReadsLater()
      throws Exception {
    commit("x", 0, 1);
    SlowWriter slow = new SlowWriter();
    slow.startAppending(event("late", 0));
    commit("y", 0, 1);
    GapAwareTrackingToken passed = lastToken(track(null));
    assertThat(track(passed)).isEmpty();

    clock.advance(Duration.ofSeconds(1));
    assertThat(slow.finish()).isNull();
    // the tracker pauses (a handler backing off, a processor stopped) past the gap timeout
    clock.advance(GAP_TIMEOUT.plusSeconds(5));

    assertThat(labels(track(passed))).containsExactly("late/0");
  }

  @Test
  void aRefusedAppendLeavesAVoidDocumentAndTrackersDoNotKeepItsPositionsAsGaps() throws Exception {
    commit("x", 0, 1);
    SlowWriter loser = new SlowWriter();
    loser.startAppending(event("x", 1, "loser"));
    engine.appendEvents(event("x", 1, "winner"));
    GapAwareTrackingToken passed = lastToken(track(null));
    assertThat(passed.getGaps()).containsExactly(1L);

    assertThat(loser.finish()).isInstanceOf(ConcurrencyException.class);
    Document marker = database.getCollection(COMMITS).find(eq("_id", 1L)).first();
    assertThat(marker).isNotNull();
    assertThat(marker.getString("stream")).startsWith(VOID_PREFIX);
    assertThat(marker.getList("events", Document.class)).isEmpty();

    commit("y", 0, 1);
    List<TrackedEventMessage<?>> next = track(passed);
    assertThat(labels(next)).containsExactly("y/0");
    assertThat(lastToken(next).getGaps()).isEmpty();
    assertThat(track(null))
        .extracting(m -> ((Noted) m.getPayload()).by())
        .containsExactly("main", "winner", "main");
  }

  @Test
  void aRunOfVoidPositionsLongerThanTheTrackingWindowDoesNotStallATracker() {
    SequencedMongoEventStorageEngine narrow = engine(database, b -> b.trackingWindow(4));
    narrow.appendEvents(event("x", 0));
    markVoid(6);
    narrow.appendEvents(event("x", 1));

    List<TrackedEventMessage<?>> all = track(narrow, null);
    assertThat(labels(all)).containsExactly("x/0", "x/1");
    assertThat(index(all.get(1))).isEqualTo(7L);
    assertThat(token(all.get(1)).getGaps()).isEmpty();
  }

  @Test
  void aRunOfEmptyPositionsLongerThanTheTrackingWindowDoesNotStallATracker() {
    SequencedMongoEventStorageEngine narrow = engine(database, b -> b.trackingWindow(4));
    narrow.appendEvents(event("x", 0));
    leaveHoles(10);
    narrow.appendEvents(event("x", 1));

    List<TrackedEventMessage<?>> all = track(narrow, null);
    assertThat(labels(all)).containsExactly("x/0", "x/1");
    assertThat(index(all.get(1))).isEqualTo(11L);
  }

  // ------------------------------------------------------------------------------ snapshots

  @Test
  void theLatestStoredSnapshotIsRead() {
    commit("a", 0, 6);
    engine.storeSnapshot(snapshot("a", 2));
    engine.storeSnapshot(snapshot("a", 5));

    DomainEventMessage<?> read = engine.readSnapshot("a").orElseThrow();
    assertThat(read.getSequenceNumber()).isEqualTo(5L);
    assertThat(read.getPayload()).isEqualTo(new Noted("snapshot a@5", "snapshotter"));
    assertThat(read.getType()).isEqualTo(TYPE);
  }

  @Test
  void anOlderSnapshotStoredAfterANewerOneDoesNotReplaceIt() {
    commit("a", 0, 6);
    engine.storeSnapshot(snapshot("a", 5));
    engine.storeSnapshot(snapshot("a", 2));

    assertThat(engine.readSnapshot("a").orElseThrow().getSequenceNumber()).isEqualTo(5L);
  }

  @Test
  void afterASnapshotAtTheEndOfTheStreamNoEventsFollowAndTheLastSequenceNumberIsKnown() {
    commit("a", 0, 3);
    commit("a", 3, 2);
    engine.storeSnapshot(snapshot("a", 4));

    assertThat(sequences(engine.readEvents("a", 5))).isEmpty();
    assertThat(engine.lastSequenceNumberFor("a")).contains(4L);
    EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
    try {
      assertThat(store.readEvents("a").asStream())
          .extracting(m -> (Object) m.getPayload())
          .containsExactly(new Noted("snapshot a@4", "snapshotter"));
    } finally {
      store.shutDown();
    }
  }

  @Test
  void theLastSequenceNumberCountsEventsAppendedAfterTheSnapshot() {
    commit("a", 0, 3);
    engine.storeSnapshot(snapshot("a", 2));
    commit("a", 3, 2);
    commit("a", 5, 1);

    assertThat(engine.lastSequenceNumberFor("a")).contains(5L);
    assertThat(sequences(engine.readEvents("a", 3))).containsExactly(3L, 4L, 5L);
  }

  // --------------------------------------------------------------- Axon's processors replay

  @Test
  void aResetProcessorReplaysEveryEventOnceAsAReplayAndThenHandlesNewEventsAsRegular() {
    EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
    toClose.add(store::shutDown);
    store.publish(events("r", 0, 3));
    store.publish(event("s", 0));
    store.publish(events("r", 3, 2));
    List<String> stored = List.of("r/0", "r/1", "r/2", "s/0", "r/3", "r/4");
    Recorder recorder = new Recorder();
    TrackingEventProcessor processor =
        processor("replay", store, recorder, new InMemoryTokenStore());
    toClose.add(processor::shutDown);

    processor.start();
    await("first pass", () -> recorder.seen().size() >= stored.size());
    assertThat(recorder.seen()).containsExactlyElementsOf(as(stored, ReplayStatus.REGULAR));

    processor.shutDown();
    recorder.clear();
    processor.resetTokens();
    processor.start();
    await("replay", () -> recorder.seen().size() >= stored.size());
    store.publish(event("t", 0));
    store.publish(events("r", 5, 1));
    await("new events", () -> recorder.seen().size() >= stored.size() + 2);

    List<String> expected = new ArrayList<>(as(stored, ReplayStatus.REPLAY));
    expected.addAll(as(List.of("t/0", "r/5"), ReplayStatus.REGULAR));
    assertThat(recorder.seen()).containsExactlyElementsOf(expected);
  }

  @Test
  void aProcessorRestartedFromATokenInsideACommitHandlesTheRestOfThatCommit() {
    EmbeddedEventStore store = EmbeddedEventStore.builder().storageEngine(engine).build();
    toClose.add(store::shutDown);
    store.publish(event("a", 0));
    store.publish(events("b", 0, 3));
    store.publish(event("c", 0));
    // the processor stopped after handling b/0, the first event of the commit b/0..b/2
    InMemoryTokenStore tokens = new InMemoryTokenStore();
    tokens.initializeTokenSegments("restarted", 1, GapAwareTrackingToken.newInstance(1, Set.of()));
    Recorder recorder = new Recorder();
    TrackingEventProcessor processor = processor("restarted", store, recorder, tokens);
    toClose.add(processor::shutDown);

    processor.start();
    await("c/0", () -> recorder.seen().contains("c/0 REGULAR"));

    assertThat(recorder.seen()).containsExactly("b/1 REGULAR", "b/2 REGULAR", "c/0 REGULAR");
  }

  // ------------------------------------------------------------------- hot-path query shape

  @Test
  void loadingAnAggregateAndTrackingAskOnlyByKeyWithoutRangeOrSort() {
    SequencedMongoEventStorageEngine writer =
        engine(database, b -> b.streamWindow(4).trackingWindow(8));
    long next = 0;
    for (int c = 0; c < 12; c++) {
      writer.appendEvents(events("k", next, 1 + c % 3));
      writer.appendEvents(event("other-" + c, 0));
      next += 1 + c % 3;
    }
    leaveHoles(12);
    writer.appendEvents(events("k", next, 1));
    writer.storeSnapshot(snapshot("k", 3));
    List<Issued> issued = new CopyOnWriteArrayList<>();
    CommandListener recording =
        new CommandListener() {
          @Override
          public void commandStarted(CommandStartedEvent event) {
            issued.add(Issued.of(event));
          }
        };

    List<Issued> reads;
    try (MongoClient watchedClient = monitoredClient(recording)) {
      SequencedMongoEventStorageEngine watched =
          engine(watchedClient.getDatabase(DATABASE), b -> b.streamWindow(4).trackingWindow(8));
      issued.clear();
      assertThat(sequences(watched.readEvents("k"))).hasSize((int) next + 1);
      assertThat(sequences(watched.readEvents("k", 2))).hasSize((int) next - 1);
      assertThat(watched.readSnapshot("k")).isPresent();
      assertThat(watched.lastSequenceNumberFor("k")).contains(next);
      assertThat(track(watched, null)).hasSize((int) next + 1 + 12);
      reads = List.copyOf(issued); // before closing: a real MongoDB is then sent endSessions
    }

    assertThat(reads).extracting(Issued::collection).contains(COMMITS, SNAPSHOTS, POSITIONS);
    assertThat(reads)
        .allSatisfy(
            command -> {
              assertThat(command.name()).as(command.toString()).isIn("find", "getMore");
              if (command.name().equals("find")) {
                assertThat(command.sorted()).as(command.toString()).isFalse();
                assertThat(command.filter().keySet())
                    .as(command.toString())
                    .hasSize(1)
                    .first()
                    .isIn("_id", "stream", "streamEnd");
                BsonValue condition = command.filter().values().iterator().next();
                if (condition.isDocument()) {
                  assertThat(condition.asDocument().keySet())
                      .as(command.toString())
                      .containsExactly("$in");
                }
              }
            });
  }

  // ------------------------------------------------------------------------------- helpers

  /** The event payload: a label naming the event and the writer that stored it. */
  record Noted(String label, String by) {}

  /** Records what a processor handled, with Axon's replay status. */
  static final class Recorder {
    private final List<String> seen = new CopyOnWriteArrayList<>();

    @EventHandler
    public void on(Noted noted, ReplayStatus status) {
      seen.add(noted.label() + " " + status);
    }

    List<String> seen() {
      return List.copyOf(seen);
    }

    void clear() {
      seen.clear();
    }
  }

  /** A command the engine sent to the server, reduced to what the hot-path rule looks at. */
  record Issued(String name, String collection, BsonDocument filter, boolean sorted) {
    static Issued of(CommandStartedEvent event) {
      BsonDocument command = event.getCommand();
      String name = event.getCommandName();
      BsonValue target = command.get(name);
      String collection = target != null && target.isString() ? target.asString().getValue() : "";
      BsonDocument filter =
          command.containsKey("filter")
              ? BsonDocument.parse(command.getDocument("filter").toJson())
              : new BsonDocument();
      boolean sorted = command.containsKey("sort") && !command.getDocument("sort").isEmpty();
      return new Issued(name, collection, filter, sorted);
    }
  }

  /** A clock the tests move by hand, for the gap timeout. */
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

  /**
   * A second writer on its own client whose first commit insert is held at the driver: its
   * positions are allocated, its document has not reached the server.
   */
  final class SlowWriter implements AutoCloseable {
    private final CountDownLatch holding = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicBoolean armed = new AtomicBoolean(true);
    private final ExecutorService thread = Executors.newSingleThreadExecutor();
    private final MongoClient slowClient;
    private final SequencedMongoEventStorageEngine slowEngine;
    private Future<?> pending;

    SlowWriter() {
      CommandListener holdFirstCommitInsert =
          new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
              BsonValue target = event.getCommand().get("insert");
              if ("insert".equals(event.getCommandName())
                  && target != null
                  && COMMITS.equals(target.asString().getValue())
                  && armed.compareAndSet(true, false)) {
                holding.countDown();
                awaitLatch(release);
              }
            }
          };
      slowClient = monitoredClient(holdFirstCommitInsert);
      slowEngine = engine(slowClient.getDatabase(DATABASE), b -> b);
      toClose.add(this);
    }

    /** Starts the append; returns once its positions are allocated and its insert is held. */
    void startAppending(DomainEventMessage<?>... events) throws InterruptedException {
      pending = thread.submit(() -> slowEngine.appendEvents(events));
      assertThat(holding.await(PATIENCE.toSeconds(), SECONDS)).as("insert held").isTrue();
    }

    /** Lets the held insert go; returns what the append threw, or null when it succeeded. */
    Throwable finish() throws Exception {
      release.countDown();
      try {
        pending.get(PATIENCE.toSeconds(), SECONDS);
        return null;
      } catch (ExecutionException e) {
        return e.getCause();
      }
    }

    @Override
    public void close() {
      release.countDown();
      thread.shutdownNow();
      slowClient.close();
    }
  }

  SequencedMongoEventStorageEngine engine(
      MongoDatabase db, UnaryOperator<SequencedMongoEventStorageEngine.Builder> options) {
    SequencedMongoEventStorageEngine.Builder builder =
        SequencedMongoEventStorageEngine.builder()
            .database(db)
            .eventSerializer(JacksonSerializer.defaultSerializer())
            .snapshotSerializer(JacksonSerializer.defaultSerializer())
            .clock(clock)
            .gapTimeout(GAP_TIMEOUT);
    SequencedMongoEventStorageEngine built = options.apply(builder).build();
    built.ensureIndexes();
    return built;
  }

  MongoClient monitoredClient(CommandListener listener) {
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(connectionString()))
            .addCommandListener(listener)
            .build());
  }

  private TrackingEventProcessor processor(
      String name, EmbeddedEventStore store, Recorder recorder, InMemoryTokenStore tokens) {
    return TrackingEventProcessor.builder()
        .name(name)
        .eventHandlerInvoker(SimpleEventHandlerInvoker.builder().eventHandlers(recorder).build())
        .messageSource(store)
        .tokenStore(tokens)
        .transactionManager(NoTransactionManager.INSTANCE)
        .trackingEventProcessorConfiguration(
            TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                .andInitialTrackingToken(StreamableMessageSource::createTailToken)
                .andEventAvailabilityTimeout(200, MILLISECONDS))
        .build();
  }

  /** Allocates positions that no commit will ever take, as a writer that died would. */
  void leaveHoles(long count) {
    database.getCollection(POSITIONS).updateOne(eq("_id", GLOBAL), Updates.inc("next", count));
  }

  /** The global positions at which the commits of {@link #history()} end. */
  static final int[] HISTORY_COMMIT_ENDS = {2, 3, 4, 6, 9, 10};

  /**
   * Allocates {@code count} positions and marks them void, one refused single-event commit each,
   * with documents shaped as the engine writes them when it refuses a commit.
   */
  void markVoid(int count) {
    Document counter =
        database
            .getCollection(POSITIONS)
            .findOneAndUpdate(
                eq("_id", GLOBAL),
                Updates.inc("next", (long) count),
                new FindOneAndUpdateOptions().returnDocument(ReturnDocument.AFTER));
    long first = ((Number) counter.get("next")).longValue() - count;
    List<Document> voids = new ArrayList<>();
    for (long position = first; position < first + count; position++) {
      voids.add(
          new Document("_id", position)
              .append("stream", VOID_PREFIX + position)
              .append("streamEnd", VOID_PREFIX + "end/" + position)
              .append("count", 1)
              .append("storedAt", Date.from(clock.instant()))
              .append("events", List.of()));
    }
    database.getCollection(COMMITS).insertMany(voids);
  }

  /**
   * A mixed history of six commits over four aggregates; returns its labels in append order:
   * a/0..a/2, b/0, a/3, c/0..c/1, b/1..b/3, d/0.
   */
  List<String> history() {
    List<String> labels = new ArrayList<>();
    labels.addAll(labels(commit("a", 0, 3)));
    labels.addAll(labels(commit("b", 0, 1)));
    labels.addAll(labels(commit("a", 3, 1)));
    labels.addAll(labels(commit("c", 0, 2)));
    labels.addAll(labels(commit("b", 1, 3)));
    labels.addAll(labels(commit("d", 0, 1)));
    return labels;
  }

  List<DomainEventMessage<Noted>> commit(String aggregateId, long first, int count) {
    List<DomainEventMessage<Noted>> events = events(aggregateId, first, count);
    engine.appendEvents(events);
    return events;
  }

  static DomainEventMessage<Noted> event(String aggregateId, long sequence) {
    return event(aggregateId, sequence, "main");
  }

  static DomainEventMessage<Noted> event(String aggregateId, long sequence, String by) {
    return new GenericDomainEventMessage<>(
        TYPE, aggregateId, sequence, new Noted(aggregateId + "/" + sequence, by));
  }

  static List<DomainEventMessage<Noted>> events(String aggregateId, long first, int count) {
    return events(aggregateId, first, count, "main");
  }

  static List<DomainEventMessage<Noted>> events(
      String aggregateId, long first, int count, String by) {
    List<DomainEventMessage<Noted>> events = new ArrayList<>();
    for (long s = first; s < first + count; s++) {
      events.add(event(aggregateId, s, by));
    }
    return events;
  }

  static DomainEventMessage<Noted> snapshot(String aggregateId, long sequence) {
    return new GenericDomainEventMessage<>(
        TYPE,
        aggregateId,
        sequence,
        new Noted("snapshot " + aggregateId + "@" + sequence, "snapshotter"));
  }

  List<DomainEventMessage<?>> aggregate(String aggregateId) {
    return engine.readEvents(aggregateId).asStream().collect(Collectors.toList());
  }

  List<TrackedEventMessage<?>> track(TrackingToken from) {
    return track(engine, from);
  }

  static List<TrackedEventMessage<?>> track(
      SequencedMongoEventStorageEngine source, TrackingToken from) {
    try (Stream<? extends TrackedEventMessage<?>> events = source.readEvents(from, false)) {
      return events.limit(10_000).collect(Collectors.toList());
    }
  }

  static List<Long> sequences(DomainEventStream stream) {
    return stream.asStream().map(DomainEventMessage::getSequenceNumber).toList();
  }

  static List<String> labels(List<? extends EventMessage<?>> events) {
    return events.stream().map(m -> ((Noted) m.getPayload()).label()).toList();
  }

  static List<String> as(List<String> labels, ReplayStatus status) {
    return labels.stream().map(label -> label + " " + status).toList();
  }

  static GapAwareTrackingToken token(TrackedEventMessage<?> event) {
    return (GapAwareTrackingToken) event.trackingToken();
  }

  static GapAwareTrackingToken lastToken(List<TrackedEventMessage<?>> events) {
    assertThat(events).isNotEmpty();
    return token(events.get(events.size() - 1));
  }

  static long index(TrackedEventMessage<?> event) {
    return token(event).getIndex();
  }

  static Long[] seq(long fromInclusive, long toExclusive) {
    return LongStream.range(fromInclusive, toExclusive).boxed().toArray(Long[]::new);
  }

  static void await(String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + PATIENCE.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        fail("gave up waiting for " + what + " after " + PATIENCE);
      }
      sleep(Duration.ofMillis(20));
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(PATIENCE.toSeconds(), SECONDS)) {
        throw new IllegalStateException("latch not released within " + PATIENCE);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
