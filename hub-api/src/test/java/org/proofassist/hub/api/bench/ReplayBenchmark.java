package org.proofassist.hub.api.bench;

import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.MongoDatabase;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.json.JacksonSerializer;
import org.bson.Document;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.ProofAssistHubApplication;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;
import org.proofassist.hub.api.replay.ProcessorProgress;
import org.proofassist.hub.api.replay.ProjectionReplay;
import org.proofassist.hub.api.replay.Replays;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The replay benchmark (not a test): how fast the hub rebuilds every projection from its event
 * store, against the raw speed of reading the same events with the MongoDB driver in the same run.
 *
 * <p>One run, on the hub itself (the Spring Boot application with its embedded on-disk store, as
 * {@code java -jar} starts it, in a temporary data directory):
 *
 * <ol>
 *   <li>a few real request lifecycles are driven over HTTP (every path: answered, clarified,
 *       forwarded and declined, dispatched and extended, withdrawn; replies sealed for real) and
 *       recorded as templates ({@link RecordedLifecycles});
 *   <li>the processors are shut down and the store is filled to {@code bench.replay.events} events
 *       by appending clones of those lifecycles (own request ids, times on a simulated clock over
 *       {@code bench.replay.days} days) through the hub's own event storage engine, in big {@code
 *       appendEvents} calls that each carry the next unit of work of a few thousand requests in
 *       flight: the stored commits are what the hub's commands store, interleaved as in a busy hub;
 *   <li>raw: the driver alone reads every {@code event_commits} document — a natural-order scan,
 *       then in {@code _id} order ({@code _id $in} windows of consecutive positions, the shape the
 *       engine's tracking uses; a sort by {@code _id} is a full in-memory sort on the embedded
 *       server), then in {@code _id} order again with every payload parsed by Jackson;
 *   <li>hub: a replay through {@link Replays} (every streaming processor reset and started again),
 *       timed until every processor has reached the head position; per processor too;
 *   <li>live: normal load on the replayed hub ({@link LiveLoad}): answer times of each step and the
 *       projections' lag, from an event to its change being visible.
 * </ol>
 *
 * <pre>
 * ./mvnw -B -q -Pbenchmark -pl hub-api -am process-test-classes -Dbench=replay \
 *     -Dbench.replay.events=100000
 * </pre>
 *
 * <p>({@code -Dbench=replay} needs the {@code replay-benchmark} profile in {@code hub-api/pom.xml};
 * without it, {@code -Dbench.main=org.proofassist.hub.api.bench.ReplayBenchmark
 * -Dbench.result=replay.json} selects it.) Options are system properties: {@code
 * bench.replay.events} (1,000,000), {@code bench.replay.backend} ({@code h2}, or {@code h2-mem}),
 * {@code bench.replay.maxMinutes} (30), {@code bench.replay.days} (365), {@code
 * bench.replay.fillThreads} (2), {@code bench.replay.fillWave} (2,000), {@code
 * bench.replay.rawWindow} (1,000), {@code bench.live.lifecycles} (200; 0: none), {@code
 * bench.live.rate} (2 per second), {@code bench.seed}, {@code bench.out}, {@code bench.tempDir}.
 */
public final class ReplayBenchmark {

  private static final Instant CLOCK_START = Instant.parse("2026-01-05T00:00:00Z");

  private ReplayBenchmark() {}

