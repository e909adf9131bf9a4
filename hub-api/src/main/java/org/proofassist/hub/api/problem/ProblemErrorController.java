package org.proofassist.hub.api.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.web.ServerProperties;
import org.springframework.boot.autoconfigure.web.servlet.error.BasicErrorController;
import org.springframework.boot.autoconfigure.web.servlet.error.ErrorViewResolver;
import org.springframework.boot.web.servlet.error.ErrorAttributes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * What is refused before it reaches a controller (an address Spring Security's firewall rejects,
 * such as {@code /api/v1/requests/..}, or a request the server cannot read) ends on the error page.
 * For clients that do not ask for HTML, that answer is the same RFC 9457 problem as the
 * controllers' instead of Spring Boot's own error map; the HTML error page is unchanged.
 */
@Controller
@RequestMapping("${server.error.path:${error.path:/error}}")
public class ProblemErrorController extends BasicErrorController {

  public ProblemErrorController(
      ErrorAttributes errorAttributes,
      ServerProperties server,
      ObjectProvider<ErrorViewResolver> errorViewResolvers) {
    super(errorAttributes, server.getError(), errorViewResolvers.orderedStream().toList());
  }

  @Override
  @RequestMapping
  public ResponseEntity<Map<String, Object>> error(HttpServletRequest request) {
    HttpStatus status = getStatus(request);
    if (status == HttpStatus.NO_CONTENT) {
      return new ResponseEntity<>(status);
    }
    Object path = request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
    return ResponseEntity.status(status)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problemOf(status, path == null ? null : path.toString()));
  }

  /** The problem for a status alone, as the error page and {@link ProblemReportValve} give it. */
  static Map<String, Object> problemOf(HttpStatus status, String instance) {
    Map<String, Object> problem = new LinkedHashMap<>();
    problem.put("type", "about:blank");
    problem.put("title", status.getReasonPhrase());
    problem.put("status", status.value());
    problem.put("detail", detailOf(status));
    if (instance != null) {
      problem.put("instance", instance);
    }
    problem.put("code", codeOf(status));
    return problem;
  }

  private static String detailOf(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "the request cannot be taken as sent (its address, headers or body)";
      case NOT_FOUND -> "nothing is at this address";
      case PAYLOAD_TOO_LARGE -> "the request body is larger than the hub accepts";
      default ->
          status.is5xxServerError()
              ? "the hub could not answer this request"
              : "the request was refused (" + status.getReasonPhrase() + ")";
    };
  }

  private static String codeOf(HttpStatus status) {
    return switch (status) {
      case BAD_REQUEST -> "REQUEST_REJECTED";
      case PAYLOAD_TOO_LARGE -> "BODY_TOO_LARGE";
      default -> status.name();
    };
  }
}
