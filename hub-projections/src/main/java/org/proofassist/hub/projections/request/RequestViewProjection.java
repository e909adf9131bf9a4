package org.proofassist.hub.projections.request;

import static org.springframework.data.mongodb.core.query.Query.query;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.request.ClarificationProvided;
import org.proofassist.hub.core.request.ClarificationRequested;
import org.proofassist.hub.core.request.CommitmentAccepted;
import org.proofassist.hub.core.request.DeadlineExtended;
import org.proofassist.hub.core.request.DeadlinePaused;
import org.proofassist.hub.core.request.DeadlineRecomputed;
import org.proofassist.hub.core.request.DeadlineResumed;
import org.proofassist.hub.core.request.ReplyAcknowledged;
import org.proofassist.hub.core.request.ReplyIssued;
import org.proofassist.hub.core.request.RequestAccepted;
import org.proofassist.hub.core.request.RequestAwaitingDispatch;
import org.proofassist.hub.core.request.RequestDeclined;
import org.proofassist.hub.core.request.RequestDispatched;
import org.proofassist.hub.core.request.RequestEscalated;
import org.proofassist.hub.core.request.RequestForwarded;
import org.proofassist.hub.core.request.RequestRouted;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.core.request.RequestTimedOut;
import org.proofassist.hub.core.request.RequestWithdrawn;
import org.proofassist.hub.core.request.VerificationRequestRaised;
import org.proofassist.hub.core.routing.RoutingStep;
import org.proofassist.hub.projections.batch.ProjectionBatch;
import org.proofassist.hub.projections.batch.VersionedWrites;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.index.IndexOperations;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Keeps one document per request in {@value #COLLECTION}, shaped for the request screen, and the
 * boards behind the waiting and inbox lists ({@link RequestBoards}). Every read is by key.
 *
 * <p>Every update is guarded by the event's sequence number, so an event delivered twice (after a
 * crash between handling and storing the token) changes nothing the second time. The writes of a
 * processor's batch are made together ({@link ProjectionBatch}, {@link VersionedWrites}).
 */
@ProcessingGroup(RequestViewProjection.PROCESSING_GROUP)
public class RequestViewProjection {

  public static final String PROCESSING_GROUP = "request-views";
  public static final String COLLECTION = "request_views";

  private final MongoTemplate mongo;
  private final Directory directory;
  private final ProofCatalogue catalogue;
  private final RequestBoards boards;

  public RequestViewProjection(
      MongoTemplate mongo, Directory directory, ProofCatalogue catalogue, Clock clock) {
    this.mongo = mongo;
    this.directory = directory;
    this.catalogue = catalogue;
    this.boards = new RequestBoards(mongo, clock);
    ensureIndexes();
  }

  /**
   * The secondary indexes of {@value #COLLECTION}, for the queries that do not read by key: the
   * audit office's search by days (range alone, and the department, proof type or status first,
   * then the range) and the deadline recount (open requests by status, and since a moment: the
   * status index serves it in either direction). Declared at each start and again after a reset,
   * which drops the collection and its indexes with it. The embedded server keeps no secondary
   * index and scans; on MongoDB these serve the queries.
   */
  private void ensureIndexes() {
    IndexOperations indexes = mongo.indexOps(COLLECTION);
    indexes.ensureIndex(new Index().on("raisedAt", Sort.Direction.DESC).named("search_raisedAt"));
    for (String field : List.of("involved", "proofType", "status")) {
      indexes.ensureIndex(
          new Index()
              .on(field, Sort.Direction.ASC)
              .on("raisedAt", Sort.Direction.DESC)
              .named("search_" + field + "_raisedAt"));
    }
  }

  @EventHandler
  public void on(VerificationRequestRaised event, @SequenceNumber long sequence) {
    var subject = event.subject();
    RequestView view =
        new RequestView(
            event.requestId().value(),
            sequence,
            null,
            event.proofType().value(),
            catalogue.find(event.proofType()).map(t -> t.name()).orElse(event.proofType().value()),
            new RequestView.Subject(
                subject.name(),
                subject.idNumber().value(),
                subject.otherIdNumbers().stream().map(CitizenIdNumber::value).toList(),
                subject.householdDivision() == null ? null : subject.householdDivision().value(),
                subject.address()),
            new RequestView.Matter(event.matter().code(), event.matter().caseNumber()),
            event.question(),
            actor(event.actor()),
            event.at(),
            event.dueAt(),
            event.serviceLevel().toString(),
            event.officeHoursOf() == null ? null : event.officeHoursOf().value(),
            List.of(),
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            null,
            event.at(),
            Set.of(event.actor().department().value()),
            List.of(),
            event.idempotencyKey(),
            event.fingerprint(),
            Set.of(),
            List.of(),
            List.of());
    write(writes -> writes.insert(view.id(), sequence, view));
  }

