package org.proofassist.hub.projections.batch;

import static org.assertj.core.api.Assertions.assertThat;

import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.axonframework.common.transaction.NoTransactionManager;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.SimpleEventHandlerInvoker;
import org.axonframework.eventhandling.TrackingEventProcessor;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.inmemory.InMemoryTokenStore;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.bson.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.Actor;
import org.proofassist.hub.core.request.ReplyIssued;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestAccepted;
import org.proofassist.hub.core.request.RequestEscalated;
import org.proofassist.hub.core.request.RequestEvent;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.RequestTimedOut;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.Actors;
import org.proofassist.hub.fixtures.ReferenceData;
import org.proofassist.hub.fixtures.Requests;
import org.proofassist.hub.projections.history.RequestHistoryProjection;
import org.proofassist.hub.projections.request.RequestBoards;
import org.proofassist.hub.projections.request.RequestViewProjection;
import org.proofassist.hub.projections.statistics.RequestStatisticsProjection;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The projections' writes gathered over a processor's batch give exactly the documents that
 * handling the events one by one gives, and a batch whose writes fail is handled again without
 * losing or doubling anything. A real {@link TrackingEventProcessor} reads an in-memory event
 * store; the projections write to the embedded server.
 */
class ProjectionBatchTest {

  static final Instant T0 = Instant.parse("2026-11-23T01:30:00Z");
  static final DepartmentId SHUIBU = DepartmentId.of("FZ-PSB-GULOU-SHUIBU");
  static final DepartmentId GULOU = DepartmentId.of("FZ-PSB-GULOU");
  static final int BATCH_SIZE = 50;
  static final List<String> COLLECTIONS =
      List.of(
          RequestViewProjection.COLLECTION,
          RequestBoards.COLLECTION,
          RequestHistoryProjection.COLLECTION,
          RequestStatisticsProjection.FACTS,
          RequestStatisticsProjection.DAYS);

  static MongoServer server;
  static MongoClient client;

  TrackingEventProcessor processor;
  SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @BeforeAll
  static void startServer() {
    server = new MongoServer(new MemoryBackend());
    client = MongoClients.create(server.bindAndGetConnectionString());
  }

  @AfterAll
  static void stopServer() {
    client.close();
    server.shutdownNow();
  }

  @AfterEach
  void stopProcessor() {
    if (processor != null) {
      processor.shutDown();
    }
  }

  @Test
  void writesGatheredOverBatchesGiveTheDocumentsThatOneByOneHandlingGives() {
    List<DomainEventMessage<?>> events = lifecycles(60);
    MongoTemplate oneByOne = database("one-by-one");
    MongoTemplate batched = database("batched");
    handleOneByOne(events, oneByOne);

    AtomicInteger flushes = new AtomicInteger();
    Object counting = new CountsFlushes(flushes);
    process(events, batched, counting);

    for (String collection : COLLECTIONS) {
      assertThat(documents(batched, collection))
          .as(collection)
          .isNotEmpty()
          .isEqualTo(documents(oneByOne, collection));
    }
    assertThat(flushes.get())
        .as("batches written for %d events", events.size())
        .isLessThanOrEqualTo(events.size() / 5);
    Timer lag = meters.get(ProjectionBatchInterceptor.LAG).tag("processor", "projections").timer();
    assertThat(lag.count()).as("events whose lag was recorded").isEqualTo(events.size());
    assertThat(lag.max(TimeUnit.SECONDS)).as("lag, seconds").isLessThan(60);
  }

  @Test
  void aBatchWhoseWritesFailIsHandledAgainAndNothingIsLostOrDoubled() {
    List<DomainEventMessage<?>> events = lifecycles(30);
    MongoTemplate oneByOne = database("one-by-one-2");
    MongoTemplate batched = database("batched-2");
    handleOneByOne(events, oneByOne);

    FailsFirstWrites failing = new FailsFirstWrites(2);
    process(events, batched, failing);

    assertThat(failing.attempts.get()).as("writes attempted").isGreaterThan(2);
    for (String collection : COLLECTIONS) {
      assertThat(documents(batched, collection))
          .as(collection)
          .isEqualTo(documents(oneByOne, collection));
    }
    assertThat(
            documents(batched, RequestHistoryProjection.COLLECTION).stream()
                .mapToInt(history -> history.getList("entries", Document.class).size())
                .sum())
        .as("history entries, none twice")
        .isEqualTo(events.size());
  }

