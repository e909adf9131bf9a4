package org.proofassist.hub.projections.statistics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.calendar.CalendarChange;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.catalogue.RoutingRule;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.Actor;
import org.proofassist.hub.core.request.CommitmentAccepted;
import org.proofassist.hub.core.request.DeadlineExtended;
import org.proofassist.hub.core.request.DeadlineRecomputed;
import org.proofassist.hub.core.request.DeadlineResumed;
import org.proofassist.hub.core.request.DeclineReason;
import org.proofassist.hub.core.request.ReplyIssued;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestAccepted;
import org.proofassist.hub.core.request.RequestAwaitingDispatch;
import org.proofassist.hub.core.request.RequestDeclined;
import org.proofassist.hub.core.request.RequestDispatched;
import org.proofassist.hub.core.request.RequestEscalated;
import org.proofassist.hub.core.request.RequestEvent;
import org.proofassist.hub.core.request.RequestForwarded;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.RequestRouted;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.core.request.RequestTimedOut;
import org.proofassist.hub.core.request.RequestWithdrawn;
import org.proofassist.hub.core.request.VerificationRequestRaised;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.Actors;
import org.proofassist.hub.fixtures.Requests;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What the statistics must do, whatever MongoDB they run on: requests' events go in through the
 * handlers, figures come out through the query handler. Subclasses supply the database.
 */
abstract class RequestStatisticsProjectionContract {

  static final Instant NOW = Instant.parse("2026-06-01T00:00:00Z");
  static final DepartmentId SHUIBU = DepartmentId.of("FZ-PSB-GULOU-SHUIBU");
  static final DepartmentId DONGJIE = DepartmentId.of("FZ-PSB-GULOU-DONGJIE");
  static final DepartmentId GULOU = DepartmentId.of("FZ-PSB-GULOU");
  static final ProofTypeCode SAME_PERSON = Requests.SAME_PERSON;
  static final ProofTypeCode HOUSEHOLD = ProofTypeCode.of("HOUSEHOLD_REGISTRATION");
  static final Duration WORKING_DAY = Duration.ofHours(8);

  /** The demo's same-person raise, whose subject, matter and service levels every story uses. */
  static final VerificationRequestRaised SAMPLE_RAISE =
      Requests.aSamePersonRaised(RequestId.random(), NOW);

  RequestStatisticsProjection statistics;

  abstract MongoTemplate mongo();

  @BeforeEach
  void cleanStatistics() {
    mongo().dropCollection(RequestStatisticsProjection.FACTS);
    mongo().dropCollection(RequestStatisticsProjection.DAYS);
    statistics = new RequestStatisticsProjection(mongo(), Clock.fixed(NOW, ZoneOffset.UTC));
  }

  /** A local time in Fuzhou. */
  static Instant fuzhou(String localDateTime) {
    return LocalDateTime.parse(localDateTime).atZone(RequestStatisticsProjection.ZONE).toInstant();
  }

  // -- the story of one request, fed event by event with the next sequence number
  // ------------------

  final class Story {
    final RequestId id = RequestId.random();
    final List<RequestEvent> events = new ArrayList<>();
    final Instant raisedAt;
    Instant dueAt;
    DepartmentId unit;

    /** Raised at {@code at}, due {@code dueIn} later, routed at once to {@code unit}. */
    Story(ProofTypeCode type, DepartmentId unit, Instant at, Duration dueIn) {
      this.raisedAt = at;
      this.dueAt = at.plus(dueIn);
      this.unit = unit;
      feed(raised(type, unit));
      feed(
          new RequestRouted(
              id,
              GULOU,
              unit,
              RoutingRule.BY_HOUSEHOLD_REGISTRATION,
              "350102008",
              List.of(),
              Actors.WINDOW_CLERK,
              at));
    }

    /** Raised at {@code at} for a street no station covers: the sub-bureau must dispatch it. */
    Story(ProofTypeCode type, Instant at, Duration dueIn) {
      this.raisedAt = at;
      this.dueAt = at.plus(dueIn);
      feed(raised(type, GULOU));
      feed(
          new RequestAwaitingDispatch(
              id,
              GULOU,
              RoutingRule.BY_HOUSEHOLD_REGISTRATION,
              "350102010",
              "no police station covers 350102010",
              List.of(),
              Actors.WINDOW_CLERK,
              at));
    }

