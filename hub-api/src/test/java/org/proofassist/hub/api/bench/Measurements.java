package org.proofassist.hub.api.bench;

import static com.mongodb.client.model.Filters.in;

import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Projections;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.proofassist.hub.api.bench.RequestLifecycles.Lifecycle;
import org.proofassist.hub.api.mongo.eventstore.GroupCommit;

/** The benchmark's measurements. Each is bounded in time and in count. */
final class Measurements {

  /** Loads taken even when they are slower than the time allows. */
  static final int MIN_LOADS = 3;

  /**
   * Events the tracking read takes even when they are slower than the time allows: one batch, so
   * that an engine whose first batch takes longer than the time is not measured by one event.
   */
  static final int MIN_TRACKED_EVENTS = 100;

  /** Requests each appending thread has in flight at once. */
  private static final int REQUESTS_PER_APPENDER = 8;

  /** Ids read for the raw read: more than any backend reads in the time given. */
  private static final int MAX_RAW_IDS = 400_000;

  private static final long HISTOGRAM_MAX_MICROS = 3_600_000_000L;

  private static final AtomicLong SCRATCH = new AtomicLong();

  /** Keeps the JIT from discarding deserialized payloads. */
  private static volatile int sink;

  private Measurements() {}

  // ------------------------------------------------------------------------------------ append

  /**
   * Appending threads, each with a few requests in flight, each call one unit of work of one
   * request, as the hub's command handlers append.
   */
  static BenchResults.Append append(
      EventStorageEngine engine,
      RequestLifecycles lifecycles,
      int threads,
      double seconds,
      long maxEvents,
      GroupCommit groupCommit) {
    Histogram[] latencies = new Histogram[threads];
    long[] units = new long[threads];
    long[] events = new long[threads];
    long[] ends = new long[threads];
    long[] failed = new long[threads];
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> workers = new ArrayList<>();
    long commitsBefore = groupCommit == null ? 0 : groupCommit.commits();
    long budget = (long) (seconds * 1e9);
    long[] start = new long[1];
    long perThread = Math.max(1, maxEvents / threads);
    for (int t = 0; t < threads; t++) {
      int me = t;
      latencies[t] = new Histogram(HISTOGRAM_MAX_MICROS, 3);
      Thread worker =
          new Thread(
              () -> {
                try {
                  List<Lifecycle> open = new ArrayList<>();
                  for (int i = 0; i < REQUESTS_PER_APPENDER; i++) {
                    open.add(lifecycles.next());
                  }
                  go.await();
                  long deadline = start[0] + budget;
                  int next = 0;
                  long now = System.nanoTime();
                  while (now < deadline && events[me] < perThread) {
                    Lifecycle lifecycle = open.get(next);
                    List<DomainEventMessage<?>> unit = lifecycle.nextUnit();
                    long before = System.nanoTime();
                    try {
                      engine.appendEvents(unit);
                    } catch (RuntimeException e) {
                      // Counted and shown: a refused append is a failed command in the hub.
                      failed[me]++;
                      failure.compareAndSet(null, e);
                      open.set(next, lifecycles.next());
                      now = System.nanoTime();
                      continue;
                    }
                    now = System.nanoTime();
                    latencies[me].recordValue(Math.max(1, (now - before) / 1000));
                    units[me]++;
                    events[me] += unit.size();
                    if (lifecycle.done()) {
                      open.set(next, lifecycles.next());
                    }
                    next = (next + 1) % open.size();
                  }
                  ends[me] = now;
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              },
              "bench-append-" + t);
      workers.add(worker);
      worker.start();
    }
    start[0] = System.nanoTime();
    go.countDown();
    joinAll(workers);
    Histogram all = new Histogram(HISTOGRAM_MAX_MICROS, 3);
    long totalUnits = 0;
    long totalEvents = 0;
    long totalFailed = 0;
    long end = start[0];
    for (int t = 0; t < threads; t++) {
      totalFailed += failed[t];
      all.add(latencies[t]);
      totalUnits += units[t];
      totalEvents += events[t];
      end = Math.max(end, ends[t]);
    }
    double elapsed = (end - start[0]) / 1e9;
    return new BenchResults.Append(
        threads,
        totalUnits,
        totalEvents,
        elapsed,
        totalEvents / elapsed,
        all.getValueAtPercentile(50) / 1000.0,
        all.getValueAtPercentile(99) / 1000.0,
        groupCommit == null ? null : groupCommit.commits() - commitsBefore,
        totalFailed,
        failure.get() == null ? null : describe(failure.get()));
  }

  private static String describe(Throwable failure) {
    StringBuilder text = new StringBuilder(failure.toString());
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause()) {
      text.append(" <- ").append(cause);
    }
    for (StackTraceElement frame : failure.getStackTrace()) {
      if (frame.getClassName().startsWith("org.proofassist")) {
        return text.append(" at ").append(frame).toString();
      }
    }
    return text.toString();
  }

