package org.proofassist.hub.api.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.distribution.ValueAtPercentile;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.projections.batch.ProjectionBatchInterceptor;

/**
 * Normal load on a running hub, to see how soon the views show what happened: {@code lifecycles}
 * requests are raised at {@code perSecond} and each is accepted, answered (sealed) and acknowledged
 * over HTTP. Measured: each step's answer time (the hub answers a command once its views show it)
 * and the projections' lag, from an event to its change being visible ({@value
 * ProjectionBatchInterceptor#LAG}).
 */
final class LiveLoad {

  private static final List<String> STEPS = List.of("raise", "accept", "reply", "acknowledge");

  private LiveLoad() {}

  static Map<String, Object> run(
      HubClient hub, MeterRegistry meters, int lifecycles, double perSecond, Progress progress) {
    Map<String, Timer> lag = lagTimers(meters);
    Map<String, long[]> before = new LinkedHashMap<>();
    lag.forEach(
        (processor, timer) ->
            before.put(
                processor,
                new long[] {timer.count(), (long) timer.totalTime(TimeUnit.MICROSECONDS)}));
    Map<String, List<Double>> millis = new ConcurrentHashMap<>();
    STEPS.forEach(step -> millis.put(step, Collections.synchronizedList(new ArrayList<>())));
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicInteger done = new AtomicInteger();
    CountDownLatch finished = new CountDownLatch(lifecycles);
    long start = System.nanoTime();
    ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    var workers = Executors.newFixedThreadPool(8);
    AtomicInteger begun = new AtomicInteger();
    pacer.scheduleAtFixedRate(
        () -> {
          if (begun.getAndIncrement() >= lifecycles) {
            return;
          }
          workers.submit(
              () -> {
                try {
                  lifecycle(hub, millis);
                } catch (Throwable e) {
                  failure.compareAndSet(null, e);
                } finally {
                  int n = done.incrementAndGet();
                  synchronized (progress) {
                    progress.tick("live", n, lifecycles, start);
                  }
                  finished.countDown();
                }
              });
        },
        0,
        Math.round(1_000_000 / perSecond),
        TimeUnit.MICROSECONDS);
    try {
      finished.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted under load", e);
    } finally {
      pacer.shutdownNow();
      workers.shutdownNow();
    }
    if (failure.get() != null) {
      throw new IllegalStateException("a lifecycle failed under load", failure.get());
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("lifecycles", lifecycles);
    result.put("targetPerSecond", perSecond);
    result.put("achievedPerSecond", lifecycles / seconds);
    result.put("seconds", seconds);
    Map<String, Object> steps = new LinkedHashMap<>();
    millis.forEach(
        (step, values) -> {
          List<Double> sorted = new ArrayList<>(values);
          Collections.sort(sorted);
          steps.put(
              step,
              Map.of(
                  "count", sorted.size(),
                  "p50Millis", percentile(sorted, 0.50),
                  "p99Millis", percentile(sorted, 0.99),
                  "maxMillis", sorted.isEmpty() ? 0 : sorted.get(sorted.size() - 1)));
        });
    result.put("answerTimes", steps);
    Map<String, Object> lags = new LinkedHashMap<>();
    lag.forEach(
        (processor, timer) -> {
          long[] was = before.get(processor);
          long count = timer.count() - was[0];
          double meanMillis =
              count == 0
                  ? 0
                  : ((long) timer.totalTime(TimeUnit.MICROSECONDS) - was[1]) / 1000.0 / count;
          Map<String, Object> figures = new LinkedHashMap<>();
          figures.put("events", count);
          figures.put("meanMillis", meanMillis);
          for (ValueAtPercentile p : timer.takeSnapshot().percentileValues()) {
            figures.put(
                String.format(Locale.ROOT, "p%.0fMillis", p.percentile() * 100),
                p.value(TimeUnit.MILLISECONDS));
          }
          figures.put("maxMillis", timer.max(TimeUnit.MILLISECONDS));
          lags.put(processor, figures);
        });
    result.put("lag", lags);
    return result;
  }

  private static Map<String, Timer> lagTimers(MeterRegistry meters) {
    Map<String, Timer> timers = new LinkedHashMap<>();
    meters
        .find(ProjectionBatchInterceptor.LAG)
        .timers()
        .forEach(timer -> timers.put(timer.getId().getTag("processor"), timer));
    assertThat(timers).as("lag timers").isNotEmpty();
    return timers;
  }

  private static void lifecycle(HubClient hub, Map<String, List<Double>> millis) {
    String id =
        timed(
                millis,
                "raise",
                () ->
                    hub.post(
                        "window.clerk",
                        "/api/v1/requests",
                        RecordedLifecycles.samePersonBody("350102008"),
                        Map.of("Idempotency-Key", UUID.randomUUID().toString())),
                201)
            .text("/id");
    timed(millis, "accept", () -> hub.post("shuibu.officer", path(id, "accept"), ""), 200);
    timed(
        millis,
        "reply",
        () -> hub.post("shuibu.officer", path(id, "reply"), RecordedLifecycles.reply()),
        200);
    timed(millis, "acknowledge", () -> hub.post("window.clerk", path(id, "acknowledge"), ""), 200);
  }

  private static Answer timed(
      Map<String, List<Double>> millis,
      String step,
      java.util.function.Supplier<Answer> call,
      int status) {
    long start = System.nanoTime();
    Answer answer = call.get();
    millis.get(step).add((System.nanoTime() - start) / 1e6);
    assertThat(answer.status()).as(step + ": " + answer.raw().body()).isEqualTo(status);
    return answer;
  }

  private static double percentile(List<Double> sorted, double p) {
    if (sorted.isEmpty()) {
      return 0;
    }
    return sorted.get((int) Math.min(sorted.size() - 1, Math.ceil(p * sorted.size()) - 1));
  }

  private static String path(String id, String action) {
    return "/api/v1/requests/" + id + "/" + action;
  }
}