  /** The options, as system properties. */
  record Options(
      long events,
      boolean inMemory,
      int fillThreads,
      int fillWave,
      int days,
      int rawWindow,
      long seed,
      double maxMinutes,
      int liveLifecycles,
      double liveRate,
      Path out,
      Path tempDir) {

    static Options fromSystemProperties() {
      String out = System.getProperty("bench.out.default", "target/bench/replay.json");
      if (out.endsWith("event-store.json")) {
        out = out.substring(0, out.length() - "event-store.json".length()) + "replay.json";
      }
      return new Options(
          Long.parseLong(System.getProperty("bench.replay.events", "1000000").replace("_", "")),
          "h2-mem".equals(System.getProperty("bench.replay.backend", "h2")),
          Integer.parseInt(System.getProperty("bench.replay.fillThreads", "2")),
          Integer.parseInt(System.getProperty("bench.replay.fillWave", "2000")),
          Integer.parseInt(System.getProperty("bench.replay.days", "365")),
          Integer.parseInt(System.getProperty("bench.replay.rawWindow", "1000")),
          Long.parseLong(System.getProperty("bench.seed", "20261122")),
          Double.parseDouble(System.getProperty("bench.replay.maxMinutes", "30")),
          Integer.parseInt(System.getProperty("bench.live.lifecycles", "200")),
          Double.parseDouble(System.getProperty("bench.live.rate", "2")),
          Path.of(System.getProperty("bench.out", out)),
          Path.of(System.getProperty("bench.tempDir", System.getProperty("java.io.tmpdir"))));
    }
  }

  public static void main(String[] args) throws IOException {
    try {
      run(Options.fromSystemProperties());
    } catch (RuntimeException e) {
      e.printStackTrace(); // exec:java shows only the message
      throw e;
    }
  }