  @EventHandler
  public void on(RequestRouted event, @SequenceNumber long sequence) {
    List<String> issuingSide = issuingSide(event.unit());
    Update update =
        new Update()
            .set("status", RequestStatus.ROUTED.name())
            .set("routing.authority", event.authority().value())
            .set("routing.unit", event.unit().value())
            .set("routing.rule", event.rule().name())
            .set("routing.key", event.key())
            .set("routing.path", steps(event.path()))
            .set("issuingSide", issuingSide);
    update.addToSet("involved").each(issuingSide.toArray());
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(RequestAwaitingDispatch event, @SequenceNumber long sequence) {
    List<String> issuingSide = issuingSide(event.authority());
    Update update =
        new Update()
            .set("status", RequestStatus.AWAITING_DISPATCH.name())
            .set("routing.authority", event.authority().value())
            .unset("routing.unit")
            .set("routing.rule", event.rule().name())
            .set("routing.key", event.key())
            .set("routing.path", steps(event.path()))
            .set("routing.awaitingDispatchReason", event.reason())
            .set("issuingSide", issuingSide);
    update.addToSet("involved").each(issuingSide.toArray());
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(RequestDispatched event, @SequenceNumber long sequence) {
    List<String> issuingSide = issuingSide(event.unit());
    Update update =
        new Update()
            .set("status", RequestStatus.ROUTED.name())
            .set("routing.unit", event.unit().value())
            .unset("routing.awaitingDispatchReason")
            .set("issuingSide", issuingSide);
    update.addToSet("involved").each(issuingSide.toArray());
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(RequestForwarded event, @SequenceNumber long sequence) {
    DepartmentId holder = event.toUnit() != null ? event.toUnit() : event.toAuthority();
    List<String> issuingSide = issuingSide(holder);
    Update update =
        new Update()
            .set(
                "status",
                (event.toUnit() != null ? RequestStatus.ROUTED : RequestStatus.AWAITING_DISPATCH)
                    .name())
            .set("routing.authority", event.toAuthority().value())
            .set("routing.path", steps(event.path()))
            .set("issuingSide", issuingSide)
            .push(
                "routing.forwardings",
                new RequestView.Forwarding(
                    event.fromUnit().value(),
                    event.toAuthority().value(),
                    event.toUnit() == null ? null : event.toUnit().value(),
                    event.reason(),
                    event.at()));
    if (event.toUnit() != null) {
      update.set("routing.unit", event.toUnit().value()).unset("routing.awaitingDispatchReason");
    } else {
      update
          .unset("routing.unit")
          .set("routing.awaitingDispatchReason", "forwarded: " + event.reason());
    }
    update.addToSet("involved").each(issuingSide.toArray());
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(DeadlineExtended event, @SequenceNumber long sequence) {
    Update update =
        new Update()
            .set("dueAt", event.dueAt())
            .unset("escalation")
            .push(
                "extensions",
                new RequestView.Extension(
                    event.previousDueAt(),
                    event.dueAt(),
                    event.reason(),
                    actor(event.actor()),
                    event.at()));
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(RequestEscalated event, @SequenceNumber long sequence) {
    Update update =
        new Update()
            .set(
                "escalation",
                new RequestView.Escalation(
                    event.to() == null ? null : event.to().value(),
                    event.at(),
                    event.graceUntil(),
                    null));
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(RequestTimedOut event, @SequenceNumber long sequence) {
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update().set("escalation.timedOutAt", event.at()));
  }

  @EventHandler
  public void on(CommitmentAccepted event, @SequenceNumber long sequence) {
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update()
            .set("status", RequestStatus.CLOSED.name())
            .set("commitment", event.statement())
            .set("acknowledgedAt", event.at()));
  }

  @EventHandler
  public void on(DeadlineRecomputed event, @SequenceNumber long sequence) {
    Update update =
        new Update()
            .set("dueAt", event.dueAt())
            .push(
                "recomputations",
                new RequestView.Recomputation(
                    event.previousDueAt(),
                    event.dueAt(),
                    event.calendarEdition(),
                    event.changes().stream()
                        .map(c -> new RequestView.Change(c.date(), c.was(), c.now()))
                        .toList(),
                    event.at()));
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(DeadlinePaused event, @SequenceNumber long sequence) {
    Update update =
        new Update()
            .push(
                "pauses",
                new RequestView.ClockPause(
                    RequestView.ClockPause.PAUSED,
                    event.at(),
                    event.remainingOfficeMinutes(),
                    null));
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(DeadlineResumed event, @SequenceNumber long sequence) {
    Update update =
        new Update()
            .set("dueAt", event.dueAt())
            .push(
                "pauses",
                new RequestView.ClockPause(
                    RequestView.ClockPause.RESUMED, event.at(), null, event.dueAt()));
    apply(event.requestId().value(), sequence, event.at(), update);
  }

  @EventHandler
  public void on(RequestAccepted event, @SequenceNumber long sequence) {
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update().set("status", RequestStatus.ACCEPTED.name()));
  }

  @EventHandler
  public void on(ClarificationRequested event, @SequenceNumber long sequence) {
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update()
            .set("status", RequestStatus.CLARIFICATION_REQUESTED.name())
            .set(
                "clarification",
                new RequestView.Clarification(
                    event.question(), actor(event.actor()), event.at(), null, null)));
  }

  @EventHandler
  public void on(ClarificationProvided event, @SequenceNumber long sequence) {
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update()
            .set("status", RequestStatus.ACCEPTED.name())
            .set("clarification.answer", event.answer())
            .set("clarification.answeredAt", event.at()));
  }

  @EventHandler
  public void on(ReplyIssued event, @SequenceNumber long sequence) {
    var stamped = event.stampedReply();
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update()
            .set("status", RequestStatus.ANSWERED.name())
            .set(
                "reply",
                new RequestView.Reply(
                    event.outcome().name(),
                    event.statement(),
                    event.facts(),
                    event.unit().value(),
                    actor(event.actor()),
                    event.at(),
                    stamped.jws(),
                    stamped.contentDigest(),
                    stamped.certificateSerial(),
                    stamped.certificateSubject(),
                    event.late())));
  }

  @EventHandler
  public void on(RequestDeclined event, @SequenceNumber long sequence) {
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update()
            .set("status", RequestStatus.DECLINED.name())
            .set(
                "decline",
                new RequestView.Decline(
                    event.reasonCode().name(), event.reason(), actor(event.actor()), event.at())));
  }

  @EventHandler
  public void on(RequestWithdrawn event, @SequenceNumber long sequence) {
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update()
            .set("status", RequestStatus.WITHDRAWN.name())
            .set(
                "withdrawal",
                new RequestView.Withdrawal(event.reason(), actor(event.actor()), event.at())));
  }

