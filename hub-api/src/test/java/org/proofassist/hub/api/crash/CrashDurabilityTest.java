package org.proofassist.hub.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;

/**
 * "Durable on acknowledgement", tested the way it is promised: a hub in its own JVM raises requests
 * for several clients at once and is killed with {@code SIGKILL} while requests are still in
 * flight; a new hub on the same data must know every request whose {@code 201} reached a client.
 * Three crashes in a row, each one checked against everything acknowledged before it.
 *
 * <p>Without the group commit the embedded H2 store writes to disk about once a second, and a kill
 * loses the last second of answered requests; this test then fails.
 */
class CrashDurabilityTest {

  private static final int CRASHES = 3;
  private static final int CLIENTS = 4;

  /** Each round loads the hub this long, and longer until it has acknowledged a few requests. */
  private static final Duration LOAD_BEFORE_KILL = Duration.ofSeconds(3);

  private static final int ACKNOWLEDGED_BEFORE_KILL = 8;
  private static final Duration LOAD_BEFORE_KILL_LIMIT = Duration.ofSeconds(15);
  private static final Duration LOAD_LIMIT = Duration.ofSeconds(30);
  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(20);
  private static final Duration CATCH_UP_LIMIT = Duration.ofSeconds(30);
  private static final String CLERK = "window.clerk";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Kept when the test fails: the hubs' logs ({@code hub-N.log}) and their data. */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  private final List<HubProcess> hubs = new ArrayList<>();

  /** One request whose 201 reached its client. */
  private record Raised(String key, String id, int cycle) {}

  /**
   * What one round of load did: requests sent, requests still unanswered at the kill, requests that
   * got no answer although the hub was still running, and answers other than 201 (refused requests
   * are not acknowledged, so they do not count for durability; see {@link
   * EmbeddedDefaultBugsTest#concurrentAppendsOfDifferentSizesAreAllStoredAndTracked}).
   */
  private record Round(
      int attempted, int inFlightAtKill, List<String> unansweredBeforeKill, List<String> refused) {}

  @AfterEach
  void killEveryHub() {
    hubs.forEach(HubProcess::close);
  }

  @Test
  void everyAcknowledgedRequestSurvivesKillMinusNine() {
    Path data = work.resolve("data");
    Queue<Raised> acknowledged = new ConcurrentLinkedQueue<>();
    int attempted = 0;
    int inFlightAtKills = 0;
    int refused = 0;

    for (int crash = 1; crash <= CRASHES; crash++) {
      HubProcess hub = start(data, crash);
      if (crash > 1) {
        assertSurvived(hub, List.copyOf(acknowledged), crash - 1);
      }
      int before = acknowledged.size();
      Round round = raiseUntilKilled(hub, crash, acknowledged);
      attempted += round.attempted();
      inFlightAtKills += round.inFlightAtKill();
      refused += round.refused().size();
      assertThat(round.unansweredBeforeKill()).as("requests unanswered by a running hub").isEmpty();
      assertThat(acknowledged.size() - before)
          .as("requests acknowledged in round %d", crash)
          .isPositive();
      System.out.printf(
          "crash %d: hub pid %d started in %d ms, %d raised, %d acknowledged, %d refused, %d in"
              + " flight at SIGKILL%s%n",
          crash,
          hub.pid(),
          hub.startedIn().toMillis(),
          round.attempted(),
          acknowledged.size() - before,
          round.refused().size(),
          round.inFlightAtKill(),
          round.refused().isEmpty() ? "" : " (first refusal: " + round.refused().get(0) + ")");
    }
    assertThat(inFlightAtKills).as("requests in flight when the hubs were killed").isPositive();

    HubProcess hub = start(data, CRASHES + 1);
    List<Raised> all = List.copyOf(acknowledged);
    int lost = assertSurvived(hub, all, CRASHES);
    assertRetriesFindTheOriginal(hub, all);
    assertNoRequestRaisedTwice(hub, all.size(), attempted);
    int differing = assertViewsEqualAFreshReplay(hub, all);

    System.out.printf(
        "CRASH TEST: %d requests acknowledged (%d attempted, %d refused) over %d SIGKILLs with %d"
            + " in flight; crashes survived: %d; lost: %d; views differing from a fresh replay:"
            + " %d%n",
        all.size(), attempted, refused, CRASHES, inFlightAtKills, CRASHES, lost, differing);
  }

