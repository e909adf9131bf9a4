package org.proofassist.hub.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.ConcurrencyException;
import org.proofassist.hub.api.audit.PersonalDataReads;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.problem.NotFoundException;
import org.proofassist.hub.api.request.CommandBodies;
import org.proofassist.hub.api.request.DeadlineExplanation;
import org.proofassist.hub.api.request.RequestViews;
import org.proofassist.hub.api.seal.SealVerification;
import org.proofassist.hub.api.seal.SealVerifier;
import org.proofassist.hub.api.seal.pdf.ReplyLetters;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.api.web.PageForms.DeclineForm;
import org.proofassist.hub.api.web.PageForms.ExtendForm;
import org.proofassist.hub.api.web.PageForms.FactRow;
import org.proofassist.hub.api.web.PageForms.ForwardForm;
import org.proofassist.hub.api.web.PageForms.ReplyForm;
import org.proofassist.hub.api.web.PageForms.TextForm;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.request.AcceptCommitment;
import org.proofassist.hub.core.request.AcceptRequest;
import org.proofassist.hub.core.request.AcknowledgeReply;
import org.proofassist.hub.core.request.DeclineReason;
import org.proofassist.hub.core.request.DeclineRequest;
import org.proofassist.hub.core.request.DispatchRequest;
import org.proofassist.hub.core.request.ExtendDeadline;
import org.proofassist.hub.core.request.ForwardRequest;
import org.proofassist.hub.core.request.IssueReply;
import org.proofassist.hub.core.request.ProvideClarification;
import org.proofassist.hub.core.request.ReplyOutcome;
import org.proofassist.hub.core.request.RequestClarification;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.RequestRefusedException;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.core.request.Role;
import org.proofassist.hub.core.request.WithdrawRequest;
import org.proofassist.hub.projections.history.RequestHistory;
import org.proofassist.hub.projections.request.RequestView;
import org.springframework.context.MessageSource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * One request's page, for whoever may see it ({@link RequestViews#visibleTo}; anyone else gets the
 * not-found page): the request in full (the read recorded as the API records it), the sealed reply
 * with its seal's verdict and the PDF letter, the history, and the forms of what the user may do
 * now. Each form sends the same command as the REST endpoint and shows its refusals at the inputs
 * they concern.
 */
@Controller
@RequestMapping("/requests/{id}")
public class RequestPageController {

  private final CommandGateway commands;
  private final RequestViews views;
  private final PersonalDataReads reads;
  private final ReplyLetters letters;
  private final SealVerifier verifier;
  private final Validator validator;
  private final MessageSource messages;
  private final Shown shown;
  private final Directory directory;
  private final ServiceLevelPolicy serviceLevels;
  private final OfficeTimetable timetable;
  private final Clock clock;

  public RequestPageController(
      CommandGateway commands,
      RequestViews views,
      PersonalDataReads reads,
      ReplyLetters letters,
      SealVerifier verifier,
      Validator validator,
      MessageSource messages,
      Shown shown,
      Directory directory,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      Clock clock) {
    this.commands = commands;
    this.views = views;
    this.reads = reads;
    this.letters = letters;
    this.verifier = verifier;
    this.validator = validator;
    this.messages = messages;
    this.shown = shown;
    this.directory = directory;
    this.serviceLevels = serviceLevels;
    this.timetable = timetable;
    this.clock = clock;
  }

