package org.proofassist.hub.api.bench;

import ch.qos.logback.classic.Level;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.mongodb.client.MongoCollection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.serialization.Serializer;
import org.bson.Document;
import org.proofassist.hub.api.bench.BenchEngine.Kind;
import org.proofassist.hub.api.bench.BenchResults.Append;
import org.proofassist.hub.api.bench.BenchResults.Cell;
import org.proofassist.hub.api.bench.BenchResults.Concurrency;
import org.proofassist.hub.api.bench.BenchResults.Fill;
import org.proofassist.hub.api.bench.BenchResults.Load;
import org.proofassist.hub.api.bench.BenchResults.PositionCheck;
import org.proofassist.hub.api.bench.BenchResults.Ratios;
import org.proofassist.hub.api.bench.BenchResults.RawInsert;
import org.proofassist.hub.api.bench.BenchResults.RawRead;
import org.proofassist.hub.api.bench.BenchResults.Tracking;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;
import org.slf4j.LoggerFactory;

/**
 * The event store benchmark (not a test): both engines the hub can use ({@code sequenced}, {@code
 * axon-mongo}) on the embedded server with each backend, at growing store sizes, against the raw
 * driver limits measured in the same run. Progress goes to stderr, a Markdown table to stdout, the
 * figures to a JSON file. See {@code docs/performance.md}.
 *
 * <pre>
 * ./mvnw -B -q -Pbenchmark -pl hub-api -am process-test-classes            # full run
 * ./mvnw -B -q -Pbenchmark -pl hub-api -am process-test-classes -Dbench.sizes=10000   # smoke
 * </pre>
 *
 * <p>Per engine and backend a fresh server is started; the store grows through the sizes, and at
 * each size, in this order: fill (through the engine), list the documents' ids (a full scan, done
 * first so that every read after it finds the same cache), aggregate loads, tracking read, raw
 * {@code _id $in} read, raw inserts, appends (last, because they add events; capped so that they do
 * not outgrow the next size). After the largest size, appends from several threads at once.
 */
public final class EventStoreBenchmark {

  /** The simulated clock of the events starts here. */
  private static final long CLOCK_START = Instant.parse("2026-01-05T08:00:00Z").toEpochMilli();

  private static final int RAW_BATCH = 100;
  private static final int SEQUENCED_TRACKING_WINDOW = 100;

  private EventStoreBenchmark() {}

  public static void main(String[] args) throws IOException {
    try {
      run();
    } catch (RuntimeException e) {
      // exec:java shows only the message; the trace says where.
      e.printStackTrace();
      throw e;
    }
  }

  private static void run() throws IOException {
    quietLogging();
    BenchOptions options = BenchOptions.fromSystemProperties();
    Progress progress = new Progress();
    Serializer serializer = BenchEngine.serializer();
    double payloadBytes =
        Measurements.payloadJsonBytes(
            new RequestLifecycles(
                options.seed(), 0x5A5AL, new AtomicLong(CLOCK_START), options.eventStepMillis()),
            serializer);
    progress.line(
        "event store benchmark: sizes %s, backends %s, engines %s; payload %.0f bytes JSON",
        options.sizes(),
        options.backends().stream().map(b -> b.label).toList(),
        options.engines().stream().map(e -> e.label).toList(),
        payloadBytes);

    List<Cell> cells = new ArrayList<>();
    List<Concurrency> concurrency = new ArrayList<>();
    List<String> notes = new ArrayList<>();
    int runs = options.backends().size() * options.engines().size();
    int run = 0;
    for (BenchServer.Backend backend : options.backends()) {
      for (Kind kind : options.engines()) {
        run++;
        cells.addAll(
            runOne(options, backend, kind, run, runs, progress, serializer, concurrency, notes));
      }
    }

    BenchResults results =
        new BenchResults(
            machine(),
            optionsMap(options),
            payloadBytes,
            progress.elapsedSeconds(),
            cells,
            concurrency,
            BenchReport.targets(cells),
            notes);
    Files.createDirectories(options.out().toAbsolutePath().getParent());
    new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(options.out().toFile(), results);
    System.out.println(BenchReport.markdown(results));
    System.out.flush();
    progress.context("");
    progress.line("done in %s; results in %s", progress.elapsed(), options.out().toAbsolutePath());
  }

