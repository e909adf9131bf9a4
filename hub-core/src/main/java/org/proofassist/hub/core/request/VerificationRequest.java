package org.proofassist.hub.core.request;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.deadline.DeadlineManager;
import org.axonframework.deadline.annotation.DeadlineHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.AggregateLifecycle;
import org.proofassist.hub.core.calendar.CalendarChange;
import org.proofassist.hub.core.calendar.Deadline;
import org.proofassist.hub.core.calendar.OfficeHours;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevel;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.calendar.WorkingCalendar;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.catalogue.ProofType;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.directory.Department;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.routing.RoutingDecision;
import org.proofassist.hub.core.routing.RoutingImpossibleException;
import org.proofassist.hub.core.routing.RoutingPolicy;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.ReplySeal;
import org.proofassist.hub.core.seal.StampedReply;

/**
 * A verification request (协查请求): one proof asked by one approving window about one subject, from
 * raising to closure. Decides in its command handlers, changes state only from events.
 *
 * <p>Command handlers return the aggregate's version after the command (the sequence number of its
 * last event), so that the caller can wait until its views have caught up.
 */
public class VerificationRequest {

  static final int MAX_TEXT = 2000;

  /** Deadline names: the reminders at 50 % and 80 %, the end of the service level and the grace. */
  public static final String REMINDER = "reminder";

  public static final String SERVICE_LEVEL_ENDS = "service-level-ends";
  public static final String GRACE_ENDS = "grace-ends";

  /** When the unit is reminded: at these shares of its office time, in percent. */
  private static final List<Integer> REMINDERS = List.of(50, 80);

  private static final Set<RequestStatus> OPEN =
      EnumSet.of(
          RequestStatus.ROUTED,
          RequestStatus.AWAITING_DISPATCH,
          RequestStatus.ACCEPTED,
          RequestStatus.CLARIFICATION_REQUESTED);

  @AggregateIdentifier private RequestId requestId;
  private RequestStatus status;
  private ProofTypeCode proofType;
  private Subject subject;
  private Matter matter;
  private String question;
  private DepartmentId raisedBy;
  private DepartmentId authority;
  private DepartmentId unit;
  private Instant dueAt;
  private DepartmentId officeHoursOf;
  private ServiceLevel escalationGrace;
  private boolean escalated;
  private boolean timedOut;
  private Instant graceUntil;
  private Duration pausedRemaining;

  /** The reminders issued for the current clock, by percent: each is issued once. */
  private final Set<Integer> reminded = new HashSet<>();

  /**
   * Where the current clock started and the office time it runs for ({@code null}: the service
   * level), so a new calendar can count the deadline again; no start once a supervisor set the
   * deadline by hand.
   */
  private Instant clockStart;

  private Duration clockSpan;
  private ServiceLevel serviceLevel;

  protected VerificationRequest() {
    // for Axon
  }

  @CommandHandler
  public VerificationRequest(
      RaiseVerificationRequest command,
      ProofCatalogue catalogue,
      Directory directory,
      RoutingPolicy routing,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      DeadlineManager deadlines,
      Clock clock) {
    Actor actor = command.actor();
    requireRole(actor, "raise requests", Role.CLERK);
    Department department = directory.get(actor.department());
    if (!department.approving()) {
      throw RequestRefusedException.permission(
          "NOT_APPROVING_DEPARTMENT",
          actor.department() + " is not an approving department and cannot raise requests");
    }
    ProofType type =
        catalogue
            .find(command.proofType())
            .orElseThrow(
                () ->
                    RequestRefusedException.content(
                        "UNKNOWN_PROOF_TYPE",
                        "proofType",
                        "the catalogue has no proof type " + command.proofType()));
    if (command.subject() == null) {
      throw RequestRefusedException.content(
          "SUBJECT_MISSING", "subject", "the subject of the proof is required");
    }
    if (command.matter() == null) {
      throw RequestRefusedException.content(
          "MATTER_MISSING", "matter", "the matter that needs the proof is required");
    }
    requireFieldsOf(type, command);
    requireText("question", command.question(), false);

    RoutingDecision decision;
    try {
      decision = routing.route(type, command.subject().division());
    } catch (RoutingImpossibleException e) {
      throw RequestRefusedException.content("NOT_ROUTABLE", e.field(), e.getMessage());
    }
    Instant now = clock.instant();
    DepartmentId answering =
        decision instanceof RoutingDecision.Routed routed ? routed.unit() : decision.authority();
    Deadline deadline =
        serviceLevels.deadline(now, type.serviceLevel(), timetable.hoursOf(answering));
    apply(
        new VerificationRequestRaised(
            command.requestId(),
            type.code(),
            command.subject(),
            command.matter(),
            command.question(),
            type.serviceLevel(),
            type.escalationGrace(),
            deadline.dueAt(),
            answering,
            command.idempotencyKey(),
            command.fingerprint(),
            actor,
            now));
    applyDecision(command.requestId(), decision, actor, now);
    // In a constructor the events are applied after it returns: use the values decided here.
    startClock(
        deadlines,
        serviceLevels,
        timetable.hoursOf(answering),
        now,
        now,
        deadline.dueAt(),
        Set.of());
  }