  /**
   * What the user may do with the request now. The request itself decides when a form is sent; this
   * only chooses which forms to show.
   */
  public record Actions(
      boolean accept,
      boolean clarify,
      boolean reply,
      boolean decline,
      boolean forward,
      boolean answer,
      boolean acknowledge,
      boolean withdraw,
      boolean dispatch,
      boolean extend,
      boolean commitment) {

    static Actions of(HubUser user, RequestView view, Directory directory) {
      RequestStatus status = RequestStatus.valueOf(view.status());
      boolean assigned =
          (user.role() == Role.OFFICER || user.role() == Role.SUPERVISOR)
              && view.routing() != null
              && user.department().value().equals(view.routing().unit());
      boolean raiser =
          user.role() == Role.CLERK
              && user.department().value().equals(view.raisedBy().department());
      // a supervisor of the authority the request is with, or of one above it
      boolean supervising =
          user.role() == Role.SUPERVISOR
              && view.routing() != null
              && view.routing().authority() != null
              && directory.isSameOrAbove(
                  user.department(), DepartmentId.of(view.routing().authority()));
      boolean timedOut = view.escalation() != null && view.escalation().timedOutAt() != null;
      return new Actions(
          assigned && status == RequestStatus.ROUTED,
          assigned && status == RequestStatus.ACCEPTED,
          assigned && status == RequestStatus.ACCEPTED,
          assigned
              && (status == RequestStatus.ROUTED
                  || status == RequestStatus.ACCEPTED
                  || status == RequestStatus.CLARIFICATION_REQUESTED),
          assigned && (status == RequestStatus.ROUTED || status == RequestStatus.ACCEPTED),
          raiser && status == RequestStatus.CLARIFICATION_REQUESTED,
          raiser && status == RequestStatus.ANSWERED,
          raiser && Boards.isOpen(view),
          supervising && status == RequestStatus.AWAITING_DISPATCH,
          supervising && Boards.isOpen(view),
          raiser && Boards.isOpen(view) && timedOut);
    }

    public boolean any() {
      return accept
          || clarify
          || reply
          || decline
          || forward
          || answer
          || acknowledge
          || withdraw
          || dispatch
          || extend
          || commitment;
    }

    /** Whether the form of this name is on the page (a refusal of another is shown on top). */
    public boolean shows(String form) {
      return switch (form) {
        case "accept" -> accept;
        case "clarification" -> clarify;
        case "reply" -> reply;
        case "decline" -> decline;
        case "forward" -> forward;
        case "answer" -> answer;
        case "acknowledge" -> acknowledge;
        case "withdraw" -> withdraw;
        case "dispatch" -> dispatch;
        case "extend" -> extend;
        case "commitment" -> commitment;
        default -> false;
      };
    }
  }

  @GetMapping
  String show(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String purpose,
      Model model,
      HttpServletResponse response,
      Locale locale) {
    RequestView view = views.visibleTo(user, requestId(id));
    String why;
    try {
      why = PersonalDataReads.purpose(user, purpose);
    } catch (InvalidFieldException refused) {
      // as the API: an auditor says why before personal data is shown, and it is recorded
      FormProblems problems = FormProblems.none();
      if (!"PURPOSE_REQUIRED".equals(refused.code())) {
        problems = new FormProblems("purpose", messages, locale);
        problems.field("purpose", refused.code(), refused.getMessage());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      }
      model.addAttribute("problems", problems);
      model.addAttribute("id", view.id());
      return "requests/purpose";
    }
    return page(user, view, why, FormProblems.none(), model);
  }

  private String page(
      HubUser user, RequestView view, String purpose, FormProblems problems, Model model) {
    reads.record(user, view.id(), view.subject().idNumber(), "request", purpose);
    List<RequestHistory.Entry> history =
        views.history(RequestId.of(view.id())).map(RequestHistory::entries).orElse(List.of());
    reads.record(user, view.id(), view.subject().idNumber(), "history", purpose);
    SealVerification verdict = null;
    if (view.reply() != null) {
      reads.record(user, view.id(), view.subject().idNumber(), "reply", purpose);
      verdict = verifier.verify(view.reply().jws());
    }
    model.addAttribute("view", view);
    model.addAttribute(
        "overdue",
        Boards.isOpen(view) && view.dueAt() != null && clock.instant().isAfter(view.dueAt()));
    model.addAttribute("history", history);
    model.addAttribute("verdict", verdict);
    model.addAttribute("purpose", purpose);
    model.addAttribute("actions", Actions.of(user, view, directory));
    model.addAttribute("deadline", DeadlineExplanation.of(view, serviceLevels, timetable));
    model.addAttribute(
        "dispatchTo",
        view.routing() == null
            ? List.of()
            : shown.unitsUnder(view.routing().authority(), view.routing().unit()));
    model.addAttribute("problems", problems);
    model.addAttribute(
        "forwardTo",
        shown.issuingDepartments(view.routing() == null ? null : view.routing().unit()));
    model.addAttribute("outcomes", ReplyOutcome.values());
    model.addAttribute("declineReasons", DeclineReason.values());
    for (String form :
        List.of(
            "clarificationForm", "answerForm", "withdrawForm", "dispatchForm", "commitmentForm")) {
      if (!model.containsAttribute(form)) {
        model.addAttribute(form, new TextForm(null));
      }
    }
    if (!model.containsAttribute("replyForm")) {
      model.addAttribute("replyForm", ReplyForm.empty());
    }
    if (!model.containsAttribute("declineForm")) {
      model.addAttribute("declineForm", new DeclineForm(null, null));
    }
    if (!model.containsAttribute("extendForm")) {
      model.addAttribute("extendForm", new ExtendForm(null, null));
    }
    if (!model.containsAttribute("forwardForm")) {
      model.addAttribute("forwardForm", new ForwardForm(null, null));
    }
    return "requests/show";
  }

