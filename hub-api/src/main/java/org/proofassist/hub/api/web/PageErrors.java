package org.proofassist.hub.api.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.proofassist.hub.api.problem.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.ui.Model;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.support.RequestContextUtils;

/**
 * Errors on pages are pages, not the API's problem documents: "not found" for anything the user may
 * not see (as the API answers 404, so that nobody learns which requests exist), and an error page
 * for anything unexpected. Ordered before the API's {@code ProblemResponses}, for the pages'
 * controllers only.
 */
@ControllerAdvice(basePackageClasses = PageErrors.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
public class PageErrors {

  private static final Logger log = LoggerFactory.getLogger(PageErrors.class);

  @ExceptionHandler({NotFoundException.class, AggregateNotFoundException.class})
  String notFound(
      RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    log.debug("Page not found: {}", e.getMessage());
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    return page("error/not-found", request, model);
  }

  /** An error page has the layout of every page: who is signed in, the language links. */
  private static String page(String template, HttpServletRequest request, Model model) {
    PageModel layout = new PageModel();
    model.addAttribute("me", layout.me());
    model.addAttribute("path", layout.path(request));
    model.addAttribute("language", layout.language(RequestContextUtils.getLocale(request)));
    model.addAttribute("languages", layout.languages(request));
    return template;
  }

  @ExceptionHandler({
    MethodArgumentTypeMismatchException.class,
    MissingServletRequestParameterException.class
  })
  String badAddress(
      Exception e, HttpServletRequest request, HttpServletResponse response, Model model) {
    log.debug("Bad page address: {}", e.getMessage());
    response.setStatus(HttpServletResponse.SC_NOT_FOUND);
    return page("error/not-found", request, model);
  }

  @ExceptionHandler(RuntimeException.class)
  String unexpected(
      RuntimeException e, HttpServletRequest request, HttpServletResponse response, Model model) {
    if (e instanceof AccessDeniedException || e instanceof AuthenticationException) {
      throw e; // Spring Security's to answer
    }
    log.error("A page failed: {}", request.getRequestURI(), e);
    response.setStatus(HttpServletResponse.SC_INTERNAL_SERVER_ERROR);
    return page("error/unexpected", request, model);
  }
}