  @CommandHandler
  public long handle(AcceptRequest command, Clock clock) {
    requireAssignedUnit(command.actor(), "accept");
    requireStatus("accept", EnumSet.of(RequestStatus.ROUTED));
    apply(new RequestAccepted(requestId, unit, command.actor(), clock.instant()));
    return version();
  }

  @CommandHandler
  public long handle(
      DispatchRequest command, Directory directory, RoutingPolicy routing, Clock clock) {
    Actor actor = command.actor();
    requireRole(actor, "dispatch requests", Role.SUPERVISOR);
    if (!directory.isSameOrAbove(actor.department(), authority)) {
      throw RequestRefusedException.permission(
          "NOT_SUPERVISING_AUTHORITY",
          "only " + authority + " or a department above it may dispatch this request");
    }
    requireStatus("dispatch", EnumSet.of(RequestStatus.AWAITING_DISPATCH, RequestStatus.ROUTED));
    if (command.unit() == null) {
      throw RequestRefusedException.content("UNIT_MISSING", "unit", "name the unit to dispatch to");
    }
    if (!routing.canDispatch(authority, command.unit())) {
      throw RequestRefusedException.content(
          "NOT_A_UNIT_OF_AUTHORITY",
          "unit",
          command.unit() + " is not an issuing unit under " + authority);
    }
    if (command.unit().equals(unit)) {
      throw RequestRefusedException.content(
          "ALREADY_ASSIGNED", "unit", "the request is already with " + unit);
    }
    apply(new RequestDispatched(requestId, authority, command.unit(), actor, clock.instant()));
    return version();
  }

  @CommandHandler
  public long handle(
      ForwardRequest command,
      ProofCatalogue catalogue,
      Directory directory,
      RoutingPolicy routing,
      Clock clock) {
    requireAssignedUnit(command.actor(), "forward");
    requireStatus("forward", EnumSet.of(RequestStatus.ROUTED, RequestStatus.ACCEPTED));
    requireText("reason", command.reason(), true);
    if (command.to() == null) {
      throw RequestRefusedException.content("TARGET_MISSING", "to", "name where to forward");
    }
    if (!directory.contains(command.to())) {
      throw RequestRefusedException.content(
          "UNKNOWN_DEPARTMENT", "to", "no department " + command.to() + " is in the directory");
    }
    if (command.to().equals(unit)) {
      throw RequestRefusedException.content(
          "FORWARD_TO_SELF", "to", "the request is already with " + unit);
    }
    ProofType type = catalogue.find(proofType).orElseThrow();
    RoutingDecision decision;
    try {
      decision = routing.forwardTo(type, command.to());
    } catch (RoutingImpossibleException e) {
      throw RequestRefusedException.content("NOT_COMPETENT", "to", e.getMessage());
    }
    DepartmentId toUnit = decision instanceof RoutingDecision.Routed routed ? routed.unit() : null;
    apply(
        new RequestForwarded(
            requestId,
            unit,
            decision.authority(),
            toUnit,
            command.reason(),
            decision.path(),
            command.actor(),
            clock.instant()));
    return version();
  }