  /** {@code requests} lifecycles, interleaved as in a busy hub: a batch holds many requests. */
  private static List<DomainEventMessage<?>> lifecycles(int requests) {
    List<List<RequestEvent>> lives = new ArrayList<>();
    for (int i = 0; i < requests; i++) {
      RequestId id = RequestId.random();
      Instant at = T0.plusSeconds(60L * i);
      List<RequestEvent> life = new ArrayList<>(Requests.aRoutedSamePersonRequest(id, at));
      life.add(new RequestAccepted(id, SHUIBU, Actors.SHUIBU_OFFICER, at.plusSeconds(30)));
      switch (i % 3) {
        case 0 ->
            life.add(
                new ReplyIssued(
                    id,
                    SHUIBU,
                    ReplyOutcome.CONFIRMED,
                    "系同一人",
                    Map.of("checkedRegister", "常住人口信息系统"),
                    new StampedReply(
                        "eyJ.h.s", "ab12", SHUIBU, "0F", "CN=水部派出所", at.plusSeconds(90)),
                    false,
                    Actors.SHUIBU_OFFICER,
                    at.plusSeconds(90)));
        case 1 -> {
          Instant due = at.plusSeconds(86_400);
          life.add(new RequestEscalated(id, GULOU, due, due.plusSeconds(3_600), Actor.HUB, due));
          life.add(
              new RequestTimedOut(id, due.plusSeconds(3_600), Actor.HUB, due.plusSeconds(3_600)));
        }
        default -> {}
      }
      lives.add(life);
    }
    List<DomainEventMessage<?>> events = new ArrayList<>();
    for (int step = 0; ; step++) {
      boolean any = false;
      for (List<RequestEvent> life : lives) {
        if (step < life.size()) {
          RequestEvent event = life.get(step);
          events.add(
              new GenericDomainEventMessage<>(
                  "VerificationRequest", event.requestId().value(), step, event));
          any = true;
        }
      }
      if (!any) {
        return events;
      }
    }
  }

  private static List<Object> projections(MongoTemplate mongo) {
    Clock clock = Clock.fixed(T0, ZoneOffset.UTC);
    return List.of(
        new RequestViewProjection(
            mongo, ReferenceData.directory(), ReferenceData.catalogue(), clock),
        new RequestHistoryProjection(mongo),
        new RequestStatisticsProjection(mongo, clock));
  }

  private static void handleOneByOne(List<DomainEventMessage<?>> events, MongoTemplate mongo) {
    List<AnnotationEventHandlerAdapter> adapters =
        projections(mongo).stream().map(AnnotationEventHandlerAdapter::new).toList();
    for (DomainEventMessage<?> event : events) {
      for (AnnotationEventHandlerAdapter adapter : adapters) {
        try {
          adapter.handle(event);
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private void process(List<DomainEventMessage<?>> events, MongoTemplate mongo, Object extra) {
    EmbeddedEventStore store =
        EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
    List<Object> handlers = new ArrayList<>(projections(mongo));
    handlers.add(extra);
    processor =
        TrackingEventProcessor.builder()
            .name("projections")
            .eventHandlerInvoker(
                SimpleEventHandlerInvoker.builder()
                    .eventHandlers(handlers)
                    .listenerInvocationErrorHandler(PropagatingErrorHandler.instance())
                    .build())
            .messageSource(store)
            .tokenStore(new InMemoryTokenStore())
            .transactionManager(NoTransactionManager.INSTANCE)
            .trackingEventProcessorConfiguration(
                TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                    .andBatchSize(BATCH_SIZE))
            .build();
    processor.registerHandlerInterceptor(
        new ProjectionBatchInterceptor("projections", meters, Clock.systemUTC()));
    processor.start();
    Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
    while (processor.processingStatus().isEmpty()) {
      assertThat(Instant.now()).as("segment claimed in time").isBefore(deadline);
      pause();
    }
    // published once the processor tracks the store: handled live, not as a replay of what was
    // there before it started
    store.publish(events);
    long last = events.size() - 1;
    while (processor.processingStatus().values().stream()
        .noneMatch(
            status -> !status.isErrorState() && status.getCurrentPosition().orElse(-1) >= last)) {
      assertThat(Instant.now()).as("processed in time").isBefore(deadline);
      pause();
    }
    processor.shutDown();
  }

  private static void pause() {
    try {
      Thread.sleep(20);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static MongoTemplate database(String name) {
    MongoTemplate mongo = new MongoTemplate(client, name);
    COLLECTIONS.forEach(mongo::dropCollection);
    return mongo;
  }

  private static List<Document> documents(MongoTemplate mongo, String collection) {
    return mongo
        .getCollection(collection)
        .find()
        .sort(new Document("_id", 1))
        .into(new ArrayList<>());
  }

  /** Counts the batches written: one write per batch that holds a request event. */
  static final class CountsFlushes {
    private final AtomicInteger flushes;

    CountsFlushes(AtomicInteger flushes) {
      this.flushes = flushes;
    }

    @EventHandler
    void on(RequestEvent event) {
      ProjectionBatch.write(this, () -> flushes::incrementAndGet, writes -> {});
    }
  }

  /**
   * Fails its first writes, after the projections' own (begun earlier in the batch) are made: the
   * processor stores no token and handles the batch again.
   */
  static final class FailsFirstWrites {
    final AtomicInteger attempts = new AtomicInteger();
    private final int failures;

    FailsFirstWrites(int failures) {
      this.failures = failures;
    }

    @EventHandler
    void on(RequestEvent event) {
      ProjectionBatch.write(
          this,
          () ->
              () -> {
                if (attempts.incrementAndGet() <= failures) {
                  throw new IllegalStateException("the store went away");
                }
              },
          writes -> {});
    }
  }
}
