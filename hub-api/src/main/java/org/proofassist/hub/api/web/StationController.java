package org.proofassist.hub.api.web;

import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.YearMonth;
import java.util.Locale;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.api.stats.StatsReports;
import org.proofassist.hub.core.request.RequestStatus;
import org.springframework.context.MessageSource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The issuing unit (出具部门), for officers and supervisors: the inbox soonest due first, escalated
 * requests marked, the counts per state, refreshed by htmx without a reload. A supervisor's inbox
 * holds everything under its authority, and a supervisor reads the statistics of the departments at
 * or under it.
 */
@Controller
@RequestMapping("/station")
public class StationController {

  private final Boards boards;
  private final StatisticsCharts charts;
  private final MessageSource messages;
  private final Clock clock;

  public StationController(
      Boards boards, StatisticsCharts charts, MessageSource messages, Clock clock) {
    this.boards = boards;
    this.charts = charts;
    this.messages = messages;
    this.clock = clock;
  }

  @GetMapping
  String inbox(
      @AuthenticationPrincipal HubUser user,
      @RequestParam(required = false) RequestStatus status,
      @RequestParam(defaultValue = "false") boolean escalated,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    fill(model, user, status, escalated, page);
    return "station/index";
  }

  /** The inbox alone, for htmx to swap in every few seconds. */
  @GetMapping("/board")
  String board(
      @AuthenticationPrincipal HubUser user,
      @RequestParam(required = false) RequestStatus status,
      @RequestParam(defaultValue = "false") boolean escalated,
      @RequestParam(defaultValue = "0") int page,
      Model model) {
    model.addAttribute("refresh", true);
    fill(model, user, status, escalated, page);
    return "station/index :: board";
  }

  private void fill(Model model, HubUser user, RequestStatus status, boolean escalated, int page) {
    model.addAttribute(
        "board", boards.inbox(user, status, escalated, WindowController.pageNumber(page)));
    model.addAttribute("status", status);
    model.addAttribute("escalated", escalated);
    model.addAttribute("statuses", Boards.INBOX);
  }

  /**
   * The statistics charts of one month for the departments at or under the supervisor's own; for
   * those who may read statistics as the API decides ({@link StatsReports#mayRead}), so not for
   * officers.
   */
  @GetMapping("/statistics")
  String statistics(
      @AuthenticationPrincipal HubUser user,
      @RequestParam(required = false) String month,
      Model model,
      HttpServletResponse response,
      Locale locale) {
    if (!StatsReports.mayRead(user)) {
      throw new AccessDeniedException("statistics are read by supervisors, not by officers");
    }
    return AuditOfficeController.statisticsPage(
        charts,
        month,
        user.department(),
        YearMonth.now(clock.withZone(Shown.ZONE)),
        model,
        response,
        messages,
        locale);
  }
}
