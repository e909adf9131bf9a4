package org.proofassist.hub.api.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * The benchmark's options, read from system properties ({@code -Dbench.sizes=10000} on the Maven
 * command line). Defaults are the full run; {@code -Dbench.sizes=10000} is a smoke run of about a
 * minute.
 *
 * @param sizes events in the store at which everything is measured; the store grows through them
 * @param backends {@code memory}, {@code h2-mem}, {@code h2} (on disk, the hub's default)
 * @param engines {@code sequenced}, {@code axon-mongo}
 * @param loadSamples aggregate loads per figure, at most
 * @param loadSeconds time for aggregate loads per figure, at most (at least 3 loads are taken)
 * @param trackSeconds time for the tracking read per figure, at most
 * @param appendSeconds time for each append figure
 * @param appendThreads the numbers of appending threads to measure at each size
 * @param concurrentThreads appending threads of the concurrency check after the largest size (0:
 *     none)
 * @param appendMaxEvents events one append figure adds to the store, at most (appends are measured
 *     after the reads at each size, and must not outgrow the next size)
 * @param rawSeconds time for each raw driver read figure
 * @param insertSeconds time for each raw driver insert figure
 * @param warmupSeconds time for each warm-up (before the first size of each engine and backend)
 * @param fillWave requests in flight while filling: one {@code appendEvents} call carries the next
 *     unit of work of each (about twice as many events)
 * @param fillThreads threads filling at once (their round trips overlap)
 * @param eventStepMillis how far the simulated clock advances per event
 * @param seed what all generated content is derived from
 * @param out the JSON result file
 * @param tempDir where the on-disk stores are created (and deleted afterwards)
 */
record BenchOptions(
    List<Long> sizes,
    List<BenchServer.Backend> backends,
    List<BenchEngine.Kind> engines,
    int loadSamples,
    double loadSeconds,
    double trackSeconds,
    double appendSeconds,
    List<Integer> appendThreads,
    int concurrentThreads,
    long appendMaxEvents,
    double rawSeconds,
    double insertSeconds,
    double warmupSeconds,
    int fillWave,
    int fillThreads,
    long eventStepMillis,
    long seed,
    Path out,
    Path tempDir) {

  static BenchOptions fromSystemProperties() {
    return new BenchOptions(
        list("bench.sizes", "10000,100000,1000000", s -> Long.parseLong(s.replace("_", ""))),
        list("bench.backends", "memory,h2", BenchServer.Backend::of),
        list("bench.engines", "sequenced,axon-mongo", BenchEngine.Kind::of),
        Integer.parseInt(System.getProperty("bench.loads", "500")),
        Double.parseDouble(System.getProperty("bench.loadSeconds", "10")),
        Double.parseDouble(System.getProperty("bench.trackSeconds", "20")),
        Double.parseDouble(System.getProperty("bench.appendSeconds", "4")),
        list("bench.appendThreads", "1", Integer::parseInt),
        Integer.parseInt(System.getProperty("bench.concurrentThreads", "4")),
        Long.parseLong(System.getProperty("bench.appendMaxEvents", "20000")),
        Double.parseDouble(System.getProperty("bench.rawSeconds", "3")),
        Double.parseDouble(System.getProperty("bench.insertSeconds", "1.5")),
        Double.parseDouble(System.getProperty("bench.warmupSeconds", "1.5")),
        Integer.parseInt(System.getProperty("bench.fillWave", "2000")),
        Integer.parseInt(System.getProperty("bench.fillThreads", "2")),
        Long.parseLong(System.getProperty("bench.eventStepMillis", "100")),
        Long.parseLong(System.getProperty("bench.seed", "20261122")),
        Path.of(
            System.getProperty(
                "bench.out",
                System.getProperty("bench.out.default", "target/bench/event-store.json"))),
        Path.of(System.getProperty("bench.tempDir", System.getProperty("java.io.tmpdir"))));
  }

  private static <T> List<T> list(String key, String defaults, Function<String, T> parse) {
    return Arrays.stream(System.getProperty(key, defaults).split(","))
        .map(String::trim)
        .filter(s -> !s.isEmpty())
        .map(parse)
        .toList();
  }
}
