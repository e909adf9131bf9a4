package org.proofassist.hub.api.bench;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs {@link DomainBenchmark} with JMH and prints each figure with the ratio to its baseline
 * measured in the same run, and the machine's load average before and after. JMH's own log goes to
 * stdout as it runs, the table after it; JMH's JSON result goes to {@code
 * target/bench/domain.json}.
 *
 * <pre>
 * ./mvnw -B -q -Pbenchmark -pl hub-api -am process-test-classes -Dbench=domain
 * ./mvnw -B -q -Pbenchmark -pl hub-api -am process-test-classes -Dbench=domain \
 *     -Dbench.domain.benchmarks=routeByHouseholdDivision,routeBaselineHashMap   # routing only
 * ./mvnw -B -q -Pbenchmark -pl hub-api -am process-test-classes -Dbench=domain \
 *     -Dbench.domain.rounds=3   # on a busy machine: medians of three rounds
 * </pre>
 *
 * <p>Options, as system properties: {@code bench.domain.benchmarks} (comma-separated method names
 * of {@link DomainBenchmark}, default all), {@code bench.domain.forks} (1), {@code
 * bench.domain.warmupIterations} (3), {@code bench.domain.warmupSeconds} (1), {@code
 * bench.domain.iterations} (5), {@code bench.domain.seconds} (1), {@code bench.domain.jvmArgs} (of
 * the forked JVM, space-separated; default {@code -Xms1g -Xmx1g}), {@code bench.domain.rounds} (1;
 * with more, the whole selection is run that many times one after the other and a last table gives
 * each figure's median and the range of its ratio over the rounds), {@code bench.domain.profiler}
 * (a JMH profiler such as {@code gc} or {@code stack}, options after a colon: {@code
 * stack:lines=6;top=8}; default none), {@code bench.out} (the JSON file). One thread: the figures
 * are per core.
 */
public final class DomainBenchmarkReport {

  /** Each benchmark, what it does, and its baseline (null for a baseline). */
  private record Row(String name, String meaning, String baseline) {}

  private static final List<Row> ROWS =
      List.of(
          new Row("routeBaselineHashMap", "HashMap street code → station", null),
          new Row(
              "routeByHouseholdDivision",
              "RoutingPolicy.route, 5,000 stations, 100,000 streets",
              "routeBaselineHashMap"),
          new Row("idShapeRegex", "precompiled regex, shape of an 18-char number", null),
          new Row("idShapeByStringMatches", "String.matches, same regex", "idShapeRegex"),
          new Row("idNumberValid", "CitizenIdNumber.of, valid 18 chars", "idShapeRegex"),
          new Row(
              "idNumberLegacyToEighteen",
              "CitizenIdNumber.of(15 digits).toEighteen()",
              "idShapeRegex"),
          new Row(
              "idNumberInvalid",
              "CitizenIdNumber.of refusing (check char, date, shape)",
              "idShapeRegex"),
          new Row("plainJacksonBytes", "plain ObjectMapper.writeValueAsBytes(reply)", null),
          new Row("canonicalJson", "CanonicalJson.bytes(reply)", "plainJacksonBytes"));

  private static final List<String> ALL = ROWS.stream().map(Row::name).toList();

  private DomainBenchmarkReport() {}

  public static void main(String[] args) throws RunnerException, IOException {
    List<String> benchmarks = list("bench.domain.benchmarks", String.join(",", ALL));
    int rounds = integer("bench.domain.rounds", 1);
    Path out =
        Path.of(
            System.getProperty(
                "bench.out", System.getProperty("bench.out.default", "target/bench/domain.json")));
    Files.createDirectories(out.toAbsolutePath().getParent());
    exposeClassPathToForks();

    List<Round> done = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      Path json =
          rounds == 1
              ? out
              : out.resolveSibling(
                  out.getFileName().toString().replaceFirst("(\\.json)?$", "-" + round + ".json"));
      double loadBefore = loadAverage();
      Collection<RunResult> results = new Runner(options(benchmarks, json)).run();
      double loadAfter = loadAverage();
      Map<String, Result<?>> scores = new LinkedHashMap<>();
      for (RunResult result : results) {
        String benchmark = result.getParams().getBenchmark();
        scores.put(benchmark.substring(benchmark.lastIndexOf('.') + 1), result.getPrimaryResult());
      }
      Round measured = new Round(scores, loadBefore, loadAfter);
      done.add(measured);
      System.out.println();
      System.out.printf(Locale.ROOT, "Round %d of %d%n", round, rounds);
      System.out.print(table(measured, benchmarks));
      System.out.println();
      System.out.println("JMH result: " + json);
    }
    if (rounds > 1) {
      System.out.println();
      System.out.print(summary(done, benchmarks));
    }
    for (Round round : done) {
      if (!round.scores().keySet().containsAll(benchmarks)) {
        throw new IllegalStateException(
            "some benchmarks failed; their rows say n/a (JMH's log above says why)");
      }
    }
  }

  /** The scores of one JMH run of the selected benchmarks, and the machine's load around it. */
  record Round(Map<String, Result<?>> scores, double loadBefore, double loadAfter) {

    double score(String name) {
      Result<?> result = scores.get(name);
      return result == null ? Double.NaN : result.getScore();
    }

    /** This round's score of the benchmark divided by its baseline's, or NaN. */
    double ratio(Row row) {
      return row.baseline() == null ? 1 : score(row.name()) / score(row.baseline());
    }
  }

  private static Options options(List<String> benchmarks, Path json) {
    OptionsBuilder builder = new OptionsBuilder();
    builder
        .include(
            Pattern.quote(DomainBenchmark.class.getName())
                + "\\.("
                + String.join("|", benchmarks)
                + ")$")
        .forks(integer("bench.domain.forks", 1))
        .warmupIterations(integer("bench.domain.warmupIterations", 3))
        .warmupTime(TimeValue.seconds(integer("bench.domain.warmupSeconds", 1)))
        .measurementIterations(integer("bench.domain.iterations", 5))
        .measurementTime(TimeValue.seconds(integer("bench.domain.seconds", 1)))
        .threads(1)
        .jvmArgs(System.getProperty("bench.domain.jvmArgs", "-Xms1g -Xmx1g").trim().split("\\s+"))
        .shouldFailOnError(false)
        .result(json.toString())
        .resultFormat(ResultFormatType.JSON);
    String profiler = System.getProperty("bench.domain.profiler", "").trim();
    if (!profiler.isEmpty()) {
      int colon = profiler.indexOf(':');
      if (colon < 0) {
        builder.addProfiler(profiler);
      } else {
        builder.addProfiler(profiler.substring(0, colon), profiler.substring(colon + 1));
      }
    }
    return builder.build();
  }

  /**
   * One round's Markdown table: ops/s with JMH's 99.9 % error, the time per operation, and the
   * ratio to the baseline (how many baseline operations one operation costs).
   */
  static String table(Round round, List<String> benchmarks) {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%nDomain micro-benchmarks: %d cores, %s %s, one-minute load average %.2f before and"
                + " %.2f after%n%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name"),
            System.getProperty("java.version"),
            round.loadBefore(),
            round.loadAfter()));
    table.append(
        "| benchmark | what | ops/s | ± (99.9 %) | ns/op | baseline | ratio to baseline |"
            + " baseline ops per one |\n");
    table.append("|---|---|---:|---:|---:|---|---:|---:|\n");
    for (Row row : ROWS) {
      if (!benchmarks.contains(row.name())) {
        continue;
      }
      Result<?> score = round.scores().get(row.name());
      double ratio = round.ratio(row);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s | %s | %s |%n",
              row.name(),
              row.meaning(),
              score == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", score.getScore()),
              score == null ? "n/a" : String.format(Locale.ROOT, "%,.0f", score.getScoreError()),
              score == null ? "n/a" : String.format(Locale.ROOT, "%,.1f", 1e9 / score.getScore()),
              row.baseline() == null ? "(baseline)" : row.baseline(),
              Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%.4f", ratio),
              Double.isNaN(ratio) ? "n/a" : String.format(Locale.ROOT, "%,.1f", 1 / ratio)));
    }
    return table.toString();
  }

  /**
   * Over several rounds: each benchmark's median ops/s, and the median and range of its ratio to
   * its baseline, each ratio taken within one round (so a busy spell of the machine during a round
   * slows both sides of that round's ratio less than it would across rounds).
   */
  static String summary(List<Round> rounds, List<String> benchmarks) {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "Domain micro-benchmarks, %d rounds: medians; one-minute load average %s%n%n",
            rounds.size(),
            rounds.stream()
                .map(r -> String.format(Locale.ROOT, "%.1f–%.1f", r.loadBefore(), r.loadAfter()))
                .toList()));
    table.append(
        "| benchmark | what | median ops/s | median ns/op | baseline | median ratio | ratio range |"
            + " baseline ops per one (median) |\n");
    table.append("|---|---|---:|---:|---|---:|---:|---:|\n");
    for (Row row : ROWS) {
      if (!benchmarks.contains(row.name())) {
        continue;
      }
      double score = median(rounds.stream().mapToDouble(r -> r.score(row.name())).toArray());
      double[] ratios = rounds.stream().mapToDouble(r -> r.ratio(row)).toArray();
      double ratio = median(ratios);
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %,.0f | %,.1f | %s | %.4f | %.4f–%.4f | %,.1f |%n",
              row.name(),
              row.meaning(),
              score,
              1e9 / score,
              row.baseline() == null ? "(baseline)" : row.baseline(),
              ratio,
              Arrays.stream(ratios).min().orElse(Double.NaN),
              Arrays.stream(ratios).max().orElse(Double.NaN),
              1 / ratio));
    }
    return table.toString();
  }

  private static double median(double[] values) {
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The one-minute load average of the machine, or -1 where the platform does not tell. */
  private static double loadAverage() {
    return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
  }

  /**
   * JMH starts its forks with this JVM's {@code java.class.path}. Under {@code exec:java} that is
   * Maven's own launcher, and the test classes are in a class loader of the plugin: hand its URLs
   * to the forks instead (as {@link SealBenchmarkReport} does).
   */
  private static void exposeClassPathToForks() {
    ClassLoader loader = DomainBenchmarkReport.class.getClassLoader();
    List<String> entries = new ArrayList<>();
    while (loader instanceof URLClassLoader urls) {
      for (URL url : urls.getURLs()) {
        try {
          entries.add(new File(url.toURI()).getPath());
        } catch (URISyntaxException | IllegalArgumentException e) {
          // Not a file: nothing a forked JVM could use.
        }
      }
      loader = loader.getParent();
    }
    if (!entries.isEmpty()) {
      System.setProperty("java.class.path", String.join(File.pathSeparator, entries));
    }
  }

  private static int integer(String key, int defaultValue) {
    return Integer.parseInt(System.getProperty(key, String.valueOf(defaultValue)).trim());
  }

  private static List<String> list(String key, String defaults) {
    List<String> values =
        Arrays.stream(System.getProperty(key, defaults).split(","))
            .map(String::trim)
            .filter(value -> !value.isEmpty())
            .toList();
    for (String value : values) {
      if (!ALL.contains(value)) {
        throw new IllegalArgumentException(key + ": no benchmark " + value + "; there are " + ALL);
      }
    }
    return values;
  }
}