  @CommandHandler
  public long handle(
      RequestClarification command,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      DeadlineManager deadlines,
      Clock clock) {
    requireAssignedUnit(command.actor(), "ask for clarification on");
    requireStatus("ask for clarification on", EnumSet.of(RequestStatus.ACCEPTED));
    requireText("question", command.question(), true);
    Instant now = clock.instant();
    apply(new ClarificationRequested(requestId, unit, command.question(), command.actor(), now));
    Duration remaining = serviceLevels.officeTimeBetween(now, dueAt, hoursIn(timetable));
    apply(new DeadlinePaused(requestId, remaining.toMinutes(), command.actor(), now));
    stopClock(deadlines);
    return version();
  }

  @CommandHandler
  public long handle(
      ProvideClarification command,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      DeadlineManager deadlines,
      Clock clock) {
    requireRaiser(command.actor(), "answer a clarification on");
    requireStatus("answer a clarification on", EnumSet.of(RequestStatus.CLARIFICATION_REQUESTED));
    requireText("answer", command.answer(), true);
    Instant now = clock.instant();
    apply(new ClarificationProvided(requestId, command.answer(), command.actor(), now));
    if (pausedRemaining != null) {
      apply(
          new DeadlineResumed(
              requestId,
              serviceLevels.after(now, pausedRemaining, hoursIn(timetable)),
              command.actor(),
              now));
      startClock(deadlines, serviceLevels, hoursIn(timetable), now, now, dueAt, Set.of());
    }
    return version();
  }

  @CommandHandler
  public long handle(IssueReply command, ReplySeal seal, DeadlineManager deadlines, Clock clock) {
    requireAssignedUnit(command.actor(), "answer");
    requireStatus("answer", EnumSet.of(RequestStatus.ACCEPTED));
    if (command.outcome() == null) {
      throw RequestRefusedException.content(
          "OUTCOME_MISSING", "outcome", "say CONFIRMED or NOT_CONFIRMED");
    }
    requireText("statement", command.statement(), true);
    Map<String, String> facts = command.facts() == null ? Map.of() : command.facts();
    if (facts.size() > 50) {
      throw RequestRefusedException.content("TOO_MANY_FACTS", "facts", "at most 50 facts");
    }
    facts.forEach(
        (name, value) -> {
          if (name == null || name.isBlank() || name.length() > 64) {
            throw RequestRefusedException.content(
                "FACT_NAME", "facts", "a fact's name has 1 to 64 characters");
          }
          requireText("facts." + name, value, true);
        });
    Instant now = clock.instant();
    StampedReply stamped =
        seal.seal(
            new ReplyContent(
                requestId,
                proofType,
                subject,
                matter,
                question,
                command.outcome(),
                command.statement(),
                facts,
                unit,
                command.actor().userId(),
                now));
    apply(
        new ReplyIssued(
            requestId,
            unit,
            command.outcome(),
            command.statement(),
            Map.copyOf(facts),
            stamped,
            timedOut,
            command.actor(),
            now));
    stopClock(deadlines);
    return version();
  }

  @CommandHandler
  public long handle(DeclineRequest command, DeadlineManager deadlines, Clock clock) {
    requireAssignedUnit(command.actor(), "decline");
    requireStatus(
        "decline",
        EnumSet.of(
            RequestStatus.ROUTED, RequestStatus.ACCEPTED, RequestStatus.CLARIFICATION_REQUESTED));
    if (command.reasonCode() == null) {
      throw RequestRefusedException.content(
          "REASON_CODE_MISSING", "reasonCode", "a decline needs a reason code");
    }
    requireText("reason", command.reason(), true);
    apply(
        new RequestDeclined(
            requestId,
            unit,
            command.reasonCode(),
            command.reason(),
            command.actor(),
            clock.instant()));
    stopClock(deadlines);
    return version();
  }

  @CommandHandler
  public long handle(WithdrawRequest command, DeadlineManager deadlines, Clock clock) {
    requireRaiser(command.actor(), "withdraw");
    requireStatus("withdraw", OPEN);
    requireText("reason", command.reason(), true);
    apply(
        new RequestWithdrawn(
            requestId, status, command.reason(), command.actor(), clock.instant()));
    stopClock(deadlines);
    return version();
  }

