package org.proofassist.hub.api.web;

import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.request.RequestStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The issuing unit (出具部门), for officers and supervisors: the inbox soonest due first, escalated
 * requests marked, the counts per state, refreshed by htmx without a reload. A supervisor's inbox
 * holds everything under its authority.
 */
@Controller
@RequestMapping("/station")
public class StationController {

  private final Boards boards;

  public StationController(Boards boards) {
    this.boards = boards;
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
}
