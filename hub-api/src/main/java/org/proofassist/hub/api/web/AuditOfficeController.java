package org.proofassist.hub.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.proofassist.hub.api.audit.AuditSearch;
import org.proofassist.hub.api.audit.AuditSearch.Criteria;
import org.proofassist.hub.api.audit.PersonalDataReads;
import org.proofassist.hub.api.audit.chain.AuditChain;
import org.proofassist.hub.api.audit.chain.AuditVerification;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.problem.NotFoundException;
import org.proofassist.hub.api.request.RequestAsOf;
import org.proofassist.hub.api.request.RequestViews;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.projections.history.RequestHistory;
import org.proofassist.hub.projections.request.RequestView;
import org.springframework.context.MessageSource;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The audit office (审计), for auditors: the search of requests, a request's full timeline (also as
 * of a past moment), the audit chain's verification, who read a citizen's data, and the statistics
 * charts. Each page calls the service behind the API's endpoint; personal data is shown only after
 * a purpose is given, and every read of it is recorded with that purpose.
 */
@Controller
@RequestMapping("/audit")
public class AuditOfficeController {

  /** Rows per page of the read log. */
  static final int READS_SIZE = 50;

  private final AuditSearch search;
  private final RequestViews views;
  private final RequestAsOf asOf;
  private final PersonalDataReads reads;
  private final AuditChain chain;
  private final StatisticsCharts charts;
  private final MessageSource messages;
  private final Clock clock;

  public AuditOfficeController(
      AuditSearch search,
      RequestViews views,
      RequestAsOf asOf,
      PersonalDataReads reads,
      AuditChain chain,
      StatisticsCharts charts,
      MessageSource messages,
      Clock clock) {
    this.search = search;
    this.views = views;
    this.asOf = asOf;
    this.reads = reads;
    this.chain = chain;
    this.charts = charts;
    this.messages = messages;
    this.clock = clock;
  }

  /**
   * The search form and, once something is asked, the requests found. Nothing is searched, shown or
   * recorded until a purpose is given.
   */
  @GetMapping
  String searchPage(
      @AuthenticationPrincipal HubUser user,
      @RequestParam(required = false) String department,
      @RequestParam(required = false) String proofType,
      @RequestParam(required = false) String from,
      @RequestParam(required = false) String to,
      @RequestParam(required = false) String status,
      @RequestParam(required = false) String idNumber,
      @RequestParam(required = false) String purpose,
      @RequestParam(required = false) Integer page,
      Model model,
      HttpServletResponse response,
      Locale locale) {
    Criteria criteria = new Criteria(department, proofType, from, to, status, idNumber, page, null);
    FormProblems problems = FormProblems.none();
    if (criteria.asked() || purpose != null) {
      problems = new FormProblems("search", messages, locale);
      try {
        model.addAttribute("found", search.search(user, criteria, purpose));
      } catch (InvalidFieldException refused) {
        problems.field(refused.field(), refused.code(), refused.getMessage());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      }
    }
    model.addAttribute("criteria", criteria);
    model.addAttribute("purpose", purpose);
    model.addAttribute("problems", problems);
    model.addAttribute("statuses", RequestStatus.values());
    return "audit/index";
  }

  /**
   * A request's full timeline: every event with its actor, department and time, a reply's seal
   * certificate and digest; and, with {@code asOf} (a local time in Asia/Shanghai), the request as
   * it was then. Both reads are recorded as the API records them.
   */
  @GetMapping("/requests/{id}")
  String timeline(
      @AuthenticationPrincipal HubUser user,
      @PathVariable String id,
      @RequestParam(required = false) String purpose,
      @RequestParam(required = false) String asOf,
      Model model,
      HttpServletResponse response,
      Locale locale) {
    RequestView view = views.visibleTo(user, requestId(id));
    model.addAttribute("id", view.id());
    model.addAttribute("asOf", asOf);
    FormProblems problems = new FormProblems("timeline", messages, locale);
    model.addAttribute("problems", problems);
    String why;
    try {
      why = PersonalDataReads.purpose(user, purpose);
    } catch (InvalidFieldException refused) {
      if (!"PURPOSE_REQUIRED".equals(refused.code()) || purpose != null) {
        problems.field("purpose", refused.code(), refused.getMessage());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      }
      return "audit/purpose";
    }
    List<RequestHistory.Entry> history =
        views.history(RequestId.of(view.id())).map(RequestHistory::entries).orElse(List.of());
    reads.record(user, view.id(), view.subject().idNumber(), "history", why);
    model.addAttribute("view", view);
    model.addAttribute("history", history);
    model.addAttribute("purpose", why);
    if (asOf != null && !asOf.isBlank()) {
      try {
        Instant moment = moment(asOf);
        Optional<RequestView> then = this.asOf.at(RequestId.of(view.id()), moment);
        model.addAttribute("moment", moment);
        model.addAttribute("then", then.orElse(null));
        reads.record(user, view.id(), view.subject().idNumber(), "request as of " + moment, why);
      } catch (InvalidFieldException refused) {
        problems.field("asOf", refused.code(), refused.getMessage());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      }
    }
    return "audit/timeline";
  }