  @CommandHandler
  public long handle(
      ExtendDeadline command,
      Directory directory,
      ProofCatalogue catalogue,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      DeadlineManager deadlines,
      Clock clock) {
    Actor actor = command.actor();
    requireRole(actor, "extend deadlines", Role.SUPERVISOR);
    if (authority == null || !directory.isSameOrAbove(actor.department(), authority)) {
      throw RequestRefusedException.permission(
          "NOT_SUPERVISING_AUTHORITY",
          "only a supervisor of " + authority + " or above may extend this request's deadline");
    }
    requireStatus("extend the deadline of", OPEN);
    if (status == RequestStatus.CLARIFICATION_REQUESTED) {
      throw RequestRefusedException.state(
          "CLOCK_PAUSED",
          "the deadline is paused while a clarification is pending; extend it once the"
              + " clarification is answered");
    }
    requireText("reason", command.reason(), true);
    Instant until = command.until();
    if (until == null) {
      throw RequestRefusedException.content(
          "UNTIL_MISSING", "until", "the new deadline is required");
    }
    Instant now = clock.instant();
    if (!until.isAfter(now)) {
      throw RequestRefusedException.content(
          "EXTENSION_IN_PAST", "until", "the new deadline " + until + " is not in the future");
    }
    if (!until.isAfter(dueAt)) {
      throw RequestRefusedException.content(
          "EXTENSION_NOT_LATER",
          "until",
          "the new deadline " + until + " is not later than the current one, " + dueAt);
    }
    ServiceLevel most =
        catalogue
            .find(proofType)
            .orElseThrow(() -> new IllegalStateException("proof type " + proofType + " is gone"))
            .maxExtension();
    OfficeHours hours = hoursIn(timetable);
    Instant limit = serviceLevels.after(dueAt, ServiceLevelPolicy.officeTimeOf(most, hours), hours);
    if (until.isAfter(limit)) {
      throw RequestRefusedException.content(
          "EXTENSION_TOO_LONG",
          "until",
          "a deadline of this proof type may be extended by at most " + most + ", to " + limit);
    }
    apply(new DeadlineExtended(requestId, dueAt, until, command.reason(), actor, now));
    stopClock(deadlines);
    startClock(deadlines, serviceLevels, hoursIn(timetable), now, now, dueAt, Set.of());
    return version();
  }

  @CommandHandler
  public long handle(AcceptCommitment command, DeadlineManager deadlines, Clock clock) {
    requireRaiser(command.actor(), "close on a commitment");
    requireStatus("close on a commitment", OPEN);
    if (!timedOut) {
      throw RequestRefusedException.state(
          "NOT_TIMED_OUT",
          "a request can be closed on the applicant's commitment only after it timed out");
    }
    requireText("statement", command.statement(), true);
    apply(
        new CommitmentAccepted(
            requestId, status, command.statement(), command.actor(), clock.instant()));
    stopClock(deadlines);
    return version();
  }

  /**
   * Counts the deadline again on a new edition of the calendar: the same office time from where the
   * clock started. Nothing happens to a request that is not running against its deadline (closed,
   * paused for a clarification, escalated already) or whose deadline a supervisor set by hand, nor
   * when the deadline does not move.
   */
  @CommandHandler
  public long handle(
      RecomputeDeadline command,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      DeadlineManager deadlines,
      Clock clock) {
    if (!OPEN.contains(status)
        || status == RequestStatus.CLARIFICATION_REQUESTED
        || escalated
        || clockStart == null) {
      return version();
    }
    OfficeHours hours = hoursIn(timetable);
    Duration span =
        clockSpan != null ? clockSpan : ServiceLevelPolicy.officeTimeOf(serviceLevel, hours);
    Instant recomputed = serviceLevels.after(clockStart, span, hours);
    if (recomputed.equals(dueAt)) {
      return version();
    }
    Instant now = clock.instant();
    apply(
        new DeadlineRecomputed(
            requestId,
            dueAt,
            recomputed,
            command.calendarEdition(),
            within(command.changes(), clockStart, recomputed.isAfter(dueAt) ? recomputed : dueAt),
            Actor.HUB,
            now));
    stopClock(deadlines);
    startClock(deadlines, serviceLevels, hours, clockStart, now, recomputed, reminded);
    return version();
  }