  private static void run(Options options) throws IOException {
    Progress progress = new Progress();
    Map<String, Object> results = new LinkedHashMap<>();
    results.put("options", options.toString());
    Path dataDir = Files.createTempDirectory(options.tempDir(), "replay-bench-");
    progress.line(
        "replay benchmark: %,d events, %s store in %s",
        options.events(), options.inMemory() ? "H2 in-memory" : "H2 on-disk", dataDir);
    try (ConfigurableApplicationContext hub = start(dataDir, options)) {
      EventStorageEngine engine = hub.getBean(EventStorageEngine.class);
      Serializer serializer = hub.getBean("eventSerializer", Serializer.class);
      ObjectMapper mapper = ((JacksonSerializer) serializer).getObjectMapper();
      MongoDatabase database = hub.getBean(MongoTemplate.class).getDb();
      int port = ((WebServerApplicationContext) hub).getWebServer().getPort();
      org.axonframework.config.Configuration axon =
          hub.getBean(org.axonframework.config.Configuration.class);

      progress.context("[templates]");
      List<RecordedLifecycles.Template> templates =
          RecordedLifecycles.record(new HubClient(port), engine, database);
      long clones = (long) Math.ceil(options.events() / 6.0);
      RecordedLifecycles lifecycles =
          new RecordedLifecycles(
              templates,
              mapper,
              options.seed(),
              CLOCK_START,
              Math.max(1, Duration.ofDays(options.days()).toMillis() / Math.max(1, clones)));
      List<Map<String, Object>> templateRows = new ArrayList<>();
      for (RecordedLifecycles.Template template : templates) {
        progress.line(
            "%s: %d events in %d commits, weight %d",
            template.name(), template.events(), template.units().size(), template.weight());
        templateRows.add(
            Map.of(
                "name", template.name(),
                "events", template.events(),
                "commits", template.units().size(),
                "weight", template.weight()));
      }
      results.put("templates", templateRows);
      results.put("eventsPerRequest", lifecycles.eventsPerRequest());

      List<StreamingEventProcessor> processors = streamingProcessors(axon);
      processors.forEach(StreamingEventProcessor::shutDown);
      progress.line(
          "processors shut down for the fill: %s",
          processors.stream().map(StreamingEventProcessor::getName).toList());

      progress.context("[fill]");
      long before = head(engine) + 1;
      Map<String, Object> fill =
          fill(engine, lifecycles, options, Math.max(0, options.events() - before), progress);
      results.put("fill", fill);
      long events = head(engine) + 1;
      long requests = templates.size() + lifecycles.begun();
      results.put("eventsInStore", events);
      results.put("requests", requests);
      progress.line(
          "store: %,d events (positions 0 … %,d), %,d requests", events, events - 1, requests);

      progress.context("[raw]");
      MongoCollection<Document> commits =
          database.getCollection(SequencedMongoEventStorageEngine.COMMITS);
      Map<String, Object> raw = new LinkedHashMap<>();
      // A natural-order scan keeps one cursor open for the whole store; on H2 a cursor open
      // longer than the MVStore's retention time (45 s) can fail ("Chunk … not found"), so large
      // runs may leave it out: bench.replay.raw=idOrder,idOrderJackson
      List<String> reads =
          List.of(System.getProperty("bench.replay.raw", "scan,idOrder,idOrderJackson").split(","));
      if (reads.contains("scan")) {
        raw.put("scan", rawScan(commits, events, progress));
      }
      if (reads.contains("idOrder")) {
        raw.put("idOrder", rawIdOrder(commits, events, options.rawWindow(), null, progress));
      }
      if (reads.contains("idOrderJackson")) {
        raw.put(
            "idOrderJackson", rawIdOrder(commits, events, options.rawWindow(), mapper, progress));
      }
      results.put("raw", raw);

      progress.context("[replay]");
      Map<String, Object> replay = replay(hub.getBean(Replays.class), options, events, progress);
      results.put("replay", replay);

      progress.context("[check]");
      Map<String, Object> check = new LinkedHashMap<>();
      List<String> checked =
          Boolean.TRUE.equals(replay.get("complete"))
              ? List.of("request_views", "request_history", "request_facts")
              : List.of();
      for (String collection : checked) {
        long count = database.getCollection(collection).estimatedDocumentCount();
        check.put(collection, count);
        progress.line(
            "%s: %,d documents for %,d requests%s",
            collection, count, requests, count == requests ? "" : " — MISMATCH");
      }
      results.put("check", check);

      if (options.liveLifecycles() > 0) {
        progress.context("[live]");
        progress.line(
            "%,d lifecycles at %.1f per second over HTTP",
            options.liveLifecycles(), options.liveRate());
        Map<String, Object> live =
            LiveLoad.run(
                new HubClient(port),
                hub.getBean(MeterRegistry.class),
                options.liveLifecycles(),
                options.liveRate(),
                progress);
        results.put("live", live);
      }

      double hubRate = ((Number) replay.get("eventsPerSecond")).doubleValue();
      Map<String, Object> ratios = new LinkedHashMap<>();
      for (String figure : raw.keySet()) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) raw.get(figure);
        ratios.put("hubVs_" + figure, hubRate / ((Number) r.get("eventsPerSecond")).doubleValue());
      }
      results.put("ratios", ratios);
      results.put("machine", machine());
      results.put("runSeconds", progress.elapsedSeconds());
    } finally {
      deleteTree(dataDir);
      // Axon's handler-timeout janitor is a static executor of non-daemon threads that nothing
      // shuts down: without this the JVM (and exec:java) would not end after the hub is closed.
      org.axonframework.messaging.timeout.AxonTaskJanitor.INSTANCE.shutdown();
    }
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    new ObjectMapper()
        .enable(SerializationFeature.INDENT_OUTPUT)
        .writeValue(options.out().toFile(), results);
    System.out.println(markdown(results));
    System.out.flush();
    progress.context("");
    progress.line("done in %s; results in %s", progress.elapsed(), options.out().toAbsolutePath());
  }

  private static ConfigurableApplicationContext start(Path dataDir, Options options) {
    return new SpringApplicationBuilder(ProofAssistHubApplication.class)
        .run(
            "--server.port=0",
            "--hub.data-dir=" + dataDir,
            "--hub.embedded-mongo.in-memory=" + options.inMemory(),
            "--spring.main.banner-mode=off",
            "--logging.level.root=WARN",
            "--logging.level.org.proofassist.hub.api.replay=INFO",
            "--hub.replay.progress-interval=15s");
  }

  // ----------------------------------------------------------------------------------- fill

  /**
   * Appends clones until {@code target} more events are stored: each thread keeps {@code fillWave /
   * fillThreads} requests in flight, and one {@code appendEvents} call carries the next unit of
   * work (one commit) of each.
   */
  private static Map<String, Object> fill(
      EventStorageEngine engine,
      RecordedLifecycles lifecycles,
      Options options,
      long target,
      Progress progress) {
    long start = System.nanoTime();
    AtomicLong reserved = new AtomicLong();
    AtomicLong stored = new AtomicLong();
    AtomicLong calls = new AtomicLong();
    AtomicReference<RuntimeException> failure = new AtomicReference<>();
    // Few enough in flight that most requests are complete when the target is reached.
    int wave =
        (int)
            Math.max(
                1, Math.min(options.fillWave(), Math.max(10, target / 50)) / options.fillThreads());
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < options.fillThreads(); t++) {
      Thread worker =
          new Thread(
              () -> {
                try {
                  List<RecordedLifecycles.Clone> mine = new ArrayList<>();
                  while (true) {
                    while (mine.size() < wave) {
                      mine.add(lifecycles.next());
                    }
                    long claimed;
                    long room;
                    do {
                      claimed = reserved.get();
                      room = Math.min(target - claimed, 2L * mine.size());
                    } while (room > 0 && !reserved.compareAndSet(claimed, claimed + room));
                    List<EventMessage<?>> round = new ArrayList<>();
                    for (RecordedLifecycles.Clone clone : mine) {
                      if (round.size() >= room) {
                        break;
                      }
                      List<DomainEventMessage<?>> unit = clone.nextUnit();
                      round.addAll(unit);
                    }
                    if (round.isEmpty()) {
                      return;
                    }
                    reserved.addAndGet(round.size() - room);
                    engine.appendEvents(round);
                    calls.incrementAndGet();
                    long done = stored.addAndGet(round.size());
                    synchronized (progress) {
                      progress.tick("fill", done, target, start);
                    }
                    mine.removeIf(RecordedLifecycles.Clone::done);
                  }
                } catch (RuntimeException e) {
                  failure.compareAndSet(null, e);
                }
              },
              "replay-bench-fill-" + t);
      workers.add(worker);
      worker.start();
    }
    for (Thread worker : workers) {
      try {
        worker.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while filling", e);
      }
    }
    if (failure.get() != null) {
      throw failure.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    progress.line(
        "filled %,d events in %.1f s (%,.0f events/s, %,d appendEvents calls)",
        stored.get(), seconds, stored.get() / seconds, calls.get());
    Map<String, Object> fill = new LinkedHashMap<>();
    fill.put("events", stored.get());
    fill.put("seconds", seconds);
    fill.put("eventsPerSecond", stored.get() / seconds);
    fill.put("appendCalls", calls.get());
    fill.put(
        "how", "clones of recorded lifecycles through the hub's EventStorageEngine.appendEvents");
    return fill;
  }

  // ------------------------------------------------------------------------------------ raw

  /** The driver alone, every document in stored (natural) order. */
  private static Map<String, Object> rawScan(
      MongoCollection<Document> commits, long events, Progress progress) {
    long start = System.nanoTime();
    long documents = 0;
    long read = 0;
    long sink = 0;
    for (Document commit : commits.find().batchSize(1000)) {
      documents++;
      List<Document> entries = commit.getList("events", Document.class);
      read += entries.size();
      for (Document entry : entries) {
        sink += entry.getString("payload").length();
      }
      if ((documents & 1023) == 0) {
        progress.tick("raw scan", read, events, start);
      }
    }
    return rawResult(
        "natural-order scan, batches of 1,000", documents, read, start, sink, progress);
  }

  /**
   * The driver alone, every document in {@code _id} order: {@code _id $in} windows of {@code
   * window} consecutive positions, each window's documents in order; with {@code json}, every
   * payload is also parsed into a Jackson tree.
   */
  private static Map<String, Object> rawIdOrder(
      MongoCollection<Document> commits,
      long events,
      int window,
      ObjectMapper json,
      Progress progress) {
    long start = System.nanoTime();
    long documents = 0;
    long read = 0;
    long sink = 0;
    String what = json == null ? "raw _id order" : "raw _id order + Jackson";
    for (long from = 0; from < events; from += window) {
      List<Long> positions = LongStream.range(from, from + window).boxed().toList();
      List<Document> batch = new ArrayList<>(window);
      commits.find(in("_id", positions)).batchSize(window).forEach(batch::add);
      batch.sort(Comparator.comparingLong(d -> ((Number) d.get("_id")).longValue()));
      for (Document commit : batch) {
        documents++;
        for (Document entry : commit.getList("events", Document.class)) {
          read++;
          String payload = entry.getString("payload");
          if (json == null) {
            sink += payload.length();
          } else {
            try {
              sink += json.readTree(payload).size();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
        }
      }
      progress.tick(what, read, events, start);
    }
    return rawResult(
        "_id $in "
            + String.format(Locale.ROOT, "%,d", window)
            + " consecutive positions, in order"
            + (json == null ? "" : ", payload JSON parsed by Jackson (readTree)"),
        documents,
        read,
        start,
        sink,
        progress);
  }

  private static Map<String, Object> rawResult(
      String how, long documents, long events, long start, long sink, Progress progress) {
    double seconds = (System.nanoTime() - start) / 1e9;
    progress.line(
        "%s: %,d events in %,d documents in %.1f s = %,.0f events/s (checksum %d)",
        how, events, documents, seconds, events / seconds, sink);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("how", how);
    result.put("documents", documents);
    result.put("events", events);
    result.put("seconds", seconds);
    result.put("eventsPerSecond", events / seconds);
    result.put("loadAverage", Progress.loadAverage());
    return result;
  }

  // --------------------------------------------------------------------------------- replay

  /**
   * A replay of every projection through the hub's own {@link Replays}, timed until every processor
   * has reached the head; measured for at most {@code bench.replay.maxMinutes}, after which the
   * rates so far are reported and the rest extrapolated.
   */
  private static Map<String, Object> replay(
      Replays replays, Options options, long events, Progress progress) {
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long maxHeap = heapBefore;
    long start = System.nanoTime();
    ProjectionReplay replay = replays.start("replay-benchmark");
    Map<String, Double> processorSeconds = new LinkedHashMap<>();
    long deadline = start + (long) (options.maxMinutes() * 60e9);
    boolean complete = true;
    while (true) {
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted during the replay", e);
      }
      maxHeap = Math.max(maxHeap, memory.getHeapMemoryUsage().getUsed());
      replay = replays.find(replay.id()).orElseThrow();
      double seconds = (System.nanoTime() - start) / 1e9;
      for (ProcessorProgress processor : replay.processors()) {
        if (processor.done()) {
          processorSeconds.putIfAbsent(processor.name(), seconds);
        }
      }
      if (replay.state() != ProjectionReplay.State.RUNNING) {
        break;
      }
      progress.tick("replay (slowest processor)", slowest(replay), events, start);
      if (System.nanoTime() > deadline) {
        complete = false;
        break;
      }
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (complete && replay.state() != ProjectionReplay.State.DONE) {
      throw new IllegalStateException("the replay failed: " + replay.failure());
    }
    long slowest = slowest(replay);
    long delivered = replay.processors().stream().mapToLong(ProcessorProgress::eventsDone).sum();
    if (!complete) {
      progress.line(
          "stopped measuring after %.0f s (bench.replay.maxMinutes): the slowest processor had"
              + " handled %,d of %,d events",
          seconds, slowest, events);
      for (ProcessorProgress processor : replay.processors()) {
        processorSeconds.putIfAbsent(
            processor.name(), seconds * events / Math.max(1, processor.eventsDone()));
      }
    }
    double rate = (complete ? events : slowest) / seconds;
    System.gc();
    long heapAfter = memory.getHeapMemoryUsage().getUsed();
    progress.line(
        "replay of %d processors: %,d events each %s %.1f s = %,.0f events/s (%,.0f handler"
            + " deliveries/s); heap %,d MiB before, %,d MiB at most, %,d MiB after GC",
        replay.processors().size(),
        complete ? events : slowest,
        complete ? "in" : "(the slowest processor, not finished) in",
        seconds,
        rate,
        delivered / seconds,
        heapBefore >> 20,
        maxHeap >> 20,
        heapAfter >> 20);
    List<Map<String, Object>> perProcessor = new ArrayList<>();
    for (Map.Entry<String, Double> processor : processorSeconds.entrySet()) {
      progress.line(
          "  %s %s %.1f s = %,.0f events/s",
          processor.getKey(),
          complete ? "reached the head after" : "reaches the head, at its rate so far, after",
          processor.getValue(),
          events / processor.getValue());
      perProcessor.add(
          Map.of(
              "name", processor.getKey(),
              "secondsToHead", processor.getValue(),
              "eventsPerSecond", events / processor.getValue()));
    }
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("replayId", replay.id());
    result.put("complete", complete);
    result.put("slowestProcessorEventsDone", slowest);
    result.put("processors", perProcessor);
    result.put("seconds", seconds);
    result.put("eventsPerSecond", rate);
    result.put("handlerDeliveriesPerSecond", delivered / seconds);
    result.put("heapUsedBeforeMiB", heapBefore >> 20);
    result.put("heapUsedMaxMiB", maxHeap >> 20);
    result.put("heapUsedAfterGcMiB", heapAfter >> 20);
    result.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    result.put("projectedSecondsFor1M", 1_000_000.0 / rate);
    result.put("loadAverage", Progress.loadAverage());
    return result;
  }

  private static long slowest(ProjectionReplay replay) {
    return replay.processors().stream().mapToLong(ProcessorProgress::eventsDone).min().orElse(0);
  }

  // -------------------------------------------------------------------------------- report

  @SuppressWarnings("unchecked")
  private static String markdown(Map<String, Object> results) {
    Map<String, Object> raw = (Map<String, Object>) results.get("raw");
    Map<String, Object> replay = (Map<String, Object>) results.get("replay");
    Map<String, Object> fill = (Map<String, Object>) results.get("fill");
    double hub = ((Number) replay.get("eventsPerSecond")).doubleValue();
    StringBuilder md = new StringBuilder("### Replay benchmark\n\n");
    md.append(
        String.format(
            Locale.ROOT,
            "%,d events (%,d requests, %.1f events each); filled at %,.0f events/s; %s cores.%n%n",
            ((Number) results.get("eventsInStore")).longValue(),
            ((Number) results.get("requests")).longValue(),
            ((Number) results.get("eventsPerRequest")).doubleValue(),
            ((Number) fill.get("eventsPerSecond")).doubleValue(),
            Runtime.getRuntime().availableProcessors()));
    md.append("| read | events/s | seconds | hub ÷ this |\n|---|---:|---:|---:|\n");
    for (Map.Entry<String, Object> figure : raw.entrySet()) {
      Map<String, Object> r = (Map<String, Object>) figure.getValue();
      double rate = ((Number) r.get("eventsPerSecond")).doubleValue();
      md.append(
          String.format(
              Locale.ROOT,
              "| raw: %s | %,.0f | %.1f | %.1f %% |%n",
              r.get("how"),
              rate,
              ((Number) r.get("seconds")).doubleValue(),
              100 * hub / rate));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "| **hub: replay of every projection** (%d processors in parallel, to the head%s) |"
                + " **%,.0f** | %.1f | |%n",
            ((List<?>) replay.get("processors")).size(),
            Boolean.TRUE.equals(replay.get("complete"))
                ? ""
                : String.format(
                    Locale.ROOT,
                    "; not finished: %,d events done by the slowest processor",
                    ((Number) replay.get("slowestProcessorEventsDone")).longValue()),
            hub,
            ((Number) replay.get("seconds")).doubleValue()));
    for (Map<String, Object> processor : (List<Map<String, Object>>) replay.get("processors")) {
      md.append(
          String.format(
              Locale.ROOT,
              "| hub: processor `%s` | %,.0f | %.1f | |%n",
              processor.get("name"),
              ((Number) processor.get("eventsPerSecond")).doubleValue(),
              ((Number) processor.get("secondsToHead")).doubleValue()));
    }
    md.append(
        String.format(
            Locale.ROOT,
            "%nHeap used: %,d MiB before, %,d MiB at most during the replay, %,d MiB after (of"
                + " %,d MiB; the embedded server is in the same JVM). At this rate 1,000,000"
                + " events take %.1f min (issue #7's target: 3 min).%n",
            ((Number) replay.get("heapUsedBeforeMiB")).longValue(),
            ((Number) replay.get("heapUsedMaxMiB")).longValue(),
            ((Number) replay.get("heapUsedAfterGcMiB")).longValue(),
            ((Number) replay.get("maxHeapMiB")).longValue(),
            ((Number) replay.get("projectedSecondsFor1M")).doubleValue() / 60));
    Map<String, Object> live = (Map<String, Object>) results.get("live");
    if (live != null) {
      md.append(
          String.format(
              Locale.ROOT,
              "%nAfter the replay, normal load: %,d lifecycles (raise, accept, reply, acknowledge)"
                  + " at %.1f per second (achieved %.2f).%n%n"
                  + "| | p50 ms | p99 ms | max ms |%n|---|---:|---:|---:|%n",
              ((Number) live.get("lifecycles")).longValue(),
              ((Number) live.get("targetPerSecond")).doubleValue(),
              ((Number) live.get("achievedPerSecond")).doubleValue()));
      ((Map<String, Map<String, Object>>) live.get("answerTimes"))
          .forEach(
              (step, figures) ->
                  md.append(
                      String.format(
                          Locale.ROOT,
                          "| answer to `%s` (waits for the views) | %.1f | %.1f | %.1f |%n",
                          step,
                          ((Number) figures.get("p50Millis")).doubleValue(),
                          ((Number) figures.get("p99Millis")).doubleValue(),
                          ((Number) figures.get("maxMillis")).doubleValue())));
      ((Map<String, Map<String, Object>>) live.get("lag"))
          .forEach(
              (processor, figures) ->
                  md.append(
                      String.format(
                          Locale.ROOT,
                          "| lag of `%s`: event → visible (%,d events) | %.1f | %.1f | %.1f |%n",
                          processor,
                          ((Number) figures.get("events")).longValue(),
                          ((Number) figures.getOrDefault("p50Millis", 0)).doubleValue(),
                          ((Number) figures.getOrDefault("p99Millis", 0)).doubleValue(),
                          ((Number) figures.get("maxMillis")).doubleValue())));
    }
    return md.toString();
  }

  // ------------------------------------------------------------------------------- helpers

  private static List<StreamingEventProcessor> streamingProcessors(
      org.axonframework.config.Configuration axon) {
    return axon.eventProcessingConfiguration().eventProcessors().values().stream()
        .filter(StreamingEventProcessor.class::isInstance)
        .map(StreamingEventProcessor.class::cast)
        .toList();
  }

  private static long head(EventStorageEngine engine) {
    return engine.createHeadToken().position().orElse(-1);
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() >> 20);
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("finishedAt", Instant.now().toString());
    machine.put("loadAverageAtEnd", Progress.loadAverage());
    return machine;
  }

  private static void deleteTree(Path directory) {
    try (Stream<Path> files = Files.walk(directory)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the benchmark store " + directory, e);
    }
  }
}