    private VerificationRequestRaised raised(ProofTypeCode type, DepartmentId answering) {
      VerificationRequestRaised sample = SAMPLE_RAISE;
      return new VerificationRequestRaised(
          id,
          type,
          sample.subject(),
          sample.matter(),
          sample.question(),
          sample.serviceLevel(),
          sample.escalationGrace(),
          dueAt,
          answering,
          null,
          null,
          Actors.WINDOW_CLERK,
          raisedAt);
    }

    Story accepted(Duration after) {
      return feed(new RequestAccepted(id, unit, officer(), raisedAt.plus(after)));
    }

    Story repliedAfter(Duration after) {
      return replied(after, false);
    }

    Story replied(Duration after, boolean late) {
      Instant at = raisedAt.plus(after);
      return feed(
          new ReplyIssued(
              id,
              unit,
              ReplyOutcome.CONFIRMED,
              "经核查属实。",
              Map.of(),
              new StampedReply("eyJ.h.s", "ab12", unit, "0F", "CN=" + unit, at),
              late,
              officer(),
              at));
    }

    Story declinedAfter(Duration after) {
      return feed(
          new RequestDeclined(
              id, unit, DeclineReason.NO_RECORD, "本所无此人户籍记录", officer(), raisedAt.plus(after)));
    }

    Story escalatedAndTimedOut() {
      feed(
          new RequestEscalated(
              id, GULOU, dueAt, dueAt.plus(WORKING_DAY), Actors.GULOU_SUPERVISOR, dueAt));
      return feed(
          new RequestTimedOut(
              id, dueAt.plus(WORKING_DAY), Actors.GULOU_SUPERVISOR, dueAt.plus(WORKING_DAY)));
    }

    Story closedOnCommitment(Duration after) {
      return feed(
          new CommitmentAccepted(
              id, RequestStatus.ROUTED, "申请人书面承诺所述属实。", Actors.WINDOW_CLERK, raisedAt.plus(after)));
    }

    Story withdrawnAfter(Duration after) {
      return feed(
          new RequestWithdrawn(
              id, RequestStatus.ROUTED, "申请人撤回申请", Actors.WINDOW_CLERK, raisedAt.plus(after)));
    }

    Story dispatchedTo(DepartmentId to, Duration after) {
      unit = to;
      return feed(
          new RequestDispatched(id, GULOU, to, Actors.GULOU_SUPERVISOR, raisedAt.plus(after)));
    }

    Story forwardedTo(DepartmentId to, Duration after) {
      DepartmentId from = unit;
      unit = to;
      return feed(
          new RequestForwarded(
              id, from, GULOU, to, "户籍已迁出", List.of(), officerOf(from), raisedAt.plus(after)));
    }

    Story deadlineExtendedTo(Duration dueIn) {
      Instant previous = dueAt;
      dueAt = raisedAt.plus(dueIn);
      return feed(
          new DeadlineExtended(
              id, previous, dueAt, "需调取档案", Actors.GULOU_SUPERVISOR, raisedAt.plusSeconds(60)));
    }

    Story deadlineRecomputedTo(Duration dueIn) {
      Instant previous = dueAt;
      dueAt = raisedAt.plus(dueIn);
      return feed(
          new DeadlineRecomputed(
              id,
              previous,
              dueAt,
              2,
              List.<CalendarChange>of(),
              Actors.GULOU_SUPERVISOR,
              raisedAt.plusSeconds(120)));
    }

    Story deadlineResumedTo(Duration dueIn) {
      dueAt = raisedAt.plus(dueIn);
      return feed(new DeadlineResumed(id, dueAt, Actors.WINDOW_CLERK, raisedAt.plusSeconds(180)));
    }

    private Actor officer() {
      return officerOf(unit);
    }

    private Story feed(RequestEvent event) {
      deliver(event, events.size());
      events.add(event);
      return this;
    }

    /** Delivers every event of the story again, with its original sequence number. */
    void redeliver() {
      for (int sequence = 0; sequence < events.size(); sequence++) {
        deliver(events.get(sequence), sequence);
      }
    }
  }