  /** The changed days from the day of {@code from} to the day of {@code to}, in China. */
  private static List<CalendarChange> within(
      List<CalendarChange> changes, Instant from, Instant to) {
    LocalDate first = from.atZone(WorkingCalendar.CHINA).toLocalDate();
    LocalDate last = to.atZone(WorkingCalendar.CHINA).toLocalDate();
    return changes.stream()
        .filter(change -> !change.date().isBefore(first) && !change.date().isAfter(last))
        .toList();
  }

  @CommandHandler
  public long handle(AcknowledgeReply command, Clock clock) {
    requireRaiser(command.actor(), "acknowledge");
    requireStatus("acknowledge", EnumSet.of(RequestStatus.ANSWERED));
    apply(new ReplyAcknowledged(requestId, command.actor(), clock.instant()));
    return version();
  }

  @EventSourcingHandler
  void on(VerificationRequestRaised event) {
    requestId = event.requestId();
    proofType = event.proofType();
    subject = event.subject();
    matter = event.matter();
    question = event.question();
    raisedBy = event.actor().department();
    dueAt = event.dueAt();
    officeHoursOf = event.officeHoursOf();
    escalationGrace = event.escalationGrace();
    serviceLevel = event.serviceLevel();
    clockStart = event.at();
    clockSpan = null;
  }

  @EventSourcingHandler
  void on(DeadlineExtended event) {
    dueAt = event.dueAt();
    escalated = false;
    timedOut = false;
    reminded.clear();
    clockStart = null;
  }

  @EventSourcingHandler
  void on(DeadlinePaused event) {
    pausedRemaining = Duration.ofMinutes(event.remainingOfficeMinutes());
  }

  @EventSourcingHandler
  void on(DeadlineResumed event) {
    dueAt = event.dueAt();
    reminded.clear();
    clockStart = event.at();
    clockSpan = pausedRemaining;
    pausedRemaining = null;
  }

  @EventSourcingHandler
  void on(DeadlineRecomputed event) {
    dueAt = event.dueAt();
  }

  @EventSourcingHandler
  void on(ReminderIssued event) {
    reminded.add(event.percent());
  }

  @EventSourcingHandler
  void on(RequestEscalated event) {
    escalated = true;
    graceUntil = event.graceUntil();
  }

  @EventSourcingHandler
  void on(RequestTimedOut event) {
    timedOut = true;
  }

  @EventSourcingHandler
  void on(CommitmentAccepted event) {
    status = RequestStatus.CLOSED;
  }

  @EventSourcingHandler
  void on(RequestRouted event) {
    authority = event.authority();
    unit = event.unit();
    status = RequestStatus.ROUTED;
  }

  @EventSourcingHandler
  void on(RequestAwaitingDispatch event) {
    authority = event.authority();
    unit = null;
    status = RequestStatus.AWAITING_DISPATCH;
  }

  @EventSourcingHandler
  void on(RequestDispatched event) {
    unit = event.unit();
    status = RequestStatus.ROUTED;
  }

  @EventSourcingHandler
  void on(RequestForwarded event) {
    authority = event.toAuthority();
    unit = event.toUnit();
    status = unit == null ? RequestStatus.AWAITING_DISPATCH : RequestStatus.ROUTED;
  }

  @EventSourcingHandler
  void on(RequestAccepted event) {
    status = RequestStatus.ACCEPTED;
  }

  @EventSourcingHandler
  void on(ClarificationRequested event) {
    status = RequestStatus.CLARIFICATION_REQUESTED;
  }

  @EventSourcingHandler
  void on(ClarificationProvided event) {
    status = RequestStatus.ACCEPTED;
  }

  @EventSourcingHandler
  void on(ReplyIssued event) {
    status = RequestStatus.ANSWERED;
  }

  @EventSourcingHandler
  void on(RequestDeclined event) {
    status = RequestStatus.DECLINED;
  }

