package org.proofassist.hub.api.request;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.proofassist.hub.api.audit.PersonalDataReads;
import org.proofassist.hub.api.problem.ConflictException;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.problem.NotFoundException;
import org.proofassist.hub.api.request.RequestResponses.History;
import org.proofassist.hub.api.request.RequestResponses.RequestDetails;
import org.proofassist.hub.api.request.RequestResponses.RequestList;
import org.proofassist.hub.api.request.RequestResponses.RequestState;
import org.proofassist.hub.api.request.RequestResponses.SealedReply;
import org.proofassist.hub.api.seal.pdf.ReplyLetters;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.AcceptCommitment;
import org.proofassist.hub.core.request.AcceptRequest;
import org.proofassist.hub.core.request.AcknowledgeReply;
import org.proofassist.hub.core.request.DeclineRequest;
import org.proofassist.hub.core.request.DispatchRequest;
import org.proofassist.hub.core.request.ExtendDeadline;
import org.proofassist.hub.core.request.ForwardRequest;
import org.proofassist.hub.core.request.IssueReply;
import org.proofassist.hub.core.request.ProvideClarification;
import org.proofassist.hub.core.request.RaiseVerificationRequest;
import org.proofassist.hub.core.request.RequestClarification;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.core.request.WithdrawRequest;
import org.proofassist.hub.projections.request.FindInbox;
import org.proofassist.hub.projections.request.FindWaitingRequests;
import org.proofassist.hub.projections.request.RequestView;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Verification requests over HTTP: translates calls into commands and queries, nothing more. The
 * acting user, department and role always come from the signed-in principal.
 */
@RestController
@RequestMapping("/api/v1/requests")
@Validated
@Tag(name = "Verification requests", description = "协查请求: raise, route, answer, close")
public class RequestController {

  static final String PURPOSE =
      "why personal data is read, recorded in the read log; required for auditors (the"
          + " X-Purpose header is read too)";

  private static final Set<RequestStatus> OPEN_FOR_INBOX =
      EnumSet.of(
          RequestStatus.ROUTED,
          RequestStatus.AWAITING_DISPATCH,
          RequestStatus.ACCEPTED,
          RequestStatus.CLARIFICATION_REQUESTED);
  private static final Set<RequestStatus> WAITING =
      EnumSet.of(
          RequestStatus.ROUTED,
          RequestStatus.AWAITING_DISPATCH,
          RequestStatus.ACCEPTED,
          RequestStatus.CLARIFICATION_REQUESTED,
          RequestStatus.ANSWERED);

  private final CommandGateway commands;
  private final RequestViews views;
  private final PersonalDataReads reads;
  private final ReplyLetters letters;
  private final RequestAsOf asOf;
  private final ServiceLevelPolicy serviceLevels;
  private final OfficeTimetable timetable;
  private final Clock clock;

  public RequestController(
      CommandGateway commands,
      RequestViews views,
      PersonalDataReads reads,
      ReplyLetters letters,
      RequestAsOf asOf,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      Clock clock) {
    this.asOf = asOf;
    this.commands = commands;
    this.views = views;
    this.reads = reads;
    this.letters = letters;
    this.serviceLevels = serviceLevels;
    this.timetable = timetable;
    this.clock = clock;
  }

  @PostMapping
  @Operation(
      summary = "Raise a verification request",
      description =
          "With an Idempotency-Key header, the same key and body return the original request"
              + " (200) and the same key with another body is refused (409).")
  public ResponseEntity<RequestState> raise(
      @AuthenticationPrincipal HubUser user,
      @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyKey,
      @Valid @RequestBody RaiseRequestBody body) {
    if (idempotencyKey != null
        && (idempotencyKey.isBlank()
            || idempotencyKey.length() > 200
            || !idempotencyKey.chars().allMatch(c -> c > 32 && c < 127))) {
      throw new InvalidFieldException(
          "Idempotency-Key",
          "IDEMPOTENCY_KEY_FORMAT",
          "an idempotency key is 1 to 200 printable ASCII characters without spaces");
    }
    RaiseVerificationRequest command = body.toCommand(user.actor(), idempotencyKey);
    if (idempotencyKey != null) {
      Optional<RequestView> earlier = views.find(command.requestId());
      if (earlier.isPresent()) {
        return repeated(earlier.get(), command);
      }
    }
    try {
      commands.sendAndWait(command);
    } catch (ConcurrencyException | AggregateStreamCreationException sameKeyAtTheSameTime) {
      // the sequenced engine says ConcurrencyException, Axon's MongoDB engine the other
      if (idempotencyKey == null) {
        throw sameKeyAtTheSameTime;
      }
      return repeated(
          views.await(command.requestId(), 1).orElseThrow(() -> sameKeyAtTheSameTime), command);
    }
    RequestView view =
        views
            .await(command.requestId(), 1)
            .orElseThrow(() -> new IllegalStateException("raised request has no view"));
    return ResponseEntity.created(URI.create("/api/v1/requests/" + view.id()))
        .body(RequestState.of(view));
  }

