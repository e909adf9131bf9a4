package org.proofassist.hub.api.web;

import jakarta.servlet.http.HttpServletResponse;
import org.proofassist.hub.api.security.HubUser;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** Sign-in, each role's start page, and the pages for what a user may not do. */
@Controller
public class HomeController {

  /** Where a user starts: the window's list, the station's inbox, the audit office. */
  static String homeOf(HubUser user) {
    return switch (user.role()) {
      case CLERK -> "/window";
      case OFFICER, SUPERVISOR -> "/station";
      case AUDITOR -> "/audit";
      case ADMINISTRATOR -> "/home";
    };
  }

  @GetMapping("/")
  String root(@AuthenticationPrincipal HubUser user) {
    return "redirect:" + homeOf(user);
  }

  @GetMapping("/login")
  String login(@AuthenticationPrincipal HubUser user) {
    return user == null ? "login" : "redirect:" + homeOf(user);
  }

  /** A user whose role has no pages yet (the administrator, who uses the API). */
  @GetMapping("/home")
  String home() {
    return "home";
  }

  /** A page of another role, or a form sent with an expired CSRF token. */
  @RequestMapping("/denied")
  String denied(HttpServletResponse response) {
    response.setStatus(HttpServletResponse.SC_FORBIDDEN);
    return "error/denied";
  }
}
