package org.proofassist.hub.api.crash;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.core.calendar.WorkingCalendar;

/**
 * Deadlines are kept, not remembered: a request's reminders, escalation and time-out each fire
 * exactly once, in the order of the cycle, never before they are due and not much after, although
 * the hub that scheduled them is killed with {@code SIGKILL} before they are due, and the next one
 * while it is working through them.
 *
 * <p>The hub runs on a compressed installation ({@code hub.reference-data.dir}): offices open round
 * the clock every day of the year, and a same-person proof has one working minute to be answered
 * and one more after escalation. So each request goes through its cycle in two minutes: reminders
 * at 50 % (30 s) and 80 % (48 s) of its office time, escalation at its deadline (60 s), time-out
 * when the grace ends (120 s). Deadlines are Axon deadlines on JobRunr, stored in the hub's MongoDB
 * database; JobRunr polls every 5 seconds.
 *
 * <p>The timeline, from the first raise: six requests in the first seconds; at 20 s, before any of
 * their deadlines, the hub is killed. A second hub raises two more requests as soon as it is up,
 * and is killed half a second after it has recorded the first deadline that came due while no hub
 * ran, so amid the others. A third hub sees every cycle to its end. After a kill, a new hub's
 * JobRunr server schedules nothing until it has seen the dead one silent for four polls, so each
 * outage lasts some 40 seconds and several deadlines of one request come due in it: they must still
 * be recorded once each and in order.
 *
 * <p>Then, two polls later, nothing more may have fired.
 */
class DeadlinesSurviveKillTest {

  private static final String CLERK = "window.clerk";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The compressed service level and escalation grace of a same-person proof. */
  private static final String ONE_MINUTE = "1 working minute";

  private static final Duration SERVICE_LEVEL = Duration.ofMinutes(1);
  private static final Duration GRACE = Duration.ofMinutes(1);

  private static final int FIRST_BATCH = 6;
  private static final int SECOND_BATCH = 2;
  private static final Duration RAISE_SPACING = Duration.ofMillis(800);

  /** After the first raise: the first kill, before any deadline (the first is at 30 s). */
  private static final Duration FIRST_KILL = Duration.ofSeconds(20);

  /** After the second hub recorded its first deadline: the second kill. */
  private static final Duration SECOND_KILL_AFTER_FIRST_DEADLINE = Duration.ofMillis(500);

  /** After the first raise: the second kill at the latest, if the second hub records nothing. */
  private static final Duration SECOND_KILL_LIMIT = Duration.ofSeconds(100);

  /**
   * How late a deadline may fire while its hub runs: JobRunr polls every 5 s, a poll may find the
   * jobs of the previous one still running (2 workers), then the deadline handler commits its
   * event; 15 s is three polls.
   */
  private static final Duration RUNNING_LATENESS = Duration.ofSeconds(15);

  /**
   * How long after a new hub is up the deadlines that a kill caught (due while no hub ran, or being
   * processed when it was killed) may fire: the new hub's JobRunr server takes over the scheduling
   * only when it has seen the killed hub's server silent for four polls (20 s after it started),
   * then polls (5 s), and works through the deadlines that came due meanwhile two at a time; a job
   * the kill caught running is failed at the takeover and retried after a 3 s back-off. 45 s.
   */
  private static final Duration RECOVERY = Duration.ofSeconds(45);

  /** A reminder's instant, computed here from the 201's times, may differ by rounding. */
  private static final Duration REMINDER_ROUNDING = Duration.ofSeconds(1);

  /** After the first raise: every cycle has ended (the last one ends after about 160 s). */
  private static final Duration CYCLES_LIMIT = Duration.ofMinutes(4);

  /** After every cycle ended: two more JobRunr polls and then some, in which nothing may fire. */
  private static final Duration QUIET = Duration.ofSeconds(12);

  private static final Duration POLL = Duration.ofSeconds(2);
  private static final Duration FAST_POLL = Duration.ofMillis(250);

  /**
   * Kept when the test fails: the hubs' logs ({@code hub-N.log}), their data and reference data.
   */
  @TempDir(cleanup = CleanupMode.ON_SUCCESS)
  Path work;

  private final List<HubProcess> hubs = new ArrayList<>();

  /** The first raise: times in failure messages are counted from it ({@code t+54.2s}). */
  private Instant origin;