  private static Actor officerOf(DepartmentId unit) {
    if (SHUIBU.equals(unit)) {
      return Actors.SHUIBU_OFFICER;
    }
    if (DONGJIE.equals(unit)) {
      return Actors.DONGJIE_OFFICER;
    }
    return Actors.GULOU_SUPERVISOR;
  }

  void deliver(RequestEvent event, long sequence) {
    if (event instanceof VerificationRequestRaised e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestRouted e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestAwaitingDispatch e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestDispatched e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestForwarded e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestAccepted) {
      // not of interest to the statistics: the projection has no handler for it
    } else if (event instanceof ReplyIssued e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestDeclined e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestEscalated e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestTimedOut e) {
      statistics.on(e, sequence);
    } else if (event instanceof CommitmentAccepted e) {
      statistics.on(e, sequence);
    } else if (event instanceof RequestWithdrawn e) {
      statistics.on(e, sequence);
    } else if (event instanceof DeadlineExtended e) {
      statistics.on(e, sequence);
    } else if (event instanceof DeadlineRecomputed e) {
      statistics.on(e, sequence);
    } else if (event instanceof DeadlineResumed e) {
      statistics.on(e, sequence);
    } else {
      throw new IllegalArgumentException("no delivery for " + event);
    }
  }

  // -- the month used by most tests
  // -----------------------------------------------------------------

  /**
   * March 2026 at two Gulou police stations, and one request raised at 00:30 on 1 April in Fuzhou
   * (still 31 March in UTC). Response times of the Shuibu replies: 1 h, 3 h, 10 h (after its
   * deadline), 5 h; Dongjie: a decline, a time-out closed on the applicant's commitment, a
   * withdrawal, a time-out answered late after 30 h, and one still open.
   */
  List<Story> marchAndTheFirstOfApril() {
    List<Story> stories = new ArrayList<>();
    stories.add(
        new Story(SAME_PERSON, SHUIBU, fuzhou("2026-03-02T09:00"), WORKING_DAY)
            .accepted(Duration.ofMinutes(10))
            .repliedAfter(Duration.ofHours(1)));
    stories.add(
        new Story(SAME_PERSON, SHUIBU, fuzhou("2026-03-02T10:00"), WORKING_DAY)
            .repliedAfter(Duration.ofHours(3)));
    stories.add(
        new Story(SAME_PERSON, SHUIBU, fuzhou("2026-03-02T11:00"), WORKING_DAY)
            .repliedAfter(Duration.ofHours(10)));
    stories.add(
        new Story(HOUSEHOLD, DONGJIE, fuzhou("2026-03-02T14:00"), WORKING_DAY)
            .declinedAfter(Duration.ofHours(2)));
    stories.add(
        new Story(SAME_PERSON, SHUIBU, fuzhou("2026-03-03T09:00"), WORKING_DAY)
            .repliedAfter(Duration.ofHours(5)));
    stories.add(
        new Story(HOUSEHOLD, DONGJIE, fuzhou("2026-03-03T09:30"), WORKING_DAY)
            .escalatedAndTimedOut()
            .closedOnCommitment(Duration.ofHours(20)));
    stories.add(
        new Story(HOUSEHOLD, DONGJIE, fuzhou("2026-03-03T10:00"), WORKING_DAY)
            .withdrawnAfter(Duration.ofHours(1)));
    stories.add(
        new Story(HOUSEHOLD, DONGJIE, fuzhou("2026-03-03T10:30"), WORKING_DAY)
            .escalatedAndTimedOut()
            .replied(Duration.ofHours(30), true));
    stories.add(new Story(SAME_PERSON, DONGJIE, fuzhou("2026-03-03T11:00"), WORKING_DAY));
    stories.add(
        new Story(SAME_PERSON, SHUIBU, fuzhou("2026-04-01T00:30"), WORKING_DAY)
            .repliedAfter(Duration.ofHours(2)));
    return stories;
  }

  Statistics query(String from, String to, GroupBy groupBy, Granularity granularity) {
    return statistics.handle(
        new FindStatistics(LocalDate.parse(from), LocalDate.parse(to), groupBy, granularity));
  }

  static StatisticsRow row(Statistics statistics, String period, String group) {
    return statistics.rows().stream()
        .filter(r -> r.period().equals(period))
        .filter(r -> group == null ? r.total() : group.equals(r.group()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + period + "/" + group));
  }

