package org.proofassist.hub.api.web;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.request.Role;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.util.UriComponentsBuilder;

/** What every page's layout shows: who is signed in, and the links to the other language. */
@ControllerAdvice(basePackageClasses = PageModel.class)
public class PageModel {

  /** The signed-in user as the header shows them. */
  public record Me(
      String username,
      String displayName,
      String department,
      Role role,
      boolean clerk,
      boolean issuing,
      boolean supervisor,
      boolean auditor) {

    static Me of(HubUser user) {
      return new Me(
          user.username(),
          user.displayName(),
          user.department().value(),
          user.role(),
          user.role() == Role.CLERK,
          user.role() == Role.OFFICER || user.role() == Role.SUPERVISOR,
          user.role() == Role.SUPERVISOR,
          user.isAuditor());
    }
  }

  /** The signed-in user, or null on the sign-in page. */
  @ModelAttribute("me")
  public Me me() {
    return signedIn() == null ? null : Me.of(signedIn());
  }

  static HubUser signedIn() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    return authentication != null && authentication.getPrincipal() instanceof HubUser user
        ? user
        : null;
  }

  /** The page's language, for {@code <html lang>}: {@code zh-CN} or {@code en}. */
  @ModelAttribute("language")
  public String language(Locale locale) {
    return "en".equals(locale.getLanguage()) ? "en" : "zh-CN";
  }

  /** The address of the page, to mark where the user is in the navigation. */
  @ModelAttribute("path")
  public String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /**
   * This page in Chinese and in English: its address with {@code lang=zh-CN} or {@code lang=en}. A
   * page shown in answer to a form links to the page the form is on.
   */
  @ModelAttribute("languages")
  public Map<String, String> languages(HttpServletRequest request) {
    return Map.of("zh", switchTo(request, "zh-CN"), "en", switchTo(request, "en"));
  }

  static String switchTo(HttpServletRequest request, String language) {
    String path = request.getRequestURI();
    if (!"GET".equals(request.getMethod())) {
      // after a form: the page the form is on (a POST's address cannot be fetched)
      return UriComponentsBuilder.fromPath(request.getContextPath() + pageOf(path))
          .queryParam("lang", language)
          .build()
          .toUriString();
    }
    UriComponentsBuilder link = UriComponentsBuilder.fromPath(path);
    try {
      link.query(request.getQueryString()).replaceQueryParam("lang", language);
      return link.build(true).toUriString();
    } catch (IllegalArgumentException unencodedQuery) {
      return UriComponentsBuilder.fromPath(path).queryParam("lang", language).build().toUriString();
    }
  }

  /** The page a form posted to {@code path} is on. */
  static String pageOf(String path) {
    Matcher request = REQUEST_ACTION.matcher(path);
    if (request.matches()) {
      return request.group(1);
    }
    return path.endsWith("/window/requests") ? "/window/requests/new" : "/";
  }

  private static final Pattern REQUEST_ACTION = Pattern.compile(".*(/requests/[^/]+)/.+");
}
