package org.proofassist.hub.projections.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.core.calendar.CalendarChange;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.Actor;
import org.proofassist.hub.core.request.DeadlinePaused;
import org.proofassist.hub.core.request.DeadlineRecomputed;
import org.proofassist.hub.core.request.DeadlineResumed;
import org.proofassist.hub.core.request.ReplyIssued;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestAccepted;
import org.proofassist.hub.core.request.RequestEscalated;
import org.proofassist.hub.core.request.RequestEvent;
import org.proofassist.hub.core.request.RequestForwarded;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.RequestRouted;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.core.request.RequestTimedOut;
import org.proofassist.hub.core.request.VerificationRequestRaised;
import org.proofassist.hub.core.routing.RoutingStep;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.fixtures.Actors;
import org.proofassist.hub.fixtures.ReferenceData;
import org.proofassist.hub.fixtures.Requests;
import org.proofassist.hub.projections.history.FindRequestHistory;
import org.proofassist.hub.projections.history.RequestHistory;
import org.proofassist.hub.projections.history.RequestHistoryProjection;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What the request views must do, whatever MongoDB they run on: events go in through the handlers,
 * answers come out through the query handlers. Subclasses supply the database.
 */
abstract class RequestViewProjectionContract {

  static final Instant T0 = Instant.parse("2026-11-23T01:30:00Z");
  static final DepartmentId SERVICE_CENTRE = DepartmentId.of("FZ-SERVICE-CENTRE");
  static final DepartmentId SHUIBU = DepartmentId.of("FZ-PSB-GULOU-SHUIBU");
  static final DepartmentId DONGJIE = DepartmentId.of("FZ-PSB-GULOU-DONGJIE");
  static final DepartmentId GULOU = DepartmentId.of("FZ-PSB-GULOU");

  RequestViewProjection views;
  RequestHistoryProjection history;

  abstract MongoTemplate mongo();

  @BeforeEach
  void cleanViews() {
    mongo().dropCollection(RequestViewProjection.COLLECTION);
    mongo().dropCollection(RequestHistoryProjection.COLLECTION);
    mongo().dropCollection(RequestBoards.COLLECTION);
    views =
        new RequestViewProjection(
            mongo(),
            ReferenceData.directory(),
            ReferenceData.catalogue(),
            Clock.fixed(T0, ZoneOffset.UTC));
    history = new RequestHistoryProjection(mongo());
  }

  private RequestId routed(Instant at) {
    RequestId id = RequestId.random();
    feed(Requests.aRoutedSamePersonRequest(id, at));
    return id;
  }

  private void feed(List<RequestEvent> events) {
    RequestView existing = events.isEmpty() ? null : view(events.get(0).requestId());
    long sequence = existing == null ? 0 : existing.version() + 1;
    for (RequestEvent event : events) {
      deliver(event, sequence++);
    }
  }

  private void deliver(RequestEvent event, long sequence) {
    if (event instanceof VerificationRequestRaised raised) {
      views.on(raised, sequence);
    } else if (event instanceof RequestRouted routed) {
      views.on(routed, sequence);
    } else if (event instanceof RequestAccepted accepted) {
      views.on(accepted, sequence);
    } else if (event instanceof RequestForwarded forwarded) {
      views.on(forwarded, sequence);
    } else if (event instanceof ReplyIssued reply) {
      views.on(reply, sequence);
    } else if (event instanceof DeadlinePaused paused) {
      views.on(paused, sequence);
    } else if (event instanceof DeadlineResumed resumed) {
      views.on(resumed, sequence);
    } else if (event instanceof DeadlineRecomputed recomputed) {
      views.on(recomputed, sequence);
    } else if (event instanceof RequestEscalated escalated) {
      views.on(escalated, sequence);
    } else if (event instanceof RequestTimedOut timedOut) {
      views.on(timedOut, sequence);
    } else {
      throw new IllegalArgumentException("no delivery for " + event);
    }
    history.on(event, sequence);
  }

  private RequestView view(RequestId id) {
    return views.handle(new FindRequest(id)).orElse(null);
  }