  @GetMapping
  @Operation(
      summary = "List requests",
      description =
          "view=waiting: what the caller's approving department waits for (open requests and"
              + " replies to pick up). view=inbox: what the caller's unit must answer, or for an"
              + " authority everything under it (open requests). status narrows either;"
              + " escalated=true narrows the inbox to what was escalated to the caller's"
              + " authority or one under it; raisedBy=<user> narrows the waiting list to one"
              + " window's or clerk's requests. counts: the list's requests per status, and how"
              + " many were escalated.")
  public RequestList list(
      @AuthenticationPrincipal HubUser user,
      @RequestParam String view,
      @RequestParam(required = false) List<RequestStatus> status,
      @RequestParam(defaultValue = "false") boolean escalated,
      @RequestParam(required = false) String raisedBy,
      @RequestParam(defaultValue = "0") @Min(0) @Max(100000) int page,
      @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
    boolean filtered = status != null && !status.isEmpty();
    if (escalated && !"inbox".equals(view)) {
      throw new InvalidFieldException(
          "escalated", "ESCALATED_ONLY_IN_INBOX", "escalated=true narrows view=inbox only");
    }
    if (raisedBy != null && !"waiting".equals(view)) {
      throw new InvalidFieldException(
          "raisedBy", "RAISED_BY_ONLY_IN_WAITING", "raisedBy narrows view=waiting only");
    }
    Object query =
        switch (view) {
          case "waiting" ->
              new FindWaitingRequests(
                  user.department(),
                  filtered ? Set.copyOf(status) : WAITING,
                  raisedBy == null || raisedBy.isBlank() ? null : raisedBy.strip(),
                  page,
                  size);
          case "inbox" ->
              new FindInbox(
                  user.department(),
                  filtered ? Set.copyOf(status) : OPEN_FOR_INBOX,
                  escalated,
                  page,
                  size);
          default ->
              throw new InvalidFieldException(
                  "view", "UNKNOWN_VIEW", "view is 'waiting' or 'inbox', not '" + view + "'");
        };
    return RequestList.of(views.page(query), clock.instant(), this::officeMinutesLeft);
  }

  @GetMapping("/{id}")
  @Operation(
      summary = "One request in full (personal data; the read is recorded)",
      description =
          "With asOf (an ISO date-time with offset, e.g. 2026-11-03T10:00:00+08:00): the request as"
              + " it was at that moment, rebuilt from its events; 404 if it had not been raised"
              + " yet.")
  public RequestDetails get(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Parameter(description = PURPOSE) @RequestParam(required = false) String purpose,
      @RequestHeader(name = "X-Purpose", required = false) String purposeHeader,
      @Parameter(description = "a past moment, e.g. 2026-11-03T10:00:00+08:00")
          @RequestParam(required = false)
          String asOf) {
    String why = purpose(user, purpose, purposeHeader);
    Instant moment = asOf == null ? null : moment(asOf);
    RequestView view = views.visibleTo(user, requestId(id));
    if (moment != null) {
      RequestView then =
          this.asOf
              .at(requestId(id), moment)
              .orElseThrow(
                  () -> new NotFoundException("request " + id + " had not been raised at " + asOf));
      reads.record(user, view.id(), view.subject().idNumber(), "request as of " + moment, why);
      return RequestDetails.of(then, moment);
    }
    reads.record(user, view.id(), view.subject().idNumber(), "request", why);
    return RequestDetails.of(view, clock.instant());
  }

  private Instant moment(String asOf) {
    Instant moment;
    try {
      // A '+' in a query string reads as a space unless encoded (%2B): accept both.
      moment = java.time.OffsetDateTime.parse(asOf.strip().replace(' ', '+')).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new InvalidFieldException(
          "asOf",
          "AS_OF_FORMAT",
          "asOf is a date-time with offset, such as 2026-11-03T10:00:00+08:00, not '" + asOf + "'");
    }
    if (moment.isAfter(clock.instant())) {
      throw new InvalidFieldException("asOf", "AS_OF_FUTURE", "asOf " + asOf + " is in the future");
    }
    return moment;
  }