  private static void joinAll(List<Thread> workers) {
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the appenders", e);
      }
    }
  }

  // ------------------------------------------------------------------------------------- loads

  /** Random stored requests loaded with {@code readEvents(aggregateId)}, fully consumed. */
  static BenchResults.Load loads(
      EventStorageEngine engine,
      StoreFiller store,
      int maxSamples,
      double seconds,
      long seed,
      Progress progress) {
    SplittableRandom random = new SplittableRandom(seed);
    Histogram latencies = new Histogram(HISTOGRAM_MAX_MICROS, 3);
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    int samples = 0;
    int wrong = 0;
    long events = 0;
    while (samples < maxSamples && (System.nanoTime() < deadline || samples < MIN_LOADS)) {
      long index = store.randomStoredRequest(random);
      String aggregateId = store.aggregateId(index);
      long before = System.nanoTime();
      DomainEventStream stream = engine.readEvents(aggregateId);
      int count = 0;
      while (stream.hasNext()) {
        DomainEventMessage<?> event = stream.next();
        sink += event.getPayload().hashCode();
        count++;
      }
      latencies.recordValue(Math.max(1, (System.nanoTime() - before) / 1000));
      samples++;
      events += count;
      if (count != store.committed(index)) {
        wrong++;
      }
      progress.tick("loads", samples, maxSamples, start);
    }
    return new BenchResults.Load(
        samples,
        events,
        (System.nanoTime() - start) / 1e9,
        latencies.getValueAtPercentile(50) / 1000.0,
        latencies.getValueAtPercentile(99) / 1000.0,
        latencies.getMaxValue() / 1000.0,
        wrong);
  }

  // ---------------------------------------------------------------------------------- tracking

  /** The event stream from the start, as a tracking processor reads it, for a bounded time. */
  static BenchResults.Tracking tracking(
      EventStorageEngine engine, double seconds, long eventsInStore, Progress progress) {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long events = 0;
    long firstEvent = -1;
    boolean reachedEnd;
    try (Stream<? extends TrackedEventMessage<?>> stream = engine.readEvents(null, false)) {
      Iterator<? extends TrackedEventMessage<?>> iterator = stream.iterator();
      while (true) {
        if (events >= MIN_TRACKED_EVENTS && System.nanoTime() >= deadline) {
          reachedEnd = false;
          break;
        }
        if (!iterator.hasNext()) {
          reachedEnd = true;
          break;
        }
        TrackedEventMessage<?> event = iterator.next();
        sink += event.getPayload().hashCode() + event.trackingToken().hashCode();
        if (firstEvent < 0) {
          firstEvent = System.nanoTime();
        }
        events++;
        if ((events & 1023) == 0) {
          progress.tick("tracking", events, eventsInStore, start);
        }
      }
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new BenchResults.Tracking(
        events,
        elapsed,
        events / elapsed,
        firstEvent < 0 ? -1 : (firstEvent - start) / 1e6,
        reachedEnd,
        eventsInStore);
  }

  // ------------------------------------------------------------------------------- raw driver

  /** The ids of the engine's documents in stored order (at most {@value #MAX_RAW_IDS}). */
  static List<Object> storedIds(MongoCollection<Document> collection) {
    List<Object> ids = new ArrayList<>();
    for (Document document :
        collection
            .find()
            .projection(Projections.include("_id"))
            .limit(MAX_RAW_IDS)
            .batchSize(10_000)) {
      ids.add(document.get("_id"));
    }
    return ids;
  }

  /**
   * The driver alone reading the engine's documents, in the order they were stored, by {@code _id
   * $in} batches of {@code batch} ids.
   *
   * @param ids from {@link #storedIds}, listed before the other reads of the same size so that the
   *     full scan that lists them leaves the same cache behind for all of them
   */
  static BenchResults.RawRead rawIdIn(
      MongoCollection<Document> collection,
      List<Object> ids,
      double listSeconds,
      int batch,
      double seconds,
      boolean commitDocuments,
      Progress progress) {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long queries = 0;
    long documents = 0;
    long events = 0;
    for (int from = 0; from < ids.size() && System.nanoTime() < deadline; from += batch) {
      List<Object> slice = ids.subList(from, Math.min(ids.size(), from + batch));
      for (Document document : collection.find(in("_id", slice))) {
        documents++;
        events += eventsIn(document, commitDocuments);
      }
      queries++;
      progress.tick("raw _id $in", documents, ids.size(), start);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new BenchResults.RawRead(
        "_id $in " + batch + " ids of stored documents",
        queries,
        documents,
        events,
        elapsed,
        documents / elapsed,
        events / elapsed,
        listSeconds);
  }

  /**
   * The driver alone asking what the sequenced engine's tracking asks: {@code _id $in} the next
   * {@code window} positions, of which only the first position of each commit is a document.
   */
  static BenchResults.RawRead rawPositions(
      MongoCollection<Document> collection,
      int window,
      double seconds,
      long eventsInStore,
      Progress progress) {
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long queries = 0;
    long documents = 0;
    long events = 0;
    for (long from = 0; from < eventsInStore && System.nanoTime() < deadline; from += window) {
      List<Long> positions = LongStream.range(from, from + window).boxed().toList();
      for (Document document : collection.find(in("_id", positions))) {
        documents++;
        events += eventsIn(document, true);
      }
      queries++;
      progress.tick("raw positions $in", events, eventsInStore, start);
    }
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new BenchResults.RawRead(
        "_id $in " + window + " consecutive positions (the sequenced tracking query)",
        queries,
        documents,
        events,
        elapsed,
        documents / elapsed,
        events / elapsed,
        0);
  }

  /** Lays the sequenced engine's commits side by side and counts overlaps and holes. */
  static BenchResults.PositionCheck positionCheck(MongoCollection<Document> commits) {
    List<long[]> ranges = new ArrayList<>();
    for (Document commit :
        commits.find().projection(Projections.include("_id", "count")).batchSize(10_000)) {
      ranges.add(
          new long[] {
            ((Number) commit.get("_id")).longValue(), ((Number) commit.get("count")).longValue()
          });
    }
    ranges.sort((a, b) -> Long.compare(a[0], b[0]));
    long overlaps = 0;
    long holes = 0;
    long firstOverlap = -1;
    long end = 0;
    for (long[] range : ranges) {
      if (range[0] < end) {
        overlaps++;
        if (firstOverlap < 0) {
          firstOverlap = range[0];
        }
      } else if (range[0] > end) {
        holes++;
      }
      end = Math.max(end, range[0] + range[1]);
    }
    return new BenchResults.PositionCheck(ranges.size(), overlaps, holes, firstOverlap);
  }

  private static int eventsIn(Document document, boolean commitDocument) {
    if (!commitDocument) {
      return 1;
    }
    List<?> entries = document.getList("events", Object.class);
    return entries == null ? 0 : entries.size();
  }

  /**
   * The driver alone inserting event-sized documents (shaped like {@code axon-mongo}'s, one per
   * event) into a scratch collection: 100 per {@code insertMany}; one unit of work (1–3) per call;
   * and, on disk, one unit of work per call followed by a commit of the store.
   */
  static BenchResults.RawInsert rawInsert(
      BenchServer server, List<Document> eventDocuments, double seconds) {
    int[] unitSizes = {2, 1, 3, 1, 2, 1, 1, 2};
    double batch = insertRate(server, eventDocuments, new int[] {100}, seconds, false);
    double unit = insertRate(server, eventDocuments, unitSizes, seconds, false);
    Double durable =
        server.kind().onDisk ? insertRate(server, eventDocuments, unitSizes, seconds, true) : null;
    return new BenchResults.RawInsert(batch, unit, durable);
  }

  private static double insertRate(
      BenchServer server,
      List<Document> templates,
      int[] callSizes,
      double seconds,
      boolean commitAfterEach) {
    MongoCollection<Document> scratch =
        server.database().getCollection("bench_raw_insert_" + SCRATCH.incrementAndGet());
    long start = System.nanoTime();
    long deadline = start + (long) (seconds * 1e9);
    long inserted = 0;
    int call = 0;
    int template = 0;
    while (System.nanoTime() < deadline) {
      int size = callSizes[call++ % callSizes.length];
      List<Document> documents = new ArrayList<>(size);
      for (int i = 0; i < size; i++) {
        documents.add(new Document(templates.get(template++ % templates.size())));
      }
      scratch.insertMany(documents);
      if (commitAfterEach) {
        server.commit();
      }
      inserted += size;
    }
    double rate = inserted / ((System.nanoTime() - start) / 1e9);
    scratch.drop();
    return rate;
  }

  /** Documents shaped as {@code axon-mongo} stores an event, for the raw insert limit. */
  static List<Document> eventDocuments(RequestLifecycles lifecycles, Serializer serializer) {
    List<Document> documents = new ArrayList<>();
    while (documents.size() < 1_000) {
      Lifecycle lifecycle = lifecycles.next();
      while (!lifecycle.done()) {
        for (DomainEventMessage<?> event : lifecycle.nextUnit()) {
          documents.add(eventDocument(event, serializer));
        }
      }
    }
    return documents;
  }

  private static Document eventDocument(DomainEventMessage<?> event, Serializer serializer) {
    SerializedObject<String> payload = event.serializePayload(serializer, String.class);
    SerializedObject<String> metaData = event.serializeMetaData(serializer, String.class);
    return new Document("aggregateIdentifier", event.getAggregateIdentifier())
        .append("type", event.getType())
        .append("sequenceNumber", event.getSequenceNumber())
        .append("serializedPayload", payload.getData())
        .append("timestamp", event.getTimestamp().toString())
        .append("payloadType", payload.getType().getName())
        .append("payloadRevision", payload.getType().getRevision())
        .append("serializedMetaData", metaData.getData())
        .append("eventIdentifier", event.getIdentifier());
  }

  /** The mean size of the events' payloads as JSON, to show they are event-sized. */
  static double payloadJsonBytes(RequestLifecycles lifecycles, Serializer serializer) {
    long bytes = 0;
    int count = 0;
    for (int i = 0; i < 200; i++) {
      Lifecycle lifecycle = lifecycles.next();
      while (!lifecycle.done()) {
        for (EventMessage<?> event : lifecycle.nextUnit()) {
          bytes +=
              event
                  .serializePayload(serializer, String.class)
                  .getData()
                  .getBytes(java.nio.charset.StandardCharsets.UTF_8)
                  .length;
          count++;
        }
      }
    }
    return bytes / (double) count;
  }
}