  static List<String> layout(Statistics statistics) {
    return statistics.rows().stream()
        .map(r -> r.period() + "/" + (r.total() ? "TOTAL" : r.group()))
        .toList();
  }

  // -- tests
  // ------------------------------------------------------------------------------------------

  @Test
  void perDepartmentAndMonthEveryFigureIsCounted() {
    marchAndTheFirstOfApril();

    Statistics stats = query("2026-03-01", "2026-04-30", GroupBy.DEPARTMENT, Granularity.MONTH);

    assertThat(layout(stats))
        .containsExactly(
            "2026-03/FZ-PSB-GULOU-DONGJIE",
            "2026-03/FZ-PSB-GULOU-SHUIBU",
            "2026-03/TOTAL",
            "2026-04/FZ-PSB-GULOU-SHUIBU",
            "2026-04/TOTAL");
    assertThat(row(stats, "2026-03", SHUIBU.value()))
        .isEqualTo(
            new StatisticsRow(
                "2026-03",
                SHUIBU.value(),
                false,
                4,
                4,
                3,
                0.75,
                10800L,
                36000L,
                0,
                0,
                0,
                0,
                0,
                0,
                0));
    assertThat(row(stats, "2026-03", DONGJIE.value()))
        .isEqualTo(
            new StatisticsRow(
                "2026-03",
                DONGJIE.value(),
                false,
                5,
                1,
                0,
                0.0,
                108000L,
                108000L,
                1,
                2,
                2,
                1,
                1,
                1,
                1));
    assertThat(row(stats, "2026-03", null))
        .isEqualTo(
            new StatisticsRow(
                "2026-03", null, true, 9, 5, 3, 0.6, 18000L, 108000L, 1, 2, 2, 1, 1, 1, 1));
    assertThat(row(stats, "2026-04", null).volume()).isEqualTo(1);
    assertThat(row(stats, "2026-04", null).medianResponseSeconds()).isEqualTo(7200L);
    assertThat(stats.asOf()).isEqualTo(NOW);
  }

  @Test
  void commitmentsAreCountedApartFromAnswersAndDoNotCountAsOnTimeOrLate() {
    Story committed =
        new Story(HOUSEHOLD, DONGJIE, fuzhou("2026-03-03T09:30"), WORKING_DAY)
            .escalatedAndTimedOut();
    StatisticsRow timedOut =
        row(
            query("2026-03-03", "2026-03-03", GroupBy.DEPARTMENT, Granularity.DAY),
            "2026-03-03",
            null);
    assertThat(timedOut.timedOut()).isEqualTo(1);
    assertThat(timedOut.open()).isEqualTo(1);

    committed.closedOnCommitment(Duration.ofHours(20));

    StatisticsRow closed =
        row(
            query("2026-03-03", "2026-03-03", GroupBy.DEPARTMENT, Granularity.DAY),
            "2026-03-03",
            null);
    assertThat(closed.commitments()).isEqualTo(1);
    assertThat(closed.timedOut()).isEqualTo(1);
    assertThat(closed.open()).isZero();
    assertThat(closed.answered()).isZero();
    assertThat(closed.answeredOnTime()).isZero();
    assertThat(closed.lateReplies()).isZero();
    assertThat(closed.onTimeShare()).isNull();
    assertThat(closed.medianResponseSeconds()).isNull();
  }

  @Test
  void perProofTypeTheSameRequestsAreGroupedByWhatWasAskedFor() {
    marchAndTheFirstOfApril();

    Statistics stats = query("2026-03-01", "2026-03-31", GroupBy.PROOF_TYPE, Granularity.MONTH);

    assertThat(layout(stats))
        .containsExactly("2026-03/HOUSEHOLD_REGISTRATION", "2026-03/SAME_PERSON", "2026-03/TOTAL");
    assertThat(row(stats, "2026-03", HOUSEHOLD.value()))
        .isEqualTo(
            new StatisticsRow(
                "2026-03",
                HOUSEHOLD.value(),
                false,
                4,
                1,
                0,
                0.0,
                108000L,
                108000L,
                1,
                2,
                2,
                1,
                1,
                1,
                0));
    StatisticsRow samePerson = row(stats, "2026-03", SAME_PERSON.value());
    assertThat(samePerson.volume()).isEqualTo(5);
    assertThat(samePerson.answered()).isEqualTo(4);
    assertThat(samePerson.open()).isEqualTo(1);
    assertThat(samePerson.medianResponseSeconds()).isEqualTo(10800L);
    assertThat(samePerson.p90ResponseSeconds()).isEqualTo(36000L);
    assertThat(row(stats, "2026-03", null).volume()).isEqualTo(9);
  }

