package org.proofassist.hub.api.stats;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.Set;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.request.Role;
import org.proofassist.hub.projections.statistics.Granularity;
import org.proofassist.hub.projections.statistics.GroupBy;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The statistics over HTTP: reads them from their projection through the query bus and returns them
 * as JSON or as a CSV download.
 */
@RestController
@RequestMapping("/api/v1/stats")
@Tag(
    name = "Statistics",
    description = "统计: volume, response times, on-time share, time-outs, declines, commitments")
public class StatsController {

  /** Who may read the statistics: the supervision side, not the windows or the stations. */
  static final Set<Role> READERS = EnumSet.of(Role.AUDITOR, Role.SUPERVISOR, Role.ADMINISTRATOR);

  static final MediaType TEXT_CSV = new MediaType("text", "csv", StandardCharsets.UTF_8);

  private final StatsReports reports;

  public StatsController(StatsReports reports) {
    this.reports = reports;
  }

  @GetMapping
  @Operation(
      summary = "Statistics of the requests raised in a range of days",
      description =
          "Per department (the one that answered or declined, else the one holding the request)"
              + " or per proof type, per day or month (Asia/Shanghai), with a total per period:"
              + " volume, answered, answered on time and its share, median and 90th percentile"
              + " response time in seconds, late replies, escalations, time-outs, declines,"
              + " commitments (告知承诺, counted apart), withdrawals, still open. JSON, or CSV with"
              + " format=csv or Accept: text/csv. At most 366 days. AUDITOR, SUPERVISOR,"
              + " ADMINISTRATOR.")
  public ResponseEntity<?> statistics(
      @AuthenticationPrincipal HubUser user,
      @Parameter(description = "first day, YYYY-MM-DD (Asia/Shanghai)", required = true)
          @RequestParam(required = false)
          String from,
      @Parameter(description = "last day, YYYY-MM-DD, included; at most 366 days after from")
          @RequestParam(required = false)
          String to,
      @Parameter(description = "department | proofType") @RequestParam(defaultValue = "department")
          String groupBy,
      @Parameter(description = "day | month") @RequestParam(defaultValue = "month") String period,
      @Parameter(description = "json | csv; without it, Accept: text/csv asks for CSV")
          @RequestParam(required = false)
          String format,
      @RequestHeader(name = HttpHeaders.ACCEPT, required = false) String accept) {
    if (user == null || !READERS.contains(user.role())) {
      throw new NotAllowed();
    }
    StatsReport report =
        reports.report(day("from", from), day("to", to), groupBy(groupBy), granularity(period));
    boolean csv = wantsCsv(format, accept);
    if (!csv) {
      return ResponseEntity.ok().contentType(MediaType.APPLICATION_JSON).body(report);
    }
    return ResponseEntity.ok()
        .contentType(TEXT_CSV)
        .header(
            HttpHeaders.CONTENT_DISPOSITION,
            ContentDisposition.attachment()
                .filename("stats-" + report.from() + "-" + report.to() + ".csv")
                .build()
                .toString())
        .body(StatsCsv.write(report));
  }

  /** 403 for the roles that may not read statistics. */
  @ExceptionHandler(NotAllowed.class)
  ResponseEntity<ProblemDetail> notAllowed(NotAllowed e) {
    ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
    problem.setTitle("Not allowed for you");
    problem.setProperty("code", "STATISTICS_NOT_ALLOWED");
    return ResponseEntity.status(HttpStatus.FORBIDDEN)
        .contentType(MediaType.APPLICATION_PROBLEM_JSON)
        .body(problem);
  }

  static final class NotAllowed extends RuntimeException {
    NotAllowed() {
      super("statistics are read by auditors, supervisors and administrators");
    }
  }

  private static LocalDate day(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidFieldException(
          name, name.toUpperCase() + "_MISSING", name + " is required, a day written YYYY-MM-DD");
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          name, "DATE_FORMAT", "'" + value + "' is not a day written YYYY-MM-DD");
    }
  }

  private static GroupBy groupBy(String value) {
    return GroupBy.ofParameter(value)
        .orElseThrow(
            () ->
                new InvalidFieldException(
                    "groupBy",
                    "UNKNOWN_GROUP_BY",
                    "'" + value + "' is not one of department, proofType"));
  }

  private static Granularity granularity(String value) {
    return Granularity.ofParameter(value)
        .orElseThrow(
            () ->
                new InvalidFieldException(
                    "period", "UNKNOWN_PERIOD", "'" + value + "' is not one of day, month"));
  }

  private static boolean wantsCsv(String format, String accept) {
    if (format != null) {
      return switch (format) {
        case "csv" -> true;
        case "json" -> false;
        default ->
            throw new InvalidFieldException(
                "format", "UNKNOWN_FORMAT", "'" + format + "' is not one of json, csv");
      };
    }
    if (accept == null || accept.isBlank()) {
      return false;
    }
    try {
      return MediaType.parseMediaTypes(accept).stream()
          .anyMatch(type -> type.getQualityValue() > 0 && type.equalsTypeAndSubtype(TEXT_CSV));
    } catch (org.springframework.util.InvalidMimeTypeException e) {
      throw new InvalidFieldException(
          "Accept", "ACCEPT_FORMAT", "the Accept header cannot be read");
    }
  }
}