  private HubProcess start(Path data, int run) {
    // Spring Boot's MongoDB health check sends `hello`, which the embedded server does not know:
    // with it the hub reports DOWN (503) for ever (see healthIsUpOnTheEmbeddedDefault).
    HubProcess hub =
        HubProcess.start(
            data, work.resolve("hub-" + run + ".log"), "--management.health.mongo.enabled=false");
    hubs.add(hub);
    return hub;
  }

  /**
   * Raises requests from {@link #CLIENTS} threads, each with its own idempotency key, and kills the
   * hub with {@code SIGKILL} while they are at it.
   */
  private Round raiseUntilKilled(HubProcess hub, int crash, Queue<Raised> acknowledged) {
    int before = acknowledged.size();
    AtomicBoolean killed = new AtomicBoolean();
    AtomicInteger inFlight = new AtomicInteger();
    AtomicInteger attempted = new AtomicInteger();
    Queue<String> unanswered = new ConcurrentLinkedQueue<>();
    Queue<String> refused = new ConcurrentLinkedQueue<>();
    ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
    List<Future<?>> running = new ArrayList<>();
    try {
      for (int c = 0; c < CLIENTS; c++) {
        String prefix = "crash-" + crash + "-client-" + c + "-";
        Callable<Void> client =
            () -> {
              raise(
                  hub,
                  prefix,
                  crash,
                  killed,
                  inFlight,
                  attempted,
                  unanswered,
                  refused,
                  acknowledged);
              return null;
            };
        running.add(clients.submit(client));
      }
      long loadStart = System.nanoTime();
      HubProcess.pause(LOAD_BEFORE_KILL.toMillis());
      while (acknowledged.size() - before < ACKNOWLEDGED_BEFORE_KILL
          && System.nanoTime() - loadStart < LOAD_BEFORE_KILL_LIMIT.toNanos()) {
        HubProcess.pause(100);
      }

      killed.set(true);
      int inFlightAtKill = inFlight.get();
      int exit = hub.kill();
      assertThat(exit).as("exit code of a SIGKILLed JVM (128 + 9)").isEqualTo(137);
      assertThat(hub.osProcessAlive()).as("hub process %d still alive", hub.pid()).isFalse();

      for (Future<?> client : running) {
        client.get(REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
      }
      return new Round(
          attempted.get(), inFlightAtKill, List.copyOf(unanswered), List.copyOf(refused));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while loading the hub", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("a load client failed", e);
    } finally {
      clients.shutdownNow();
    }
  }

  /** One client: raises request after request until its hub is gone. */
  private static void raise(
      HubProcess hub,
      String prefix,
      int crash,
      AtomicBoolean killed,
      AtomicInteger inFlight,
      AtomicInteger attempted,
      Queue<String> unanswered,
      Queue<String> refused,
      Queue<Raised> acknowledged) {
    HubClient client = hub.client();
    long limit = System.nanoTime() + LOAD_LIMIT.toNanos();
    for (int n = 0; System.nanoTime() < limit; n++) {
      String key = prefix + n;
      Answer answer;
      inFlight.incrementAndGet();
      attempted.incrementAndGet();
      try {
        answer = post(client, hub.port(), key);
      } catch (UncheckedIOException e) {
        if (killed.get()) {
          return;
        }
        unanswered.add(key + ": " + e.getCause());
        continue;
      } finally {
        inFlight.decrementAndGet();
      }
      if (answer.status() == 201) {
        // Acknowledged, even if the answer arrives after the kill: it left the hub before.
        acknowledged.add(new Raised(key, answer.text("/id"), crash));
      } else {
        refused.add(key + ": " + answer.status() + " " + answer.raw().body());
      }
    }
  }

  private static Answer post(HubClient client, int port, String key) {
    return client.send(
        CLERK,
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/requests"))
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body(key), StandardCharsets.UTF_8)),
        Map.of("Idempotency-Key", key));
  }

  /** The README's same-person request, with the key as the window's case number. */
  static String body(String key) {
    try {
      return JSON.writeValueAsString(
          Map.of(
              "proofType",
              "SAME_PERSON",
              "subject",
              Map.of(
                  "name", "林某某",
                  "idNumber", "350102196805121236",
                  "otherIdNumbers", List.of("350102680512123"),
                  "householdDivision", "350102008",
                  "address", "福州市鼓楼区水部街道古田路88号"),
              "matter",
              Map.of("code", "REAL_ESTATE_DEREGISTRATION", "caseNumber", key),
              "question",
              "请核实上述两个身份证号码是否为同一人"));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Every acknowledged request is known to the restarted hub, with a history that begins where it
   * was raised. Views catch up after a restart, so each is given until a common deadline.
   *
   * @return how many were lost (always 0 when the assertion passes)
   */
  private static int assertSurvived(HubProcess hub, List<Raised> acknowledged, int crashes) {
    long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    List<String> lost = Collections.synchronizedList(new ArrayList<>());
    List<String> wrong = Collections.synchronizedList(new ArrayList<>());
    ExecutorService checkers = Executors.newFixedThreadPool(CLIENTS);
    try {
      List<Future<?>> checks = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int slice = c;
        HubClient client = hub.client();
        Callable<Void> check =
            () -> {
              for (int i = slice; i < acknowledged.size(); i += CLIENTS) {
                check(client, acknowledged.get(i), deadline, lost, wrong);
              }
              return null;
            };
        checks.add(checkers.submit(check));
      }
      for (Future<?> check : checks) {
        check.get(CATCH_UP_LIMIT.toSeconds() + REQUEST_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the restarted hub", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("checking the restarted hub failed", e);
    } finally {
      checkers.shutdownNow();
    }
    System.out.printf(
        "after crash %d: %d acknowledged requests checked, %d lost%n",
        crashes, acknowledged.size(), lost.size());
    assertThat(lost)
        .as(
            "acknowledged requests missing after %d SIGKILLs (of %d acknowledged)",
            crashes, acknowledged.size())
        .isEmpty();
    assertThat(wrong).as("acknowledged requests with a wrong view or history").isEmpty();
    return lost.size();
  }

  private static void check(
      HubClient client, Raised raised, long deadline, List<String> lost, List<String> wrong) {
    String path = "/api/v1/requests/" + raised.id();
    Answer request = client.get(CLERK, path);
    while (request.status() == 404 && System.nanoTime() < deadline) {
      HubProcess.pause(100);
      request = client.get(CLERK, path);
    }
    if (request.status() != 200) {
      lost.add(raised + " answers " + request.status());
      return;
    }
    Answer history = client.get(CLERK, path + "/events");
    if (history.status() != 200
        || !"VerificationRequestRaised".equals(history.text("/events/0/type"))
        || !raised.key().equals(request.text("/matter/caseNumber"))) {
      wrong.add(raised + ": " + request.raw().body() + " / " + history.raw().body());
    }
  }

  /**
   * Raising again with an acknowledged key answers 200 with the original request, not a second one:
   * the last requests acknowledged before each crash (the ones a lost commit would hit first) and a
   * spread of the others.
   */
  private static void assertRetriesFindTheOriginal(HubProcess hub, List<Raised> acknowledged) {
    List<Raised> sample = new ArrayList<>();
    for (int crash = 1; crash <= CRASHES; crash++) {
      int round = crash;
      List<Raised> ofRound = acknowledged.stream().filter(r -> r.cycle() == round).toList();
      sample.addAll(ofRound.subList(Math.max(0, ofRound.size() - 5), ofRound.size()));
    }
    for (int i = 0; i < acknowledged.size(); i += 37) {
      sample.add(acknowledged.get(i));
    }
    HubClient client = hub.client();
    for (Raised raised : sample) {
      Answer retried = post(client, hub.port(), raised.key());
      assertThat(retried.status())
          .as("retry of %s: %s", raised, retried.raw().body())
          .isEqualTo(200);
      assertThat(retried.text("/id")).as("retry of %s", raised).isEqualTo(raised.id());
    }
    System.out.printf("%d retries with acknowledged keys found their original%n", sample.size());
  }

  /**
   * The window's waiting list holds each request once: at least every acknowledged one, at most
   * every one ever attempted (requests in flight at a kill may or may not have been stored).
   */
  private static void assertNoRequestRaisedTwice(HubProcess hub, int acknowledged, int attempted) {
    HubClient client = hub.client();
    long deadline = System.nanoTime() + CATCH_UP_LIMIT.toNanos();
    long total = waitingTotal(client);
    while (total < acknowledged && System.nanoTime() < deadline) {
      HubProcess.pause(200);
      total = waitingTotal(client);
    }
    System.out.printf(
        "waiting list: %d requests (%d acknowledged, %d attempted)%n",
        total, acknowledged, attempted);
    assertThat(total).isBetween((long) acknowledged, (long) attempted);
  }

  /**
   * The views the crashed hubs left behind are those a fresh replay builds: each acknowledged
   * request as the API shows it (its view and its history) and the window's waiting list, read
   * before and after an auditor's replay of every projection. Figures computed at reading time
   * (time left, overdue) are left out.
   *
   * @return how many differ (always 0 when the assertion passes)
   */
  private static int assertViewsEqualAFreshReplay(HubProcess hub, List<Raised> acknowledged) {
    HubClient client = hub.client();
    Map<String, String> before = views(client, acknowledged);
    Answer started = client.post("auditor", "/api/v1/admin/replays", "");
    assertThat(started.status()).as(started.raw().body()).isEqualTo(202);
    String replay = started.header("Location");
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    Answer state = client.get("auditor", replay);
    while (!"DONE".equals(state.text("/state"))) {
      assertThat(state.text("/state")).as(state.raw().body()).isEqualTo("RUNNING");
      assertThat(System.nanoTime())
          .as("replay done in time: " + state.raw().body())
          .isLessThan(deadline);
      HubProcess.pause(250);
      state = client.get("auditor", replay);
    }
    Map<String, String> after = views(client, acknowledged);
    List<String> differing = new ArrayList<>();
    before.forEach(
        (what, view) -> {
          if (!view.equals(after.get(what))) {
            differing.add(what + "\n  before: " + view + "\n  after:  " + after.get(what));
          }
        });
    System.out.printf(
        "replay after the crashes: %d views compared, %d differ%n",
        before.size(), differing.size());
    assertThat(differing).as("views that differ from a fresh replay").isEmpty();
    return differing.size();
  }

  private static Map<String, String> views(HubClient client, List<Raised> acknowledged) {
    Map<String, String> views = new java.util.TreeMap<>();
    for (Raised raised : acknowledged) {
      String path = "/api/v1/requests/" + raised.id();
      views.put(path, stable(client.get(CLERK, path)));
      views.put(path + "/events", stable(client.get(CLERK, path + "/events")));
    }
    views.put("waiting", stable(client.get(CLERK, "/api/v1/requests?view=waiting&size=100")));
    return views;
  }

  /** The answer without the figures computed when it is read. */
  private static String stable(Answer answer) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    com.fasterxml.jackson.databind.JsonNode json = answer.json().deepCopy();
    json.findParents("officeMinutesLeft")
        .forEach(
            p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("officeMinutesLeft"));
    json.findParents("overdue")
        .forEach(p -> ((com.fasterxml.jackson.databind.node.ObjectNode) p).remove("overdue"));
    return json.toString();
  }

  private static long waitingTotal(HubClient client) {
    Answer waiting = client.get(CLERK, "/api/v1/requests?view=waiting&size=1");
    assertThat(waiting.status()).as(waiting.raw().body()).isEqualTo(200);
    return waiting.json().at("/total").asLong();
  }
}