  /** One engine on one backend: a fresh server, grown through every size. */
  private static List<Cell> runOne(
      BenchOptions options,
      BenchServer.Backend backend,
      Kind kind,
      int run,
      int runs,
      Progress progress,
      Serializer serializer,
      List<Concurrency> concurrency,
      List<String> notes) {
    List<Cell> cells = new ArrayList<>();
    try (BenchServer server = new BenchServer(backend, options.tempDir(), kind.label);
        BenchEngine engine = BenchEngine.create(kind, server)) {
      AtomicLong clock = new AtomicLong(CLOCK_START);
      RequestLifecycles filled =
          new RequestLifecycles(options.seed(), 0x0F11L, clock, options.eventStepMillis());
      RequestLifecycles appended =
          new RequestLifecycles(options.seed() + 1, 0x0A99L, clock, options.eventStepMillis());
      List<Document> rawDocuments =
          Measurements.eventDocuments(
              new RequestLifecycles(options.seed() + 2, 0x0AA0L, new AtomicLong(CLOCK_START), 100),
              serializer);
      StoreFiller store = new StoreFiller(filled, options.fillWave(), options.fillThreads());
      MongoCollection<Document> collection = server.database().getCollection(engine.collection());
      long appendedEvents = 0;
      boolean warm = false;
      for (long size : options.sizes()) {
        progress.context(
            String.format(
                "[%d/%d %s %s @%s]",
                run, runs, backend.label, kind.label, BenchReport.count(size)));
        Fill fill = store.fillTo(engine.engine(), size - appendedEvents, progress);
        long inStore = store.stored() + appendedEvents;
        progress.line(
            "filled: %,d events in store (%,d added in %.1f s, %,.0f events/s)",
            inStore, fill.eventsAdded(), fill.seconds(), fill.eventsPerSecond());
        long listStart = System.nanoTime();
        List<Object> ids = Measurements.storedIds(collection);
        double listSeconds = (System.nanoTime() - listStart) / 1e9;
        progress.line("listed %,d document ids in %.1f s", ids.size(), listSeconds);
        if (!warm) {
          progress.line("warming up the read paths");
          Measurements.loads(
              engine.engine(), store, 1_000, options.warmupSeconds(), options.seed() + 9, progress);
          Measurements.tracking(engine.engine(), options.warmupSeconds(), inStore, progress);
          Measurements.rawIdIn(
              collection,
              ids,
              listSeconds,
              RAW_BATCH,
              options.warmupSeconds(),
              kind == Kind.SEQUENCED,
              progress);
        }

        Load load =
            Measurements.loads(
                engine.engine(),
                store,
                options.loadSamples(),
                options.loadSeconds(),
                options.seed() + size,
                progress);
        progress.line(
            "loads: %d in %.1f s, p50 %.2f ms, p99 %.2f ms, max %.2f ms%s",
            load.samples(),
            load.seconds(),
            load.p50Ms(),
            load.p99Ms(),
            load.maxMs(),
            load.wrongEventCounts() > 0
                ? ", " + load.wrongEventCounts() + " loads returned a WRONG number of events"
                : "");
        if (load.wrongEventCounts() > 0) {
          notes.add(
              String.format(
                  "%s/%s at %,d: %d of %d loads returned a wrong number of events",
                  backend.label, kind.label, size, load.wrongEventCounts(), load.samples()));
        }

        Tracking tracking =
            Measurements.tracking(engine.engine(), options.trackSeconds(), inStore, progress);
        progress.line(
            "tracking: %,d events in %.1f s = %,.0f events/s (first event after %.0f ms)%s",
            tracking.events(),
            tracking.seconds(),
            tracking.eventsPerSecond(),
            tracking.firstEventMs(),
            tracking.reachedEnd() ? ", read to the end" : "");
        if (tracking.reachedEnd() && tracking.events() != inStore) {
          notes.add(
              String.format(
                  "%s/%s at %,d: tracking read %,d events to the end of a store of %,d",
                  backend.label, kind.label, size, tracking.events(), inStore));
        }

        RawRead rawIdIn =
            Measurements.rawIdIn(
                collection,
                ids,
                listSeconds,
                RAW_BATCH,
                options.rawSeconds(),
                kind == Kind.SEQUENCED,
                progress);
        progress.line(
            "raw _id $in: %,.0f docs/s, %,.0f events/s",
            rawIdIn.documentsPerSecond(), rawIdIn.eventsPerSecond());
        RawRead rawShape = null;
        if (kind == Kind.SEQUENCED) {
          rawShape =
              Measurements.rawPositions(
                  collection, SEQUENCED_TRACKING_WINDOW, options.rawSeconds(), inStore, progress);
          progress.line(
              "raw tracking shape (_id $in 100 positions): %,.0f docs/s, %,.0f events/s",
              rawShape.documentsPerSecond(), rawShape.eventsPerSecond());
        }

        if (!warm) {
          Measurements.rawInsert(server, rawDocuments, Math.min(0.5, options.warmupSeconds()));
        }
        RawInsert rawInsert = Measurements.rawInsert(server, rawDocuments, options.insertSeconds());
        progress.line(
            "raw insert: %,.0f docs/s (100 per call), %,.0f docs/s (1 unit per call)%s",
            rawInsert.batchOf100DocsPerSecond(),
            rawInsert.unitOfWorkDocsPerSecond(),
            rawInsert.unitOfWorkWithCommitDocsPerSecond() == null
                ? ""
                : String.format(
                    ", %,.0f docs/s (1 unit per call + commit)",
                    rawInsert.unitOfWorkWithCommitDocsPerSecond()));

        if (!warm) {
          progress.line("warming up the append path");
          appendedEvents +=
              Measurements.append(
                      engine.engine(),
                      appended,
                      1,
                      options.warmupSeconds(),
                      options.appendMaxEvents() / 4,
                      engine.groupCommit())
                  .events();
          warm = true;
        }
        List<Append> appends = new ArrayList<>();
        for (int threads : options.appendThreads()) {
          Append append =
              Measurements.append(
                  engine.engine(),
                  appended,
                  threads,
                  options.appendSeconds(),
                  options.appendMaxEvents(),
                  engine.groupCommit());
          appendedEvents += append.events();
          appends.add(append);
          progress.line(
              "append, %d thread(s): %,d units, %,.0f events/s, p50 %.2f ms, p99 %.2f ms%s%s",
              threads,
              append.units(),
              append.eventsPerSecond(),
              append.p50Ms(),
              append.p99Ms(),
              append.diskCommits() == null
                  ? ""
                  : String.format(", %,d disk commits", append.diskCommits()),
              append.failedUnits() == 0 ? "" : ", " + append.failedUnits() + " FAILED");
          if (append.failedUnits() > 0) {
            notes.add(
                String.format(
                    "%s/%s at %,d: %,d of %,d appends with %d thread(s) failed: %s",
                    backend.label,
                    kind.label,
                    size,
                    append.failedUnits(),
                    append.units() + append.failedUnits(),
                    threads,
                    append.firstFailure()));
          }
        }
        Append withoutDurability = null;
        if (kind == Kind.SEQUENCED && backend.onDisk) {
          SequencedMongoEventStorageEngine plain = BenchEngine.sequencedWithoutDurability(server);
          withoutDurability =
              Measurements.append(
                  plain, appended, 1, options.appendSeconds(), options.appendMaxEvents(), null);
          appendedEvents += withoutDurability.events();
          progress.line(
              "append without durability, 1 thread: %,.0f events/s, p50 %.2f ms, p99 %.2f ms",
              withoutDurability.eventsPerSecond(),
              withoutDurability.p50Ms(),
              withoutDurability.p99Ms());
        }

        double append1 = appends.isEmpty() ? Double.NaN : appends.get(0).eventsPerSecond();
        boolean durable =
            kind == Kind.SEQUENCED && rawInsert.unitOfWorkWithCommitDocsPerSecond() != null;
        double unitLimit =
            durable
                ? rawInsert.unitOfWorkWithCommitDocsPerSecond()
                : rawInsert.unitOfWorkDocsPerSecond();
        Ratios ratios =
            new Ratios(
                tracking.eventsPerSecond() / rawIdIn.eventsPerSecond(),
                appends.isEmpty() ? null : append1 / rawInsert.batchOf100DocsPerSecond(),
                appends.isEmpty() ? null : append1 / unitLimit);
        cells.add(
            new Cell(
                backend.label,
                kind.label,
                inStore,
                store.stored() + appendedEvents,
                collection.estimatedDocumentCount(),
                server.storeBytes(),
                Progress.loadAverage(),
                engine.durability(),
                fill,
                appends,
                withoutDurability,
                load,
                tracking,
                rawIdIn,
                rawShape,
                rawInsert,
                ratios));
      }
      if (options.concurrentThreads() > 0) {
        long inStore = store.stored() + appendedEvents;
        progress.line("concurrent appends, %d threads", options.concurrentThreads());
        Append append =
            Measurements.append(
                engine.engine(),
                appended,
                options.concurrentThreads(),
                options.appendSeconds(),
                options.appendMaxEvents(),
                engine.groupCommit());
        progress.line(
            "concurrent appends: %,.0f events/s, p50 %.2f ms, p99 %.2f ms, %,d of %,d failed%s",
            append.eventsPerSecond(),
            append.p50Ms(),
            append.p99Ms(),
            append.failedUnits(),
            append.units() + append.failedUnits(),
            append.firstFailure() == null ? "" : " (first: " + append.firstFailure() + ")");
        PositionCheck positions = null;
        if (kind == Kind.SEQUENCED) {
          positions = Measurements.positionCheck(collection);
          progress.line(
              "positions: %,d commits, %,d overlapping, %,d holes",
              positions.commits(), positions.overlaps(), positions.holes());
        }
        concurrency.add(new Concurrency(backend.label, kind.label, inStore, append, positions));
        if (append.failedUnits() > 0 || (positions != null && positions.overlaps() > 0)) {
          notes.add(
              String.format(
                  "%s/%s: with %d appending threads %,d of %,d appends failed%s; first failure: %s",
                  backend.label,
                  kind.label,
                  options.concurrentThreads(),
                  append.failedUnits(),
                  append.units() + append.failedUnits(),
                  positions == null
                      ? ""
                      : String.format(
                          ", and %,d stored commits overlap others' positions",
                          positions.overlaps()),
                  append.firstFailure()));
        }
      }
    }
    return cells;
  }