  @GetMapping("/{id}/reply")
  @Operation(summary = "The sealed reply (a JWS that anyone can verify)")
  public SealedReply reply(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Parameter(description = PURPOSE) @RequestParam(required = false) String purpose,
      @RequestHeader(name = "X-Purpose", required = false) String purposeHeader) {
    RequestView view = answered(user, id);
    reads.record(
        user, view.id(), view.subject().idNumber(), "reply", purpose(user, purpose, purposeHeader));
    return SealedReply.of(view);
  }

  /** A request the user may see and that has a reply; 404 otherwise. */
  private RequestView answered(HubUser user, String id) {
    RequestView view = views.visibleTo(user, requestId(id));
    if (view.reply() == null) {
      throw new NotFoundException(
          "request " + id + " has no reply yet (it is " + view.status() + ")");
    }
    return view;
  }

  @GetMapping(path = "/{id}/reply.pdf", produces = MediaType.APPLICATION_PDF_VALUE)
  @Operation(
      summary = "The sealed reply as a printable A4 letter (PDF signed with PAdES)",
      description =
          "Carries the department's round red seal as a visible signature, made with the key that"
              + " sealed the reply. The same bytes on every download.")
  public ResponseEntity<byte[]> replyLetter(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Parameter(description = PURPOSE) @RequestParam(required = false) String purpose,
      @RequestHeader(name = "X-Purpose", required = false) String purposeHeader) {
    String why = purpose(user, purpose, purposeHeader);
    RequestView view = answered(user, id);
    byte[] pdf = letters.letterOf(view);
    reads.record(user, view.id(), view.subject().idNumber(), "reply.pdf", why);
    return ResponseEntity.ok()
        .contentType(MediaType.APPLICATION_PDF)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("reply-" + view.id() + ".pdf")
                .build()
                .toString())
        .body(pdf);
  }

  /**
   * Why personal data is read: the {@code purpose} parameter (or the {@code X-Purpose} header).
   * Auditors must give one; anyone may.
   */
  static String purpose(HubUser user, String parameter, String header) {
    return PersonalDataReads.purpose(
        user, parameter != null && !parameter.isBlank() ? parameter : header);
  }

  private long officeMinutesLeft(RequestView view, Instant now) {
    return serviceLevels
        .officeTimeBetween(now, view.dueAt(), DeadlineExplanation.officeHoursOf(view, timetable))
        .toMinutes();
  }

  @GetMapping("/{id}/deadline")
  @Operation(
      summary = "Why the request is due when it is",
      description =
          "The service level, the office hours it is counted in, the office time that grants and"
              + " the days skipped with the reason (weekend, public holiday).")
  public DeadlineExplanation deadline(
      @AuthenticationPrincipal HubUser user, @PathVariable String id) {
    return DeadlineExplanation.of(views.visibleTo(user, requestId(id)), serviceLevels, timetable);
  }

  @GetMapping("/{id}/events")
  @Operation(summary = "The request's history, oldest first")
  public History events(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Parameter(description = PURPOSE) @RequestParam(required = false) String purpose,
      @RequestHeader(name = "X-Purpose", required = false) String purposeHeader) {
    RequestId requestId = requestId(id);
    RequestView view = views.visibleTo(user, requestId);
    History history =
        views
            .history(requestId)
            .map(History::of)
            .orElseThrow(() -> new NotFoundException("request " + id + " has no history yet"));
    reads.record(
        user,
        view.id(),
        view.subject().idNumber(),
        "history",
        purpose(user, purpose, purposeHeader));
    return history;
  }

  @PostMapping("/{id}/accept")
  @Operation(summary = "The assigned unit takes the request on")
  public RequestState accept(@AuthenticationPrincipal HubUser user, @PathVariable String id) {
    RequestId requestId = visible(user, id);
    return after(requestId, commands.sendAndWait(new AcceptRequest(requestId, user.actor())));
  }

  @PostMapping("/{id}/dispatch")
  @Operation(summary = "The supervising authority gives the request to one of its units")
  public RequestState dispatch(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.Dispatch body) {
    RequestId requestId = visible(user, id);
    DepartmentId unit = department("unit", body.unit());
    return after(
        requestId, commands.sendAndWait(new DispatchRequest(requestId, unit, user.actor())));
  }

  @PostMapping("/{id}/forward")
  @Operation(summary = "The assigned unit forwards a request outside its jurisdiction")
  public RequestState forward(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.Forward body) {
    RequestId requestId = visible(user, id);
    DepartmentId to = department("to", body.to());
    return after(
        requestId,
        commands.sendAndWait(new ForwardRequest(requestId, to, body.reason(), user.actor())));
  }

  @PostMapping("/{id}/clarification")
  @Operation(summary = "The assigned unit asks the window a question")
  public RequestState clarification(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.Clarification body) {
    RequestId requestId = visible(user, id);
    return after(
        requestId,
        commands.sendAndWait(new RequestClarification(requestId, body.question(), user.actor())));
  }

  @PostMapping("/{id}/clarification/answer")
  @Operation(summary = "The window answers the unit's question")
  public RequestState answerClarification(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.ClarificationAnswer body) {
    RequestId requestId = visible(user, id);
    return after(
        requestId,
        commands.sendAndWait(new ProvideClarification(requestId, body.answer(), user.actor())));
  }

  @PostMapping("/{id}/reply")
  @Operation(summary = "The assigned unit answers with a reply sealed by its department")
  public RequestState reply(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.Reply body) {
    RequestId requestId = visible(user, id);
    return after(
        requestId,
        commands.sendAndWait(
            new IssueReply(
                requestId, body.outcome(), body.statement(), body.facts(), user.actor())));
  }

  @PostMapping("/{id}/decline")
  @Operation(summary = "The assigned unit declines, with a reason code")
  public RequestState decline(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.Decline body) {
    RequestId requestId = visible(user, id);
    return after(
        requestId,
        commands.sendAndWait(
            new DeclineRequest(requestId, body.reasonCode(), body.reason(), user.actor())));
  }

  @PostMapping("/{id}/withdraw")
  @Operation(summary = "The window withdraws the request")
  public RequestState withdraw(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.Withdraw body) {
    RequestId requestId = visible(user, id);
    return after(
        requestId,
        commands.sendAndWait(new WithdrawRequest(requestId, body.reason(), user.actor())));
  }

  @PostMapping("/{id}/extend")
  @Operation(
      summary = "A supervisor of the answering unit extends the deadline",
      description =
          "Later than the current deadline, not in the past, and at most the proof type's"
              + " maxExtension (office time) after the current deadline.")
  public RequestState extend(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.Extend body) {
    RequestId requestId = visible(user, id);
    return after(
        requestId,
        commands.sendAndWait(
            new ExtendDeadline(requestId, body.until(), body.reason(), user.actor())));
  }

  @PostMapping("/{id}/commitment")
  @Operation(
      summary = "After a time-out, the window closes the matter on the applicant's commitment",
      description =
          "告知承诺: records CommitmentAccepted and closes the request; 409 before a time-out.")
  public RequestState commitment(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @Valid @RequestBody CommandBodies.Commitment body) {
    RequestId requestId = visible(user, id);
    return after(
        requestId,
        commands.sendAndWait(new AcceptCommitment(requestId, body.statement(), user.actor())));
  }

  @PostMapping("/{id}/acknowledge")
  @Operation(summary = "The window has taken the reply; the request is closed")
  public RequestState acknowledge(@AuthenticationPrincipal HubUser user, @PathVariable String id) {
    RequestId requestId = visible(user, id);
    return after(requestId, commands.sendAndWait(new AcknowledgeReply(requestId, user.actor())));
  }

  private ResponseEntity<RequestState> repeated(
      RequestView earlier, RaiseVerificationRequest command) {
    if (!command.fingerprint().equals(earlier.fingerprint())) {
      throw new ConflictException(
          "IDEMPOTENCY_KEY_REUSED",
          "Idempotency-Key",
          "this idempotency key was already used for a different request (" + earlier.id() + ")");
    }
    return ResponseEntity.ok()
        .location(URI.create("/api/v1/requests/" + earlier.id()))
        .body(RequestState.of(earlier));
  }

  private RequestId visible(HubUser user, String id) {
    RequestId requestId = requestId(id);
    views.visibleTo(user, requestId);
    return requestId;
  }

  private RequestState after(RequestId requestId, Object version) {
    long expected = version instanceof Number number ? number.longValue() : 0;
    return views
        .await(requestId, expected)
        .map(RequestState::of)
        .orElseThrow(() -> new NotFoundException("no request " + requestId));
  }

  private static RequestId requestId(String id) {
    try {
      return RequestId.of(id);
    } catch (InvalidValueException e) {
      throw new NotFoundException("no request " + id);
    }
  }

  private static DepartmentId department(String field, String value) {
    try {
      return DepartmentId.of(value);
    } catch (InvalidValueException e) {
      throw new InvalidFieldException(field, e.code(), field + ": " + e.getMessage());
    }
  }
}