  /** A request whose 201 reached the window. */
  private record Raised(String key, String id, Instant raisedAt, Instant dueAt) {}

  /** From the {@code SIGKILL} of a hub until the next one answered its health check. */
  private record Outage(int kill, Instant killedAt, Instant backAt) {}

  /** One entry of a request's history. */
  private record Event(long sequence, String type, Instant at, JsonNode data) {}

  /** What a deadline of the request cycle records when it fires. */
  private enum Kind {
    REMINDER_50("50 % reminder", "ReminderIssued", 50),
    REMINDER_80("80 % reminder", "ReminderIssued", 80),
    ESCALATION("escalation", "RequestEscalated", 0),
    TIME_OUT("time-out", "RequestTimedOut", 0);

    private final String label;
    private final String type;
    private final int percent;

    Kind(String label, String type, int percent) {
      this.label = label;
      this.type = type;
      this.percent = percent;
    }

    boolean recorded(Event event) {
      return event.type().equals(type)
          && (percent == 0 || event.data().path("percent").asInt() == percent);
    }
  }

  /** A deadline that fired, and the last kill that delayed it (null if none did). */
  private record Fired(Raised request, Kind kind, Instant due, Instant at, Outage across) {

    /** Negative when it fired early. */
    Duration lateness() {
      return Duration.between(due, at);
    }
  }

  @AfterEach
  void killEveryHub() {
    hubs.forEach(HubProcess::close);
  }

  @Test
  void remindersEscalationsAndTimeOutsFireOnceInOrderAndOnTimeAcrossKillMinusNine()
      throws IOException {
    Path data = work.resolve("data");
    Path referenceData = compressedReferenceData(work.resolve("reference-data"));
    List<Raised> raised = new ArrayList<>();
    List<Outage> outages = new ArrayList<>();

    HubProcess hub = start(data, referenceData, 1);
    raise(hub, "deadlines-1-", FIRST_BATCH, raised);
    origin = raised.get(0).raisedAt();
    List<Raised> firstBatch = List.copyOf(raised);

    pauseUntil(origin.plus(FIRST_KILL));
    Instant killedAt = kill(hub);
    hub = start(data, referenceData, 2);
    outages.add(new Outage(1, killedAt, Instant.now()));
    raise(hub, "deadlines-2-", SECOND_BATCH, raised);

    awaitFirstDeadline(hub, firstBatch, origin.plus(SECOND_KILL_LIMIT));
    HubProcess.pause(SECOND_KILL_AFTER_FIRST_DEADLINE.toMillis());
    killedAt = kill(hub);
    hub = start(data, referenceData, 3);
    outages.add(new Outage(2, killedAt, Instant.now()));

    Map<Raised, List<Event>> ended = awaitEveryTimeOut(hub, raised, origin.plus(CYCLES_LIMIT));
    HubProcess.pause(QUIET.toMillis());
    Map<Raised, List<Event>> histories = histories(hub.client(), raised);

    SoftAssertions softly = new SoftAssertions();
    for (Raised request : raised) {
      softly
          .assertThat(histories.get(request))
          .as("history of %s %s, %d s later", request.key(), request.id(), QUIET.toSeconds())
          .isEqualTo(ended.get(request));
    }
    List<Fired> fired = checkCycles(softly, raised, histories, outages);
    softly
        .assertThat(fired.stream().filter(f -> f.across() != null && f.across().kill() == 2))
        .as("deadlines delayed by the second kill")
        .isNotEmpty();
    printSummary(raised, outages, fired);
    softly.assertAll();
  }

