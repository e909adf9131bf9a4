package org.proofassist.hub.api.problem;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Writer;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.catalina.Valve;
import org.apache.catalina.connector.Request;
import org.apache.catalina.connector.Response;
import org.apache.catalina.core.StandardHost;
import org.apache.catalina.valves.ErrorReportValve;
import org.apache.coyote.ActionCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * Tomcat's last word on an error nobody answered: a request refused before it reaches the
 * application (an address with an encoded NUL, {@code /api/v1/requests/%00}, or that cannot be
 * decoded) is answered by the host's error report valve, as an HTML page. This valve answers it
 * with the hub's RFC 9457 problem instead, and leaves the HTML page to clients that ask for HTML.
 */
public class ProblemReportValve extends ErrorReportValve {

  private static final Logger log = LoggerFactory.getLogger(ProblemReportValve.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  public ProblemReportValve() {
    setShowReport(false);
    setShowServerInfo(false);
  }

  /** Puts this valve in place of the host's error report valve (Spring Boot's or Tomcat's). */
  public static void installOn(StandardHost host) {
    host.setErrorReportValveClass(ProblemReportValve.class.getName());
    for (Valve valve : host.getPipeline().getValves()) {
      if (valve instanceof ErrorReportValve) {
        host.getPipeline().removeValve(valve);
      }
    }
    host.getPipeline().addValve(new ProblemReportValve());
  }

  @Override
  protected void report(Request request, Response response, Throwable throwable) {
    String accept = request.getHeader("Accept");
    if (accept != null && accept.contains(MediaType.TEXT_HTML_VALUE)) {
      super.report(request, response, throwable);
      return;
    }
    HttpStatus status = HttpStatus.resolve(response.getStatus());
    // as Tomcat's own: nothing for a success, nor once something was written or reported
    if (status == null
        || !status.isError()
        || response.getContentWritten() > 0
        || !response.setErrorReported()) {
      return;
    }
    AtomicBoolean ioAllowed = new AtomicBoolean(true);
    response.getCoyoteResponse().action(ActionCode.IS_IO_ALLOWED, ioAllowed);
    if (!ioAllowed.get()) {
      return;
    }
    try {
      response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
      response.setCharacterEncoding("UTF-8");
      Writer writer = response.getReporter();
      if (writer != null) {
        writer.write(
            JSON.writeValueAsString(
                ProblemErrorController.problemOf(status, request.getRequestURI())));
        response.finishResponse();
      }
    } catch (IOException | IllegalStateException e) {
      // the connection is gone or the response committed meanwhile: there is no one to tell
      log.debug("Could not write the problem for a {} answer", status.value(), e);
    }
  }
}