  /** The sealed reply letter: the same bytes as {@code GET /api/v1/requests/{id}/reply.pdf}. */
  @GetMapping("/reply.pdf")
  ResponseEntity<byte[]> letter(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String purpose) {
    RequestView view = views.visibleTo(user, requestId(id));
    if (view.reply() == null) {
      throw new NotFoundException("request " + id + " has no reply yet");
    }
    String why;
    try {
      why = PersonalDataReads.purpose(user, purpose);
    } catch (InvalidFieldException refused) {
      // back to the request page, which asks for the purpose
      return ResponseEntity.status(HttpStatus.SEE_OTHER)
          .location(java.net.URI.create("/requests/" + view.id()))
          .build();
    }
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

  @PostMapping("/accept")
  String accept(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    return act(
        user,
        id,
        "accept",
        locale,
        model,
        flash,
        response,
        (field, code) -> null,
        problems -> new AcceptRequest(requestId(id), user.actor()));
  }

  @PostMapping("/clarification")
  String clarification(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String question,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    model.addAttribute("clarificationForm", new TextForm(question));
    return act(
        user,
        id,
        "clarification",
        locale,
        model,
        flash,
        response,
        (field, code) -> "question",
        problems -> {
          CommandBodies.Clarification body = new CommandBodies.Clarification(question);
          problems.check(validator, body, (field, code) -> "question");
          return new RequestClarification(requestId(id), body.question(), user.actor());
        });
  }

  @PostMapping("/clarification/answer")
  String answer(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String answer,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    model.addAttribute("answerForm", new TextForm(answer));
    return act(
        user,
        id,
        "answer",
        locale,
        model,
        flash,
        response,
        (field, code) -> "answer",
        problems -> {
          CommandBodies.ClarificationAnswer body = new CommandBodies.ClarificationAnswer(answer);
          problems.check(validator, body, (field, code) -> "answer");
          return new ProvideClarification(requestId(id), body.answer(), user.actor());
        });
  }

  @PostMapping("/reply")
  String reply(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String outcome,
      @RequestParam(required = false) String statement,
      Model model,
      RedirectAttributes flash,
      HttpServletRequest request,
      HttpServletResponse response,
      Locale locale) {
    // the rows straight from the request: a single value must not be split at its commas
    List<FactRow> rows =
        ReplyForm.rows(
            request.getParameterValues("factName"), request.getParameterValues("factValue"));
    model.addAttribute("replyForm", new ReplyForm(outcome, statement, rows));
    return act(
        user,
        id,
        "reply",
        locale,
        model,
        flash,
        response,
        RequestPageController::replyInput,
        problems -> {
          ReplyOutcome chosen = choice(ReplyOutcome.class, outcome, "outcome", problems);
          Map<String, String> facts = facts(rows, problems);
          CommandBodies.Reply body = new CommandBodies.Reply(chosen, statement, facts);
          problems.check(validator, body, RequestPageController::replyInput);
          return new IssueReply(
              requestId(id), body.outcome(), body.statement(), body.facts(), user.actor());
        });
  }

  private static String replyInput(String field, String code) {
    return switch (field) {
      case "outcome", "statement" -> field;
      default -> field.startsWith("facts") ? "facts" : null;
    };
  }

  /** The facts of the reply form's rows: rows left empty are skipped, names are unique. */
  private static Map<String, String> facts(List<FactRow> rows, FormProblems problems) {
    Map<String, String> facts = new LinkedHashMap<>();
    for (FactRow row : rows) {
      String name = row.name() == null ? "" : row.name().strip();
      String value = row.value() == null ? "" : row.value().strip();
      if (name.isEmpty() && value.isEmpty()) {
        continue;
      }
      if (name.isEmpty()) {
        problems.field("facts", "FACT_NAME", "a fact's name has 1 to 64 characters");
      } else if (facts.put(name, value) != null) {
        problems.field("facts", "FACT_NAME_REPEATED", "a fact is named twice: " + name, name);
      }
    }
    return facts;
  }

  @PostMapping("/decline")
  String decline(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String reasonCode,
      @RequestParam(required = false) String reason,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    model.addAttribute("declineForm", new DeclineForm(reasonCode, reason));
    BiFunction<String, String, String> inputOf =
        (field, code) -> "reasonCode".equals(field) ? "reasonCode" : "reason";
    return act(
        user,
        id,
        "decline",
        locale,
        model,
        flash,
        response,
        inputOf,
        problems -> {
          DeclineReason code = choice(DeclineReason.class, reasonCode, "reasonCode", problems);
          CommandBodies.Decline body = new CommandBodies.Decline(code, reason);
          problems.check(validator, body, inputOf);
          return new DeclineRequest(requestId(id), body.reasonCode(), body.reason(), user.actor());
        });
  }

  @PostMapping("/forward")
  String forward(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String reason,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    model.addAttribute("forwardForm", new ForwardForm(to, reason));
    BiFunction<String, String, String> inputOf =
        (field, code) -> "to".equals(field) ? "to" : "reason";
    return act(
        user,
        id,
        "forward",
        locale,
        model,
        flash,
        response,
        inputOf,
        problems -> {
          CommandBodies.Forward body = new CommandBodies.Forward(to, reason);
          problems.check(validator, body, inputOf);
          DepartmentId target = null;
          if (!problems.has("forward", "to")) {
            try {
              target = DepartmentId.of(to);
            } catch (InvalidValueException e) {
              problems.field("to", e.code(), "to: " + e.getMessage());
            }
          }
          return new ForwardRequest(requestId(id), target, body.reason(), user.actor());
        });
  }

  @PostMapping("/withdraw")
  String withdraw(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String reason,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    model.addAttribute("withdrawForm", new TextForm(reason));
    return act(
        user,
        id,
        "withdraw",
        locale,
        model,
        flash,
        response,
        (field, code) -> "reason",
        problems -> {
          CommandBodies.Withdraw body = new CommandBodies.Withdraw(reason);
          problems.check(validator, body, (field, code) -> "reason");
          return new WithdrawRequest(requestId(id), body.reason(), user.actor());
        });
  }

  /** A supervisor gives a request awaiting dispatch to one of the authority's units. */
  @PostMapping("/dispatch")
  String dispatch(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String unit,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    model.addAttribute("dispatchForm", new TextForm(unit));
    return act(
        user,
        id,
        "dispatch",
        locale,
        model,
        flash,
        response,
        (field, code) -> "unit",
        problems -> {
          CommandBodies.Dispatch body = new CommandBodies.Dispatch(unit);
          problems.check(validator, body, (field, code) -> "unit");
          DepartmentId target = null;
          if (!problems.has("dispatch", "unit")) {
            try {
              target = DepartmentId.of(unit);
            } catch (InvalidValueException e) {
              problems.field("unit", e.code(), "unit: " + e.getMessage());
            }
          }
          return new DispatchRequest(requestId(id), target, user.actor());
        });
  }

  /**
   * A supervisor extends the deadline to a local time in Asia/Shanghai, with a reason. While a
   * clarification is pending the request refuses ({@code CLOCK_PAUSED}, 409): shown at the new
   * deadline's input, the one it concerns.
   */
  @PostMapping("/extend")
  String extend(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String until,
      @RequestParam(required = false) String reason,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    model.addAttribute("extendForm", new ExtendForm(until, reason));
    BiFunction<String, String, String> inputOf =
        (field, code) -> "until".equals(field) ? "until" : "reason";
    return act(
        user,
        id,
        "extend",
        locale,
        model,
        flash,
        response,
        inputOf,
        Map.of("CLOCK_PAUSED", "until"),
        problems -> {
          java.time.Instant moment = null;
          if (until != null && !until.isBlank()) {
            try {
              moment = java.time.LocalDateTime.parse(until.strip()).atZone(Shown.ZONE).toInstant();
            } catch (java.time.format.DateTimeParseException e) {
              problems.field("until", "DATE_TIME_FORMAT", "'" + until + "' is not a date and time");
            }
          }
          CommandBodies.Extend body = new CommandBodies.Extend(moment, reason);
          problems.check(validator, body, inputOf);
          return new ExtendDeadline(requestId(id), body.until(), body.reason(), user.actor());
        });
  }

  /** After a time-out, the window closes the request on the applicant's written commitment. */
  @PostMapping("/commitment")
  String commitment(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String statement,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    model.addAttribute("commitmentForm", new TextForm(statement));
    return act(
        user,
        id,
        "commitment",
        locale,
        model,
        flash,
        response,
        (field, code) -> "statement",
        problems -> {
          CommandBodies.Commitment body = new CommandBodies.Commitment(statement);
          problems.check(validator, body, (field, code) -> "statement");
          return new AcceptCommitment(requestId(id), body.statement(), user.actor());
        });
  }

  @PostMapping("/acknowledge")
  String acknowledge(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    return act(
        user,
        id,
        "acknowledge",
        locale,
        model,
        flash,
        response,
        (field, code) -> null,
        problems -> new AcknowledgeReply(requestId(id), user.actor()));
  }

  /**
   * Sends a form's command as the REST endpoint does: only on a request the user may see (404
   * otherwise), after the same checks of its body, and answers when the views show the change.
   * Refused: the page again, with the refusal at the form.
   */
  private String act(
      HubUser user,
      String id,
      String form,
      Locale locale,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      BiFunction<String, String, String> inputOf,
      Function<FormProblems, Object> command) {
    return act(user, id, form, locale, model, flash, response, inputOf, Map.of(), command);
  }

  /**
   * As above; {@code inputOfCode} shows refusals that name no field of the body at the input that
   * still concerns them, by code (an extension refused because the clock is paused: at the new
   * deadline).
   */
  private String act(
      HubUser user,
      String id,
      String form,
      Locale locale,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      BiFunction<String, String, String> inputOf,
      Map<String, String> inputOfCode,
      Function<FormProblems, Object> command) {
    RequestId requestId = requestId(id);
    RequestView view = views.visibleTo(user, requestId);
    FormProblems problems = new FormProblems(form, messages, locale);
    Object toSend = command.apply(problems);
    if (!problems.isEmpty()) {
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      return page(user, view, null, problems, model);
    }
    try {
      Object version = commands.sendAndWait(toSend);
      views.await(requestId, version instanceof Number number ? number.longValue() : 0);
      flash.addFlashAttribute("done", form);
      return "redirect:/requests/" + view.id();
    } catch (RequestRefusedException e) {
      String input = e.field() == null ? inputOfCode.get(e.code()) : null;
      if (input != null) {
        problems.field(input, e.code(), e.getMessage());
      } else {
        problems.refused(e, inputOf);
      }
      response.setStatus(statusOf(e));
    } catch (ConcurrencyException e) {
      problems.general(
          "CONCURRENT_CHANGE",
          "the request was changed by someone else at the same moment; read it again and retry");
      response.setStatus(HttpServletResponse.SC_CONFLICT);
    }
    return page(user, views.visibleTo(user, requestId), null, problems, model);
  }

  /** The status the API answers a refusal with. */
  static int statusOf(RequestRefusedException e) {
    return switch (e.kind()) {
      case STATE -> HttpServletResponse.SC_CONFLICT;
      case PERMISSION -> HttpServletResponse.SC_FORBIDDEN;
      case CONTENT -> 422;
    };
  }

  /** A choice among an enum's values; null (for the body's own check) when none was made. */
  private static <E extends Enum<E>> E choice(
      Class<E> type, String value, String field, FormProblems problems) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Enum.valueOf(type, value.strip());
    } catch (IllegalArgumentException e) {
      problems.field(
          field,
          "UNKNOWN_VALUE",
          "'" + value + "' is not one of " + List.of(type.getEnumConstants()));
      return null;
    }
  }

  private static RequestId requestId(String id) {
    try {
      return RequestId.of(id);
    } catch (InvalidValueException e) {
      throw new NotFoundException("no request " + id);
    }
  }
}