  /**
   * Writes the compressed installation: the demo's proof types with one working minute for a
   * same-person proof, offices open round the clock, and a calendar for this year and the next in
   * which every weekend day is worked and nothing is a holiday.
   */
  private static Path compressedReferenceData(Path dir) throws IOException {
    Files.createDirectories(dir);

    List<Map<String, Object>> proofTypes;
    try (InputStream in =
        DeadlinesSurviveKillTest.class
            .getClassLoader()
            .getResourceAsStream("fixtures/proof-types.json")) {
      assertThat(in).as("the demo's fixtures/proof-types.json on the class path").isNotNull();
      proofTypes = JSON.readValue(in, new TypeReference<List<Map<String, Object>>>() {});
    }
    Map<String, Object> samePerson =
        proofTypes.stream()
            .filter(type -> "SAME_PERSON".equals(type.get("code")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("the demo has no SAME_PERSON proof type"));
    samePerson.put("serviceLevel", ONE_MINUTE);
    samePerson.put("escalationGrace", ONE_MINUTE);
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("proof-types.json").toFile(), proofTypes);

    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(
            dir.resolve("office-hours.json").toFile(),
            Map.of(
                "standard",
                List.of(Map.of("opens", "00:00", "closes", "24:00")),
                "departments",
                Map.of()));

    int thisYear = LocalDate.now(WorkingCalendar.CHINA).getYear();
    List<Map<String, Object>> calendar = new ArrayList<>();
    for (int year = thisYear; year <= thisYear + 1; year++) {
      List<Map<String, String>> weekends = new ArrayList<>();
      for (LocalDate day = LocalDate.of(year, 1, 1); day.getYear() == year; day = day.plusDays(1)) {
        if (day.getDayOfWeek() == DayOfWeek.SATURDAY || day.getDayOfWeek() == DayOfWeek.SUNDAY) {
          weekends.add(Map.of("name", "compressed test", "date", day.toString()));
        }
      }
      Map<String, Object> entry = new LinkedHashMap<>();
      entry.put("year", year);
      entry.put("official", true);
      entry.put("source", "DeadlinesSurviveKillTest: every day of the year is a working day");
      entry.put("holidays", List.of());
      entry.put("workingDays", weekends);
      calendar.add(entry);
    }
    JSON.writerWithDefaultPrettyPrinter()
        .writeValue(dir.resolve("calendar.json").toFile(), calendar);
    return dir;
  }

  private HubProcess start(Path data, Path referenceData, int run) {
    // Spring Boot's MongoDB health check sends `hello`, which the embedded server does not know:
    // with it the hub reports DOWN (503) for ever (see CrashDurabilityTest).
    HubProcess hub =
        HubProcess.start(
            data,
            work.resolve("hub-" + run + ".log"),
            "--management.health.mongo.enabled=false",
            "--hub.reference-data.dir=" + referenceData);
    hubs.add(hub);
    return hub;
  }

  /** {@code SIGKILL}; returns when it was sent. */
  private static Instant kill(HubProcess hub) {
    Instant at = Instant.now();
    assertThat(hub.kill()).as("exit code of a SIGKILLed hub (128 + 9)").isEqualTo(137);
    assertThat(hub.osProcessAlive()).as("hub process %d still alive", hub.pid()).isFalse();
    return at;
  }

  /**
   * Raises {@code count} same-person requests as the window, {@link #RAISE_SPACING} apart, each
   * with its own idempotency key, and checks that the compressed service level is in force.
   */
  private static void raise(HubProcess hub, String prefix, int count, List<Raised> raised) {
    HubClient client = hub.client();
    for (int n = 0; n < count; n++) {
      if (n > 0) {
        HubProcess.pause(RAISE_SPACING.toMillis());
      }
      String key = prefix + n;
      Answer answer =
          client.post(
              CLERK,
              "/api/v1/requests",
              CrashDurabilityTest.body(key),
              Map.of("Idempotency-Key", key));
      assertThat(answer.status()).as("raising %s: %s", key, answer.raw().body()).isEqualTo(201);
      Raised request =
          new Raised(
              key,
              answer.text("/id"),
              Instant.parse(answer.text("/raisedAt")),
              Instant.parse(answer.text("/dueAt")));
      assertThat(Duration.between(request.raisedAt(), request.dueAt()))
          .as(
              "office time of %s (is the compressed reference data in force? %s)",
              key, answer.raw().body())
          .isBetween(SERVICE_LEVEL.minusSeconds(1), SERVICE_LEVEL.plusSeconds(1));
      raised.add(request);
    }
  }

  /** Waits until one of the requests has a deadline recorded, or {@code limit}. */
  private static void awaitFirstDeadline(HubProcess hub, List<Raised> requests, Instant limit) {
    HubClient client = hub.client();
    while (Instant.now().isBefore(limit)) {
      for (List<Event> events : histories(client, requests).values()) {
        if (events.stream().anyMatch(e -> e.type().equals("ReminderIssued"))) {
          return;
        }
      }
      HubProcess.pause(FAST_POLL.toMillis());
    }
  }