  @Test
  void perDayEachRequestCountsOnTheDayItWasRaisedInFuzhou() {
    marchAndTheFirstOfApril();

    Statistics stats = query("2026-03-02", "2026-03-03", GroupBy.DEPARTMENT, Granularity.DAY);

    assertThat(layout(stats))
        .containsExactly(
            "2026-03-02/FZ-PSB-GULOU-DONGJIE",
            "2026-03-02/FZ-PSB-GULOU-SHUIBU",
            "2026-03-02/TOTAL",
            "2026-03-03/FZ-PSB-GULOU-DONGJIE",
            "2026-03-03/FZ-PSB-GULOU-SHUIBU",
            "2026-03-03/TOTAL");
    StatisticsRow shuibuMonday = row(stats, "2026-03-02", SHUIBU.value());
    assertThat(shuibuMonday.volume()).isEqualTo(3);
    assertThat(shuibuMonday.answeredOnTime()).isEqualTo(2);
    assertThat(shuibuMonday.medianResponseSeconds()).isEqualTo(10800L);
    assertThat(shuibuMonday.p90ResponseSeconds()).isEqualTo(36000L);
    assertThat(row(stats, "2026-03-02", DONGJIE.value()).declined()).isEqualTo(1);
    assertThat(row(stats, "2026-03-02", null).volume()).isEqualTo(4);
    assertThat(row(stats, "2026-03-03", DONGJIE.value()).volume()).isEqualTo(4);
    assertThat(row(stats, "2026-03-03", null).volume()).isEqualTo(5);

    // 00:30 on 1 April in Fuzhou is 16:30 on 31 March in UTC: it belongs to 1 April
    assertThat(
            row(
                    query("2026-03-31", "2026-03-31", GroupBy.DEPARTMENT, Granularity.DAY),
                    "2026-03-31",
                    null)
                .volume())
        .isZero();
    assertThat(
            row(
                    query("2026-04-01", "2026-04-01", GroupBy.DEPARTMENT, Granularity.DAY),
                    "2026-04-01",
                    null)
                .volume())
        .isEqualTo(1);
  }

  @Test
  void everyPeriodOfTheRangeHasATotalRowEvenWithoutRequests() {
    marchAndTheFirstOfApril();

    Statistics stats = query("2026-02-27", "2026-03-02", GroupBy.PROOF_TYPE, Granularity.DAY);

    assertThat(layout(stats))
        .containsExactly(
            "2026-02-27/TOTAL",
            "2026-02-28/TOTAL",
            "2026-03-01/TOTAL",
            "2026-03-02/HOUSEHOLD_REGISTRATION",
            "2026-03-02/SAME_PERSON",
            "2026-03-02/TOTAL");
    assertThat(row(stats, "2026-02-28", null))
        .isEqualTo(
            new StatisticsRow(
                "2026-02-28", null, true, 0, 0, 0, null, null, null, 0, 0, 0, 0, 0, 0, 0));
  }

  @Test
  void eventsDeliveredAgainChangeNothing() {
    List<Story> stories = marchAndTheFirstOfApril();
    Statistics once = query("2026-03-01", "2026-04-30", GroupBy.DEPARTMENT, Granularity.DAY);
    long versionBefore = statistics.facts(stories.get(3).id.value()).version();

    // after a crash the processor delivers everything again from an older token
    stories.forEach(Story::redeliver);
    // and an event older than the last one handled arrives late
    Story declined = stories.get(3);
    deliver(declined.events.get(1), 1);

    Statistics again = query("2026-03-01", "2026-04-30", GroupBy.DEPARTMENT, Granularity.DAY);
    assertThat(again.rows()).isEqualTo(once.rows());
    assertThat(statistics.facts(declined.id.value()).version()).isEqualTo(versionBefore);
    assertThat(statistics.facts(declined.id.value()).department()).isEqualTo(DONGJIE.value());
    assertThat(row(again, "2026-03-02", null).volume()).isEqualTo(4);
  }