  /** A local date-time in Asia/Shanghai, as a {@code datetime-local} input sends it, not future. */
  private Instant moment(String value) {
    Instant moment;
    try {
      moment = LocalDateTime.parse(value.strip()).atZone(Shown.ZONE).toInstant();
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          "asOf",
          "AS_OF_FORMAT",
          "'" + value + "' is not a date and time such as 2026-11-03T10:00");
    }
    if (moment.isAfter(clock.instant())) {
      throw new InvalidFieldException(
          "asOf", "AS_OF_FUTURE", "asOf " + value + " is in the future");
    }
    return moment;
  }

  /** The audit chain: where it stands, and with {@code verify}, a full verification. */
  @GetMapping("/chain")
  String chain(@RequestParam(defaultValue = "false") boolean verify, Model model) {
    model.addAttribute("available", chain.available());
    if (chain.available()) {
      model.addAttribute("chain", chain.status());
      if (verify) {
        AuditVerification verification = chain.verifier().verify();
        model.addAttribute("verification", verification);
      }
    }
    return "audit/chain";
  }

  /** Who read a citizen's data, latest first; reading the log is itself recorded. */
  @GetMapping("/reads")
  String readLog(
      @AuthenticationPrincipal HubUser user,
      @RequestParam(required = false) String idNumber,
      @RequestParam(required = false) String purpose,
      @RequestParam(defaultValue = "0") int page,
      Model model,
      HttpServletResponse response,
      Locale locale) {
    FormProblems problems = FormProblems.none();
    model.addAttribute("idNumber", idNumber);
    model.addAttribute("purpose", purpose);
    if (idNumber != null || purpose != null) {
      problems = new FormProblems("reads", messages, locale);
      try {
        CitizenIdNumber citizen;
        try {
          citizen = CitizenIdNumber.of(idNumber == null ? "" : idNumber.strip());
        } catch (InvalidValueException e) {
          throw new InvalidFieldException("idNumber", e.code(), e.getMessage());
        }
        String why = PersonalDataReads.purpose(user, purpose);
        int from = WindowController.pageNumber(page);
        List<PersonalDataReads.Read> found = reads.readsOf(citizen.value(), from, READS_SIZE);
        long total = reads.countOf(citizen.value());
        reads.record(user, null, citizen.value(), "read log", why);
        model.addAttribute("citizen", citizen.masked());
        model.addAttribute("found", found);
        model.addAttribute("page", from);
        model.addAttribute("total", total);
        model.addAttribute("hasNext", (long) (from + 1) * READS_SIZE < total);
      } catch (InvalidFieldException refused) {
        problems.field(refused.field(), refused.code(), refused.getMessage());
        response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
      }
    }
    model.addAttribute("problems", problems);
    return "audit/reads";
  }

  /** The statistics charts of one month, every department. */
  @GetMapping("/statistics")
  String statistics(
      @RequestParam(required = false) String month,
      Model model,
      HttpServletResponse response,
      Locale locale) {
    return statisticsPage(
        charts,
        month,
        null,
        YearMonth.now(clock.withZone(Shown.ZONE)),
        model,
        response,
        messages,
        locale);
  }

  /** The statistics page for {@code authority} (every department when null). */
  static String statisticsPage(
      StatisticsCharts charts,
      String month,
      org.proofassist.hub.core.directory.DepartmentId authority,
      YearMonth current,
      Model model,
      HttpServletResponse response,
      MessageSource messages,
      Locale locale) {
    FormProblems problems = new FormProblems("statistics", messages, locale);
    YearMonth chosen = current;
    try {
      chosen = StatisticsCharts.month(month, current);
    } catch (InvalidFieldException refused) {
      problems.field(refused.field(), refused.code(), refused.getMessage());
      response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
    }
    model.addAttribute("figures", charts.of(chosen, authority));
    model.addAttribute("month", problems.isEmpty() ? chosen.toString() : month);
    model.addAttribute("problems", problems);
    model.addAttribute("authority", authority == null ? null : authority.value());
    return "statistics";
  }

  private static RequestId requestId(String id) {
    try {
      return RequestId.of(id);
    } catch (InvalidValueException e) {
      throw new NotFoundException("no request " + id);
    }
  }
}