  /** Waits until every request has timed out, or {@code limit}; returns their histories. */
  private Map<Raised, List<Event>> awaitEveryTimeOut(
      HubProcess hub, List<Raised> raised, Instant limit) {
    HubClient client = hub.client();
    Map<Raised, List<Event>> histories = histories(client, raised);
    while (!everyTimedOut(histories) && Instant.now().isBefore(limit)) {
      HubProcess.pause(POLL.toMillis());
      histories = histories(client, raised);
    }
    StringBuilder seen = new StringBuilder();
    histories.forEach(
        (request, events) ->
            seen.append(
                String.format(
                    "%n%s %s raised %s due %s: %s",
                    request.key(),
                    request.id(),
                    since(request.raisedAt()),
                    since(request.dueAt()),
                    events.stream().map(e -> e.type() + "@" + since(e.at())).toList())));
    assertThat(everyTimedOut(histories))
        .as(
            "every request timed out by %s; histories:%s%nlast hub's log:%n%s",
            since(limit), seen, hub.logTail())
        .isTrue();
    return histories;
  }

  private static boolean everyTimedOut(Map<Raised, List<Event>> histories) {
    return histories.values().stream()
        .allMatch(events -> events.stream().anyMatch(Kind.TIME_OUT::recorded));
  }

  private static Map<Raised, List<Event>> histories(HubClient client, List<Raised> raised) {
    Map<Raised, List<Event>> histories = new LinkedHashMap<>();
    for (Raised request : raised) {
      histories.put(request, history(client, request));
    }
    return histories;
  }

  /** The request's history; empty while the restarted hub's views have not caught up. */
  private static List<Event> history(HubClient client, Raised request) {
    Answer answer = client.get(CLERK, "/api/v1/requests/" + request.id() + "/events");
    if (answer.status() == 404) {
      return List.of();
    }
    assertThat(answer.status())
        .as("history of %s: %s", request, answer.raw().body())
        .isEqualTo(200);
    List<Event> events = new ArrayList<>();
    for (JsonNode entry : answer.json().path("events")) {
      events.add(
          new Event(
              entry.path("sequence").asLong(),
              entry.path("type").asText(),
              Instant.parse(entry.path("at").asText()),
              entry.path("data")));
    }
    return events;
  }