  /**
   * Logback's default is DEBUG for everything: the driver and the server would drown the output.
   */
  private static void quietLogging() {
    if (LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
        instanceof ch.qos.logback.classic.Logger root) {
      root.setLevel(Level.WARN);
    }
  }

  private static Map<String, Object> machine() {
    Map<String, Object> machine = new LinkedHashMap<>();
    machine.put("cores", Runtime.getRuntime().availableProcessors());
    machine.put("cpu", firstLine(Path.of("/proc/cpuinfo"), "model name"));
    machine.put("memory", firstLine(Path.of("/proc/meminfo"), "MemTotal"));
    machine.put("maxHeapMiB", Runtime.getRuntime().maxMemory() / (1024 * 1024));
    machine.put(
        "java", System.getProperty("java.vm.name") + " " + System.getProperty("java.version"));
    machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version"));
    machine.put("finishedAt", Instant.now().toString());
    machine.put("loadAverageAtEnd", Progress.loadAverage());
    return machine;
  }

  private static String firstLine(Path file, String prefix) {
    try {
      return Files.readAllLines(file).stream()
          .filter(line -> line.startsWith(prefix))
          .map(line -> line.substring(line.indexOf(':') + 1).trim())
          .findFirst()
          .orElse("unknown");
    } catch (IOException e) {
      return "unknown (" + e.getMessage() + ")";
    }
  }