  @Test
  void aRoutedRequestIsInTheWindowsWaitingListAndTheStationsInbox() {
    RequestId id = routed(T0);

    RequestView view = view(id);
    assertThat(view.status()).isEqualTo("ROUTED");
    assertThat(view.version()).isEqualTo(1);
    assertThat(view.routing().unit()).isEqualTo(SHUIBU.value());
    assertThat(view.subject().otherIdNumbers()).containsExactly("350102680512123");
    assertThat(view.involved())
        .contains("FZ-SERVICE-CENTRE", "FZ-PSB-GULOU-SHUIBU", "FZ-PSB-GULOU", "FZ-PSB");

    assertThat(ids(views.handle(new FindWaitingRequests(SERVICE_CENTRE, Set.of(), 0, 100))))
        .contains(id.value());
    assertThat(ids(views.handle(new FindInbox(SHUIBU, Set.of(), 0, 100)))).contains(id.value());
    assertThat(ids(views.handle(new FindInbox(GULOU, Set.of(), 0, 100)))).contains(id.value());
    assertThat(ids(views.handle(new FindInbox(DONGJIE, Set.of(), 0, 100))))
        .doesNotContain(id.value());
  }

  @Test
  void anEventDeliveredTwiceChangesTheViewOnce() {
    RequestId id = routed(T0);
    RequestAccepted accepted =
        new RequestAccepted(id, SHUIBU, Actors.SHUIBU_OFFICER, T0.plusSeconds(60));
    deliver(accepted, 2);
    deliver(accepted, 2);
    deliver(
        new RequestRouted(
            id,
            GULOU,
            SHUIBU,
            org.proofassist.hub.core.catalogue.RoutingRule.BY_HOUSEHOLD_REGISTRATION,
            "350102008",
            List.of(new RoutingStep("street", "350102008", SHUIBU)),
            Actors.WINDOW_CLERK,
            T0),
        1);

    assertThat(view(id).status()).isEqualTo("ACCEPTED");
    assertThat(view(id).version()).isEqualTo(2);
    RequestHistory entries = history.handle(new FindRequestHistory(id)).orElseThrow();
    assertThat(entries.entries())
        .extracting(RequestHistory.Entry::type)
        .containsExactly("VerificationRequestRaised", "RequestRouted", "RequestAccepted");
  }

  @Test
  void aForwardedRequestLeavesTheFirstStationsInbox() {
    RequestId id = routed(T0);
    feed(
        List.of(
            new RequestForwarded(
                id,
                SHUIBU,
                GULOU,
                DONGJIE,
                "户籍已迁出",
                List.of(new RoutingStep("forwarded to", DONGJIE.value(), GULOU)),
                Actors.SHUIBU_OFFICER,
                T0.plusSeconds(120))));

    assertThat(view(id).routing().unit()).isEqualTo(DONGJIE.value());
    assertThat(view(id).routing().forwardings()).hasSize(1);
    assertThat(ids(views.handle(new FindInbox(SHUIBU, Set.of(), 0, 100))))
        .doesNotContain(id.value());
    assertThat(ids(views.handle(new FindInbox(DONGJIE, Set.of(), 0, 100)))).contains(id.value());
    assertThat(view(id).involved()).contains(SHUIBU.value(), DONGJIE.value());
  }

  @Test
  void theReplyIsKeptWithItsSealAndTheStatusFilterFindsIt() {
    RequestId id = routed(T0);
    feed(
        List.of(
            new RequestAccepted(id, SHUIBU, Actors.SHUIBU_OFFICER, T0.plusSeconds(60)),
            new ReplyIssued(
                id,
                SHUIBU,
                ReplyOutcome.CONFIRMED,
                "系同一人",
                Map.of("checkedRegister", "常住人口信息系统"),
                new StampedReply(
                    "eyJ.header.sig", "ab12", SHUIBU, "0F", "CN=水部派出所", T0.plusSeconds(90)),
                false,
                Actors.SHUIBU_OFFICER,
                T0.plusSeconds(90))));

    RequestView view = view(id);
    assertThat(view.status()).isEqualTo("ANSWERED");
    assertThat(view.reply().jws()).isEqualTo("eyJ.header.sig");
    assertThat(view.reply().facts()).containsEntry("checkedRegister", "常住人口信息系统");
    assertThat(
            ids(
                views.handle(
                    new FindWaitingRequests(
                        SERVICE_CENTRE, Set.of(RequestStatus.ANSWERED), 0, 100))))
        .contains(id.value());
    assertThat(
            ids(
                views.handle(
                    new FindWaitingRequests(SERVICE_CENTRE, Set.of(RequestStatus.ROUTED), 0, 100))))
        .doesNotContain(id.value());
  }