  @EventHandler
  public void on(ReplyAcknowledged event, @SequenceNumber long sequence) {
    apply(
        event.requestId().value(),
        sequence,
        event.at(),
        new Update().set("status", RequestStatus.CLOSED.name()).set("acknowledgedAt", event.at()));
  }

  @ResetHandler
  void onReset() {
    mongo.dropCollection(COLLECTION);
    boards.reset();
    ensureIndexes();
  }

  @QueryHandler
  public Optional<RequestView> handle(FindRequest query) {
    return Optional.ofNullable(
        mongo.findById(query.requestId().value(), RequestView.class, COLLECTION));
  }

  @QueryHandler
  public RequestPage handle(FindWaitingRequests query) {
    return boards.page(
        "waiting",
        query.department().value(),
        query.statuses(),
        false,
        query.clerk(),
        query.page(),
        query.size());
  }

  @QueryHandler
  public RequestPage handle(FindInbox query) {
    return boards.page(
        "inbox",
        query.department().value(),
        query.statuses(),
        query.escalatedOnly(),
        null,
        query.page(),
        query.size());
  }

  /** Applies an event's change unless the view has it already ({@link VersionedWrites}). */
  private void apply(String requestId, long sequence, Instant at, Update update) {
    write(writes -> writes.update(requestId, sequence, update.set("updatedAt", at)));
  }

  /**
   * Adds a write to the batch's ({@link ProjectionBatch}); once the views are written, the boards
   * of every request touched are brought in line with its view.
   */
  private void write(Consumer<VersionedWrites> change) {
    ProjectionBatch.write(this, () -> new VersionedWrites(mongo, COLLECTION, boards::sync), change);
  }

  private List<String> issuingSide(DepartmentId holder) {
    Set<String> side = new LinkedHashSet<>();
    side.add(holder.value());
    directory.ancestorsOf(holder).forEach(ancestor -> side.add(ancestor.value()));
    return new ArrayList<>(side);
  }

  private static List<RequestView.Step> steps(List<RoutingStep> path) {
    return path.stream()
        .map(s -> new RequestView.Step(s.criterion(), s.key(), s.department().value()))
        .toList();
  }

  private static RequestView.Actor actor(org.proofassist.hub.core.request.Actor actor) {
    return new RequestView.Actor(actor.userId(), actor.department().value(), actor.role().name());
  }
}
