package org.proofassist.hub.api.bench;

import java.io.File;
import java.io.IOException;
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
 * Runs {@link SealBenchmark} with JMH and prints seals made and checked per second, each as a ratio
 * to the raw ECDSA P-256 signature (for sealing) or verification (for checking) measured in the
 * same run. JMH's own log goes to stdout as it runs, the table after it; JMH's JSON result goes to
 * {@code target/bench/seal.json}.
 *
 * <pre>
 * ./mvnw -B -q -Pbenchmark -pl hub-api -am process-test-classes -Dbench=seal
 * ./mvnw -B -q -Pbenchmark -pl hub-api -am process-test-classes -Dbench=seal \
 *     -Dbench.seal.benchmarks=rawEcdsaSign,jadesSeal -Dbench.seal.seconds=1   # quicker
 * </pre>
 *
 * <p>Options, as system properties: {@code bench.seal.benchmarks} (comma-separated method names of
 * {@link SealBenchmark}, default all), {@code bench.seal.forks} (1), {@code
 * bench.seal.warmupIterations} (2), {@code bench.seal.warmupSeconds} (2), {@code
 * bench.seal.iterations} (3), {@code bench.seal.seconds} (3), {@code bench.seal.threads} (1),
 * {@code bench.seal.jvmArgs} (of the forked JVM, space-separated; default {@code -Xms1g -Xmx1g
 * -Djava.awt.headless=true}), {@code bench.out} (the JSON file).
 */
public final class SealBenchmarkReport {

  private static final List<String> ALL =
      List.of(
          "rawEcdsaSign",
          "rawEcdsaVerify",
          "jadesSeal",
          "jadesVerify",
          "pdfRenderAndSeal",
          "pdfVerify");

  /** Each benchmark and the raw primitive it is compared with. */
  private static final Map<String, String> BASELINE =
      Map.of(
          "jadesSeal", "rawEcdsaSign",
          "pdfRenderAndSeal", "rawEcdsaSign",
          "jadesVerify", "rawEcdsaVerify",
          "pdfVerify", "rawEcdsaVerify");

  private static final Map<String, String> MEANING =
      Map.of(
          "rawEcdsaSign", "one ECDSA P-256 signature (JCA)",
          "rawEcdsaVerify", "one ECDSA P-256 verification (JCA)",
          "jadesSeal", "JSON reply sealed, JAdES-BASELINE-T",
          "jadesVerify", "JSON reply checked (DSS, CRL)",
          "pdfRenderAndSeal", "PDF letter rendered + PAdES-BASELINE-T",
          "pdfVerify", "PDF letter checked (DSS, CRL)");

  private SealBenchmarkReport() {}

  public static void main(String[] args) throws RunnerException, IOException {
    List<String> benchmarks = list("bench.seal.benchmarks", String.join(",", ALL));
    Path out =
        Path.of(
            System.getProperty(
                "bench.out", System.getProperty("bench.out.default", "target/bench/seal.json")));
    Files.createDirectories(out.toAbsolutePath().getParent());
    exposeClassPathToForks();

    Options options =
        new OptionsBuilder()
            .include(
                Pattern.quote(SealBenchmark.class.getName())
                    + "\\.("
                    + String.join("|", benchmarks)
                    + ")$")
            .forks(integer("bench.seal.forks", 1))
            .warmupIterations(integer("bench.seal.warmupIterations", 2))
            .warmupTime(TimeValue.seconds(integer("bench.seal.warmupSeconds", 2)))
            .measurementIterations(integer("bench.seal.iterations", 3))
            .measurementTime(TimeValue.seconds(integer("bench.seal.seconds", 3)))
            .threads(integer("bench.seal.threads", 1))
            .jvmArgs(
                System.getProperty("bench.seal.jvmArgs", "-Xms1g -Xmx1g -Djava.awt.headless=true")
                    .trim()
                    .split("\\s+"))
            .shouldFailOnError(false)
            .result(out.toString())
            .resultFormat(ResultFormatType.JSON)
            .build();
    Collection<RunResult> results = new Runner(options).run();

    Map<String, Result<?>> scores = new LinkedHashMap<>();
    for (String name : ALL) {
      for (RunResult result : results) {
        String benchmark = result.getParams().getBenchmark();
        if (benchmark.substring(benchmark.lastIndexOf('.') + 1).equals(name)) {
          scores.put(name, result.getPrimaryResult());
        }
      }
    }
    System.out.println();
    System.out.print(table(scores, benchmarks));
    System.out.println();
    System.out.println("JMH result: " + out);
    if (scores.size() < benchmarks.size()) {
      throw new IllegalStateException(
          "some benchmarks failed; their rows say n/a (JMH's log above says why)");
    }
  }

  /** The Markdown table: ops/s with JMH's 99.9 % error, and the ratio to the raw primitive. */
  static String table(Map<String, Result<?>> scores, List<String> benchmarks) {
    StringBuilder table = new StringBuilder();
    table.append(
        String.format(
            Locale.ROOT,
            "%nSeal throughput: %d cores, %s %s%n%n",
            Runtime.getRuntime().availableProcessors(),
            System.getProperty("java.vm.name"),
            System.getProperty("java.version")));
    table.append(
        "| benchmark | what | ops/s | ± (99.9 %) | ratio to the raw primitive | raw ops per"
            + " one |\n");
    table.append("|---|---|---:|---:|---:|---:|\n");
    for (String name : ALL) {
      if (!benchmarks.contains(name)) {
        continue;
      }
      Result<?> score = scores.get(name);
      String baseline = BASELINE.get(name);
      Result<?> raw = baseline == null ? null : scores.get(baseline);
      String ratio;
      String rawPerOne;
      if (baseline == null) {
        ratio = "1 (baseline)";
        rawPerOne = "1";
      } else if (score == null || raw == null) {
        ratio = "n/a";
        rawPerOne = "n/a";
      } else {
        ratio =
            String.format(Locale.ROOT, "%.4f of %s", score.getScore() / raw.getScore(), baseline);
        rawPerOne = String.format(Locale.ROOT, "%,.0f", raw.getScore() / score.getScore());
      }
      table.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s | %s | %s |%n",
              name,
              MEANING.get(name),
              score == null ? "n/a" : String.format(Locale.ROOT, "%,.1f", score.getScore()),
              score == null ? "n/a" : String.format(Locale.ROOT, "%,.1f", score.getScoreError()),
              ratio,
              rawPerOne));
    }
    return table.toString();
  }

  /**
   * JMH starts its forks with this JVM's {@code java.class.path}. Under {@code exec:java} that is
   * Maven's own launcher, and the test classes are in a class loader of the plugin: hand its URLs
   * to the forks instead.
   */
  private static void exposeClassPathToForks() {
    ClassLoader loader = SealBenchmarkReport.class.getClassLoader();
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