  @Test
  void theClockIsShownWithItsPausesNewCalendarsTimeOutAndALateReply() {
    RequestId id = routed(T0);
    Instant due = view(id).dueAt();
    Instant resumedDue = due.plusSeconds(3_600);
    Instant recomputedDue = resumedDue.plusSeconds(86_400);
    CalendarChange change =
        new CalendarChange(LocalDate.of(2026, 11, 24), "working day", "public holiday 测试");
    Instant grace = recomputedDue.plusSeconds(86_400);
    feed(
        List.of(
            new RequestAccepted(id, SHUIBU, Actors.SHUIBU_OFFICER, T0.plusSeconds(10)),
            new DeadlinePaused(id, 240, Actors.SHUIBU_OFFICER, T0.plusSeconds(20)),
            new DeadlineResumed(id, resumedDue, Actors.WINDOW_CLERK, T0.plusSeconds(3_620)),
            new DeadlineRecomputed(
                id,
                resumedDue,
                recomputedDue,
                2,
                List.of(change),
                Actor.HUB,
                T0.plusSeconds(4_000)),
            new RequestEscalated(id, GULOU, recomputedDue, grace, Actor.HUB, recomputedDue),
            new RequestTimedOut(id, grace, Actor.HUB, grace),
            new ReplyIssued(
                id,
                SHUIBU,
                ReplyOutcome.CONFIRMED,
                "系同一人",
                Map.of(),
                new StampedReply(
                    "eyJ.h.s", "cd34", SHUIBU, "0F", "CN=水部派出所", grace.plusSeconds(60)),
                true,
                Actors.SHUIBU_OFFICER,
                grace.plusSeconds(60))));

    RequestView view = view(id);
    assertThat(view.pauses())
        .extracting(RequestView.ClockPause::what, RequestView.ClockPause::remainingOfficeMinutes)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("PAUSED", 240L),
            org.assertj.core.groups.Tuple.tuple("RESUMED", null));
    assertThat(view.pauses().get(1).dueAt()).isEqualTo(resumedDue);
    assertThat(view.recomputations()).hasSize(1);
    assertThat(view.recomputations().get(0).previousDueAt()).isEqualTo(resumedDue);
    assertThat(view.recomputations().get(0).changes())
        .containsExactly(new RequestView.Change(change.date(), "working day", "public holiday 测试"));
    assertThat(view.dueAt()).isEqualTo(recomputedDue);
    assertThat(view.escalation().timedOutAt()).isEqualTo(grace);
    assertThat(view.status()).isEqualTo("ANSWERED");
    assertThat(view.reply().late()).as("a reply after the time-out is late").isTrue();
  }

  @Test
  void listsAreSortedByDeadlineAndPaged() {
    RequestId late = routed(T0.plusSeconds(3600));
    RequestId early = routed(T0);
    RequestId middle = routed(T0.plusSeconds(1800));

    RequestPage first = views.handle(new FindInbox(SHUIBU, Set.of(), 0, 2));
    RequestPage second = views.handle(new FindInbox(SHUIBU, Set.of(), 1, 2));
    assertThat(first.total()).isEqualTo(3);
    assertThat(ids(first)).containsExactly(early.value(), middle.value());
    assertThat(ids(second)).containsExactly(late.value());
  }

  private static List<String> ids(RequestPage page) {
    return page.items().stream().map(RequestView::id).toList();
  }
}