  @EventSourcingHandler
  void on(RequestWithdrawn event) {
    status = RequestStatus.WITHDRAWN;
  }

  @EventSourcingHandler
  void on(ReplyAcknowledged event) {
    status = RequestStatus.CLOSED;
  }

  /**
   * Records where the request went. Takes the id explicitly: inside the constructor Axon applies
   * events to this instance only after construction, so the fields are not set yet.
   */
  private static void applyDecision(
      RequestId requestId, RoutingDecision decision, Actor actor, Instant now) {
    if (decision instanceof RoutingDecision.Routed routed) {
      apply(
          new RequestRouted(
              requestId,
              routed.authority(),
              routed.unit(),
              routed.rule(),
              routed.key(),
              routed.path(),
              actor,
              now));
    } else if (decision instanceof RoutingDecision.AwaitingDispatch waiting) {
      apply(
          new RequestAwaitingDispatch(
              requestId,
              waiting.authority(),
              waiting.rule(),
              waiting.key(),
              waiting.reason(),
              waiting.path(),
              actor,
              now));
    }
  }

  /**
   * A reminder is due. Issued once per percent and clock; when reminders fall due together (the hub
   * was down), the earlier ones are issued first, so the history reads 50 % before 80 %.
   */
  @DeadlineHandler(deadlineName = REMINDER)
  void remind(ReminderDue reminder, Clock clock) {
    if (!OPEN.contains(status)
        || status == RequestStatus.CLARIFICATION_REQUESTED
        || escalated
        || reminded.contains(reminder.percent())
        || !reminder.dueAt().equals(dueAt)) {
      return;
    }
    issueRemindersUpTo(reminder.percent(), clock.instant());
  }

  private void issueRemindersUpTo(int percent, Instant now) {
    for (int due : REMINDERS) {
      if (due <= percent && !reminded.contains(due)) {
        apply(
            new ReminderIssued(
                requestId, unit != null ? unit : authority, due, dueAt, Actor.HUB, now));
      }
    }
  }

  /**
   * The deadline {@code scheduledFor} passed. A deadline that has moved since (extended, paused and
   * resumed) is ignored: the clock scheduled another for the new one.
   */
  @DeadlineHandler(deadlineName = SERVICE_LEVEL_ENDS)
  void serviceLevelEnds(
      Instant scheduledFor,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      DeadlineManager deadlines,
      Clock clock) {
    Instant now = clock.instant();
    if (!OPEN.contains(status)
        || status == RequestStatus.CLARIFICATION_REQUESTED
        || !scheduledFor.equals(dueAt)) {
      return;
    }
    OfficeHours hours = hoursIn(timetable);
    ServiceLevel grace = escalationGrace != null ? escalationGrace : ServiceLevel.workingDays(1);
    Instant graceUntil =
        serviceLevels.after(dueAt, ServiceLevelPolicy.officeTimeOf(grace, hours), hours);
    if (!escalated) {
      // reminders that were due but have not run (the hub was down) come first
      issueRemindersUpTo(100, now);
      apply(new RequestEscalated(requestId, authority, dueAt, graceUntil, Actor.HUB, now));
    }
    deadlines.schedule(graceUntil, GRACE_ENDS, graceUntil);
  }

  @DeadlineHandler(deadlineName = GRACE_ENDS)
  void graceEnds(Instant scheduledFor, Clock clock) {
    Instant now = clock.instant();
    if (!OPEN.contains(status)
        || status == RequestStatus.CLARIFICATION_REQUESTED
        || timedOut
        || !escalated
        || !scheduledFor.equals(graceUntil)) {
      return;
    }
    apply(new RequestTimedOut(requestId, graceUntil, Actor.HUB, now));
  }

