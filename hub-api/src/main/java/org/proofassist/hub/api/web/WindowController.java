package org.proofassist.hub.api.web;

import jakarta.servlet.http.HttpServletResponse;
import jakarta.validation.Validator;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.request.RaiseRequestBody;
import org.proofassist.hub.api.request.RequestViews;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.api.web.PageForms.RaiseForm;
import org.proofassist.hub.core.request.RaiseVerificationRequest;
import org.proofassist.hub.core.request.RequestRefusedException;
import org.proofassist.hub.projections.request.RequestView;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The approving window (审批部门窗口), for clerks: the waiting list, refreshed by htmx without a reload,
 * and the form that raises a request — the same body, checks and command as {@code POST
 * /api/v1/requests}.
 */
@Controller
@RequestMapping("/window")
public class WindowController {

  private static final Pattern OTHER_ID_NUMBER =
      Pattern.compile("subject\\.otherIdNumbers\\[(\\d+)]");

  private final Boards boards;
  private final CommandGateway commands;
  private final RequestViews views;
  private final Validator validator;
  private final MessageSource messages;

  public WindowController(
      Boards boards,
      CommandGateway commands,
      RequestViews views,
      Validator validator,
      MessageSource messages) {
    this.boards = boards;
    this.commands = commands;
    this.views = views;
    this.validator = validator;
    this.messages = messages;
  }

  @GetMapping
  String waiting(
      @AuthenticationPrincipal HubUser user,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    model.addAttribute("board", boards.waiting(user, pageNumber(page)));
    return "window/index";
  }

  /** The list alone, for htmx to swap in every few seconds. */
  @GetMapping("/board")
  String board(
      @AuthenticationPrincipal HubUser user,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    model.addAttribute("refresh", true);
    model.addAttribute("board", boards.waiting(user, pageNumber(page)));
    return "window/index :: board";
  }

  static int pageNumber(int page) {
    return Math.max(0, Math.min(page, 100_000));
  }

  @GetMapping("/requests/new")
  String newRequest(Model model) {
    model.addAttribute("form", RaiseForm.empty(UUID.randomUUID().toString()));
    model.addAttribute("problems", FormProblems.none());
    return "window/new";
  }

  @PostMapping("/requests")
  String raise(
      @AuthenticationPrincipal HubUser user,
      @ModelAttribute("form") RaiseForm form,
      Model model,
      RedirectAttributes flash,
      HttpServletResponse response,
      Locale locale) {
    FormProblems problems = new FormProblems("raise", messages, locale);
    model.addAttribute("problems", problems);
    RaiseRequestBody body = form.body();
    problems.check(validator, body, WindowController::inputOf);
    if (!problems.isEmpty()) {
      return again(response, HttpServletResponse.SC_BAD_REQUEST);
    }
    String key = form.idempotencyKey();
    if (key == null || !key.matches("[0-9a-f-]{36}")) {
      key = UUID.randomUUID().toString();
    }
    RaiseVerificationRequest command;
    try {
      command = body.toCommand(user.actor(), key);
    } catch (InvalidFieldException e) {
      put(problems, e.field(), e.code(), e.getMessage());
      return again(response, HttpServletResponse.SC_BAD_REQUEST);
    }
    Optional<RequestView> earlier = views.find(command.requestId());
    if (earlier.isEmpty()) {
      try {
        commands.sendAndWait(command);
      } catch (RequestRefusedException e) {
        put(problems, e.field(), e.code(), e.getMessage());
        return again(response, RequestPageController.statusOf(e));
      } catch (ConcurrencyException | AggregateStreamCreationException sameFormAtTheSameTime) {
        // the sequenced engine says ConcurrencyException, Axon's MongoDB engine the other
        earlier = views.await(command.requestId(), 1);
      }
    }
    if (earlier.isPresent() && !command.fingerprint().equals(earlier.get().fingerprint())) {
      // the form was sent before with other content (back button, edited, sent again)
      problems.general(
          "IDEMPOTENCY_KEY_REUSED",
          "this form was already sent for request " + earlier.get().id(),
          earlier.get().id());
      model.addAttribute("form", withNewKey(form));
      return again(response, HttpServletResponse.SC_CONFLICT);
    }
    RequestView view =
        earlier.orElseGet(
            () ->
                views
                    .await(command.requestId(), 1)
                    .orElseThrow(() -> new IllegalStateException("raised request has no view")));
    flash.addFlashAttribute("done", "raised");
    return "redirect:/requests/" + view.id();
  }

  private static RaiseForm withNewKey(RaiseForm form) {
    return new RaiseForm(
        form.proofType(),
        form.name(),
        form.idNumber(),
        form.otherIdNumbers(),
        form.householdDivision(),
        form.address(),
        form.matterCode(),
        form.caseNumber(),
        form.question(),
        UUID.randomUUID().toString());
  }

  private static String again(HttpServletResponse response, int status) {
    response.setStatus(status);
    return "window/new";
  }

  /** A refusal naming an API field, shown at the form's input for it. */
  private static void put(FormProblems problems, String field, String code, String detail) {
    Matcher other = field == null ? null : OTHER_ID_NUMBER.matcher(field);
    if (other != null && other.matches()) {
      int number = Integer.parseInt(other.group(1)) + 1;
      problems.fieldText(
          "otherIdNumbers",
          code,
          problems.text("OTHER_ID_NUMBER", detail, number, problems.text(code, detail)));
      return;
    }
    String input = field == null ? null : inputOf(field, code);
    if (input == null) {
      problems.general(code, detail);
    } else {
      problems.field(input, code, detail);
    }
  }

  /**
   * The form's input for a field of the API's body ({@code subject.idNumber} → {@code idNumber});
   * null when the problem concerns no single input.
   */
  static String inputOf(String field, String code) {
    if (field.startsWith("subject.otherIdNumbers")) {
      return "otherIdNumbers";
    }
    return switch (field) {
      case "proofType" -> "proofType";
      case "subject.name" -> "name";
      case "subject.idNumber" -> "idNumber";
      case "subject.householdDivision" -> "householdDivision";
      case "subject.address" -> "address";
      case "matter.code" -> "matterCode";
      case "matter.caseNumber" -> "caseNumber";
      case "question" -> "question";
      case "subject" ->
          switch (code) {
            case "NAME_MISSING", "NAME_TOO_LONG" -> "name";
            case "ID_NUMBER_MISSING" -> "idNumber";
            case "TOO_MANY_ID_NUMBERS" -> "otherIdNumbers";
            case "ADDRESS_TOO_LONG" -> "address";
            default -> null;
          };
      case "matter" -> "MATTER_CODE_MISSING".equals(code) ? "matterCode" : null;
      default -> null;
    };
  }
}