  private static Map<String, Object> optionsMap(BenchOptions options) {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("sizes", options.sizes());
    map.put("backends", options.backends().stream().map(b -> b.label).toList());
    map.put("engines", options.engines().stream().map(e -> e.label).toList());
    map.put("loadSamples", options.loadSamples());
    map.put("loadSeconds", options.loadSeconds());
    map.put("minLoads", Measurements.MIN_LOADS);
    map.put("trackSeconds", options.trackSeconds());
    map.put("appendSeconds", options.appendSeconds());
    map.put("appendThreads", options.appendThreads());
    map.put("concurrentThreads", options.concurrentThreads());
    map.put("appendMaxEvents", options.appendMaxEvents());
    map.put("rawSeconds", options.rawSeconds());
    map.put("rawBatch", RAW_BATCH);
    map.put("insertSeconds", options.insertSeconds());
    map.put("warmupSeconds", options.warmupSeconds());
    map.put("fillWave", options.fillWave());
    map.put("fillThreads", options.fillThreads());
    map.put("eventStepMillis", options.eventStepMillis());
    map.put("seed", options.seed());
    map.put("eventsPerRequest", RequestLifecycles.EVENTS_PER_REQUEST);
    map.put("unitOfWorkEvents", "1-3");
    return map;
  }
}