  @Test
  void theDepartmentIsTheOneThatAnsweredOrDeclinedElseTheOneHoldingTheRequest() {
    Instant monday = fuzhou("2026-03-02T09:00");
    Story waiting = new Story(SAME_PERSON, monday, WORKING_DAY);
    Story dispatched =
        new Story(SAME_PERSON, monday.plusSeconds(60), WORKING_DAY)
            .dispatchedTo(DONGJIE, Duration.ofMinutes(30));
    Story forwardedThenDeclined =
        new Story(SAME_PERSON, SHUIBU, monday.plusSeconds(120), WORKING_DAY)
            .forwardedTo(DONGJIE, Duration.ofMinutes(30))
            .declinedAfter(Duration.ofHours(1));
    assertThat(waiting.events).hasSize(2);

    Statistics stats = query("2026-03-02", "2026-03-02", GroupBy.DEPARTMENT, Granularity.MONTH);

    assertThat(layout(stats))
        .containsExactly("2026-03/FZ-PSB-GULOU", "2026-03/FZ-PSB-GULOU-DONGJIE", "2026-03/TOTAL");
    assertThat(row(stats, "2026-03", GULOU.value()).open()).isEqualTo(1);
    StatisticsRow dongjie = row(stats, "2026-03", DONGJIE.value());
    assertThat(dongjie.volume()).isEqualTo(2);
    assertThat(dongjie.declined()).isEqualTo(1);
    assertThat(dongjie.open()).isEqualTo(1);
    assertThat(statistics.facts(forwardedThenDeclined.id.value()).department())
        .isEqualTo(DONGJIE.value());
    assertThat(statistics.facts(dispatched.id.value()).holder()).isEqualTo(DONGJIE.value());
  }

  @Test
  void onTimeIsJudgedAgainstTheDeadlineInForceWhenTheReplyCame() {
    Instant monday = fuzhou("2026-03-02T09:00");
    Story extended =
        new Story(SAME_PERSON, SHUIBU, monday, Duration.ofHours(2))
            .deadlineExtendedTo(Duration.ofHours(6))
            .repliedAfter(Duration.ofHours(4));
    Story recomputedEarlier =
        new Story(SAME_PERSON, SHUIBU, monday.plusSeconds(60), Duration.ofHours(6))
            .deadlineRecomputedTo(Duration.ofHours(3))
            .repliedAfter(Duration.ofHours(4));
    Story resumedLater =
        new Story(SAME_PERSON, SHUIBU, monday.plusSeconds(120), Duration.ofHours(2))
            .deadlineResumedTo(Duration.ofHours(5))
            .repliedAfter(Duration.ofHours(5));

    assertThat(statistics.facts(extended.id.value()).answeredOnTime()).isTrue();
    assertThat(statistics.facts(recomputedEarlier.id.value()).answeredOnTime()).isFalse();
    assertThat(statistics.facts(resumedLater.id.value()).answeredOnTime())
        .as("exactly at the deadline is on time")
        .isTrue();
    assertThat(statistics.facts(resumedLater.id.value()).responseSeconds()).isEqualTo(18000L);
    StatisticsRow row =
        row(
            query("2026-03-02", "2026-03-02", GroupBy.DEPARTMENT, Granularity.DAY),
            "2026-03-02",
            null);
    assertThat(row.answered()).isEqualTo(3);
    assertThat(row.answeredOnTime()).isEqualTo(2);
    assertThat(row.onTimeShare()).isEqualTo(2.0 / 3);
  }