  /**
   * Schedules the reminders at 50 % and 80 % of the office time from {@code from} to {@code dueAt}
   * (those not issued yet; one whose time has passed is due now), and the deadline.
   */
  private static void startClock(
      DeadlineManager deadlines,
      ServiceLevelPolicy serviceLevels,
      OfficeHours hours,
      Instant from,
      Instant now,
      Instant dueAt,
      Set<Integer> reminded) {
    Duration window = serviceLevels.officeTimeBetween(from, dueAt, hours);
    if (!window.isZero()) {
      for (int percent : REMINDERS) {
        if (!reminded.contains(percent)) {
          Instant at =
              serviceLevels.after(from, window.multipliedBy(percent).dividedBy(100), hours);
          deadlines.schedule(at.isAfter(now) ? at : now, REMINDER, new ReminderDue(percent, dueAt));
        }
      }
    }
    deadlines.schedule(dueAt.isAfter(now) ? dueAt : now, SERVICE_LEVEL_ENDS, dueAt);
  }

  /** Cancels every timer of the request: it is answered, closed, paused, or its clock restarts. */
  private static void stopClock(DeadlineManager deadlines) {
    deadlines.cancelAllWithinScope(REMINDER);
    deadlines.cancelAllWithinScope(SERVICE_LEVEL_ENDS);
    deadlines.cancelAllWithinScope(GRACE_ENDS);
  }

  private OfficeHours hoursIn(OfficeTimetable timetable) {
    return timetable.hoursOfOrStandard(officeHoursOf);
  }

  /** The sequence number of the last event applied, so callers can wait for their views. */
  private static long version() {
    Long version = AggregateLifecycle.getVersion();
    return version == null ? 0 : version;
  }

  private void requireStatus(String action, Set<RequestStatus> allowed) {
    if (!allowed.contains(status)) {
      throw RequestRefusedException.state(
          "ILLEGAL_TRANSITION",
          "cannot "
              + action
              + " a request that is "
              + status
              + " (only when "
              + allowed.stream().map(Enum::name).sorted().toList()
              + ")");
    }
  }

  private void requireAssignedUnit(Actor actor, String action) {
    requireRole(actor, action + " requests", Role.OFFICER, Role.SUPERVISOR);
    if (unit == null || !unit.equals(actor.department())) {
      throw RequestRefusedException.permission(
          "NOT_ASSIGNEE",
          "only the assigned unit"
              + (unit == null ? "" : " " + unit)
              + " may "
              + action
              + " this request");
    }
  }

  private void requireRaiser(Actor actor, String action) {
    requireRole(actor, action + " requests", Role.CLERK);
    if (!raisedBy.equals(actor.department())) {
      throw RequestRefusedException.permission(
          "NOT_RAISER", "only the raising department " + raisedBy + " may " + action);
    }
  }

  private static void requireRole(Actor actor, String action, Role... roles) {
    for (Role role : roles) {
      if (actor.role() == role) {
        return;
      }
    }
    throw RequestRefusedException.permission(
        "ROLE_NOT_ALLOWED", "a " + actor.role() + " may not " + action);
  }

  private static void requireText(String field, String text, boolean required) {
    if (text == null || text.isBlank()) {
      if (required) {
        throw RequestRefusedException.content("TEXT_MISSING", field, field + " is required");
      }
      return;
    }
    if (text.length() > MAX_TEXT) {
      throw RequestRefusedException.content(
          "TEXT_TOO_LONG", field, field + " has at most " + MAX_TEXT + " characters");
    }
  }

  private static void requireFieldsOf(ProofType type, RaiseVerificationRequest command) {
    Subject subject = command.subject();
    for (String field : type.requiredFields()) {
      boolean present =
          switch (field) {
            case "subject.otherIdNumbers" -> !subject.otherIdNumbers().isEmpty();
            case "subject.householdDivision" -> subject.householdDivision() != null;
            case "subject.address" -> subject.address() != null && !subject.address().isBlank();
            default -> true;
          };
      if (!present) {
        throw RequestRefusedException.content(
            "FIELD_REQUIRED_BY_PROOF_TYPE", field, "proof type " + type.code() + " needs " + field);
      }
    }
    if (field(type, "subject.otherIdNumbers")
        && subject.otherIdNumbers().stream().anyMatch(n -> n.equals(subject.idNumber()))) {
      throw RequestRefusedException.content(
          "SAME_NUMBER",
          "subject.otherIdNumbers",
          "the other ID numbers must differ from the subject's ID number");
    }
  }

  private static boolean field(ProofType type, String field) {
    return type.requiredFields().contains(field);
  }
}