  /**
   * For every request: each deadline recorded exactly once, in the order of the cycle, not before
   * it was due and not later than allowed: {@link #RUNNING_LATENESS} after it was due, or {@link
   * #RECOVERY} after a new hub came up if a kill came first. Returns the deadlines that fired.
   */
  private List<Fired> checkCycles(
      SoftAssertions softly,
      List<Raised> raised,
      Map<Raised, List<Event>> histories,
      List<Outage> outages) {
    List<Fired> fired = new ArrayList<>();
    for (Raised request : raised) {
      List<Event> events = histories.get(request);
      String name = request.key() + " " + request.id();
      List<String> history =
          events.stream().map(e -> e.type() + "#" + e.sequence() + "@" + since(e.at())).toList();
      softly
          .assertThat(events.stream().filter(e -> e.type().equals("ReminderIssued")))
          .as("reminders of %s: %s", name, history)
          .hasSize(2);
      Map<Kind, Event> once = new EnumMap<>(Kind.class);
      for (Kind kind : Kind.values()) {
        List<Event> recorded = events.stream().filter(kind::recorded).toList();
        softly.assertThat(recorded).as("%s of %s: %s", kind.label, name, history).hasSize(1);
        if (recorded.size() == 1) {
          once.put(kind, recorded.get(0));
        }
      }
      if (once.size() < Kind.values().length) {
        continue;
      }

      // The history and the views keep times to the millisecond, as MongoDB does.
      Instant dueAt = request.dueAt().truncatedTo(ChronoUnit.MILLIS);
      Event escalation = once.get(Kind.ESCALATION);
      Instant graceUntil =
          Instant.parse(escalation.data().path("graceUntil").asText())
              .truncatedTo(ChronoUnit.MILLIS);
      softly
          .assertThat(
              Instant.parse(escalation.data().path("dueAt").asText())
                  .truncatedTo(ChronoUnit.MILLIS))
          .as("deadline escalated for %s", name)
          .isEqualTo(dueAt);
      softly
          .assertThat(Duration.between(dueAt, graceUntil))
          .as("escalation grace of %s", name)
          .isBetween(GRACE.minusSeconds(1), GRACE.plusSeconds(1));

      Duration officeTime = Duration.between(request.raisedAt(), dueAt);
      Map<Kind, Instant> due = new EnumMap<>(Kind.class);
      due.put(Kind.REMINDER_50, request.raisedAt().plus(officeTime.dividedBy(2)));
      due.put(Kind.REMINDER_80, request.raisedAt().plus(officeTime.multipliedBy(4).dividedBy(5)));
      due.put(Kind.ESCALATION, dueAt);
      due.put(Kind.TIME_OUT, graceUntil);

      Event previous = null;
      for (Kind kind : Kind.values()) {
        Event event = once.get(kind);
        if (previous != null) {
          softly
              .assertThat(event.sequence())
              .as("%s of %s recorded after %s: %s", kind.label, name, previous.type(), history)
              .isGreaterThan(previous.sequence());
          // Reminders that fell due during an outage are issued by the escalation itself, just
          // before it and at the same instant: not earlier, possibly at the same time.
          softly
              .assertThat(event.at())
              .as("%s of %s not earlier than %s: %s", kind.label, name, previous.type(), history)
              .isAfterOrEqualTo(previous.at());
        }
        previous = event;

        Instant instant = due.get(kind);
        Duration early =
            kind == Kind.REMINDER_50 || kind == Kind.REMINDER_80
                ? REMINDER_ROUNDING
                : Duration.ZERO;
        Outage across = null;
        Instant limit = instant.plus(RUNNING_LATENESS);
        for (Outage outage : outages) {
          Instant recovered = outage.backAt().plus(RECOVERY);
          if (!outage.killedAt().isAfter(limit)
              && event.at().isAfter(outage.killedAt())
              && recovered.isAfter(limit)) {
            across = outage;
            limit = recovered;
          }
        }
        softly
            .assertThat(event.at())
            .as(
                "%s of %s at %s, due %s, allowed until %s%s",
                kind.label,
                name,
                since(event.at()),
                since(instant),
                since(limit),
                across == null ? " (no kill in the way)" : " (after kill " + across.kill() + ")")
            .isAfterOrEqualTo(instant.minus(early))
            .isBeforeOrEqualTo(limit);
        fired.add(new Fired(request, kind, instant, event.at(), across));
      }
    }
    return fired;
  }

  private void printSummary(List<Raised> raised, List<Outage> outages, List<Fired> fired) {
    StringBuilder lateness = new StringBuilder();
    for (Kind kind : Kind.values()) {
      List<Duration> of =
          fired.stream().filter(f -> f.kind() == kind).map(Fired::lateness).sorted().toList();
      if (!of.isEmpty()) {
        lateness.append(
            String.format(
                Locale.ROOT,
                "%s %+.1f..%+.1f s, ",
                kind.label,
                seconds(of.get(0)),
                seconds(of.get(of.size() - 1))));
      }
    }
    List<String> kills = new ArrayList<>();
    for (Outage outage : outages) {
      kills.add(
          String.format(
              Locale.ROOT,
              "kill %d at %s, hub back at %s, %d deadlines delayed",
              outage.kill(),
              since(outage.killedAt()),
              since(outage.backAt()),
              fired.stream().filter(f -> outage.equals(f.across())).count()));
    }
    System.out.printf(
        Locale.ROOT,
        "DEADLINE TEST: %d requests, %d SIGKILLs (%s), %d deadlines recorded; lateness (min..max):"
            + " %s%n",
        raised.size(),
        outages.size(),
        String.join("; ", kills),
        fired.size(),
        lateness.length() == 0 ? "none" : lateness.substring(0, lateness.length() - 2));
  }

  /** An instant as seconds since the first raise: {@code t+54.2s}. */
  private String since(Instant instant) {
    return origin == null
        ? instant.toString()
        : String.format(Locale.ROOT, "t%+.1fs", seconds(Duration.between(origin, instant)));
  }

  private static void pauseUntil(Instant instant) {
    long millis = Duration.between(Instant.now(), instant).toMillis();
    if (millis > 0) {
      HubProcess.pause(millis);
    }
  }

  private static double seconds(Duration duration) {
    return duration.toMillis() / 1000.0;
  }
}