  @Test
  void figuresAgreeWithACountDoneByHandOnManyRequests() {
    Random random = new Random(20260302L);
    List<DepartmentId> units = List.of(SHUIBU, DONGJIE);
    List<ProofTypeCode> types = List.of(SAME_PERSON, HOUSEHOLD, ProofTypeCode.of("RESIDENCE"));
    record Expected(String month, String type, Long seconds, boolean onTime) {}
    List<Expected> expected = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      LocalDate day = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(59));
      Instant at = day.atTime(8, 0).atZone(RequestStatisticsProjection.ZONE).toInstant();
      at = at.plusSeconds(random.nextInt(10 * 3600));
      ProofTypeCode type = types.get(random.nextInt(types.size()));
      Story story = new Story(type, units.get(random.nextInt(units.size())), at, WORKING_DAY);
      Long seconds = null;
      if (random.nextInt(10) < 8) {
        seconds = 60L + random.nextInt(20 * 3600);
        story.repliedAfter(Duration.ofSeconds(seconds));
      }
      expected.add(
          new Expected(
              day.toString().substring(0, 7),
              type.value(),
              seconds,
              seconds != null && seconds <= WORKING_DAY.toSeconds()));
    }

    Statistics stats = query("2026-01-01", "2026-02-28", GroupBy.PROOF_TYPE, Granularity.MONTH);

    Map<String, List<Expected>> cells =
        expected.stream()
            .collect(
                Collectors.groupingBy(
                    e -> e.month() + "/" + e.type(), TreeMap::new, Collectors.toList()));
    cells.forEach(
        (cell, requests) -> {
          String[] key = cell.split("/");
          StatisticsRow row = row(stats, key[0], key[1]);
          List<Long> times =
              requests.stream()
                  .map(Expected::seconds)
                  .filter(s -> s != null)
                  .sorted(Comparator.naturalOrder())
                  .toList();
          assertThat(row.volume()).as(cell).isEqualTo(requests.size());
          assertThat(row.answered()).as(cell).isEqualTo(times.size());
          assertThat(row.answeredOnTime())
              .as(cell)
              .isEqualTo(requests.stream().filter(Expected::onTime).count());
          assertThat(row.medianResponseSeconds()).as(cell).isEqualTo(nearestRank(times, 50));
          assertThat(row.p90ResponseSeconds()).as(cell).isEqualTo(nearestRank(times, 90));
        });
    Map<String, Long> perMonth =
        expected.stream().collect(Collectors.groupingBy(Expected::month, Collectors.counting()));
    perMonth.forEach(
        (month, count) -> assertThat(row(stats, month, null).volume()).isEqualTo(count));
    assertThat(stats.rows().stream().filter(r -> !r.total()).map(StatisticsRow::group).distinct())
        .hasSizeLessThanOrEqualTo(types.size());
    assertThat(
            stats.rows().stream()
                .filter(StatisticsRow::total)
                .collect(Collectors.toMap(StatisticsRow::period, Function.identity()))
                .keySet())
        .containsExactlyInAnyOrder("2026-01", "2026-02");
  }

  private static Long nearestRank(List<Long> sorted, int percent) {
    if (sorted.isEmpty()) {
      return null;
    }
    return sorted.get((int) Math.ceil(percent * sorted.size() / 100.0) - 1);
  }

  @Test
  void aResetForgetsEverythingSoAReplayStartsAfresh() {
    marchAndTheFirstOfApril();

    statistics.onReset();

    Statistics stats = query("2026-03-01", "2026-04-30", GroupBy.DEPARTMENT, Granularity.MONTH);
    assertThat(layout(stats)).containsExactly("2026-03/TOTAL", "2026-04/TOTAL");
    assertThat(row(stats, "2026-03", null).volume()).isZero();
  }

  @Test
  void aDaysRequestsAreSpreadOverSeveralSmallDocumentsReadByKey() {
    Instant monday = fuzhou("2026-03-02T09:00");
    for (int i = 0; i < 64; i++) {
      new Story(SAME_PERSON, SHUIBU, monday.plusSeconds(i), WORKING_DAY);
    }

    long documents =
        mongo()
            .getCollection(RequestStatisticsProjection.DAYS)
            .countDocuments(com.mongodb.client.model.Filters.eq("day", "2026-03-02"));
    assertThat(documents).isGreaterThan(1).isLessThanOrEqualTo(RequestStatisticsProjection.SHARDS);
    assertThat(
            row(
                    query("2026-03-02", "2026-03-02", GroupBy.DEPARTMENT, Granularity.DAY),
                    "2026-03-02",
                    null)
                .volume())
        .isEqualTo(64);
  }
}
