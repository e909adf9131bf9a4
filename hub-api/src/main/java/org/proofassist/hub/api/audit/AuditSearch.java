package org.proofassist.hub.api.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.queryhandling.QueryGateway;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.projections.request.RequestPage;
import org.proofassist.hub.projections.request.RequestView;
import org.proofassist.hub.projections.search.RequestSearch;
import org.proofassist.hub.projections.search.SearchRequests;

/**
 * The audit office's search of requests (检索协查), for {@code GET /api/v1/audit/requests} and the
 * audit office's page alike: the criteria as given are checked (each refusal names its parameter),
 * a purpose is required before anything is shown, the requests listed are masked as every list is,
 * and each listed request is recorded in the read log with the purpose.
 */
public class AuditSearch {

  /** Without an ID number and without days, the last this many days up to today are searched. */
  public static final int DEFAULT_DAYS = 30;

  /** Rows per page unless told otherwise. */
  public static final int DEFAULT_SIZE = 20;

  /** The search as given, every part optional: text from a query string or a form. */
  public record Criteria(
      String department,
      String proofType,
      String from,
      String to,
      String status,
      String idNumber,
      Integer page,
      Integer size) {

    public static Criteria none() {
      return new Criteria(null, null, null, null, null, null, null, null);
    }

    /** Whether anything was asked, beyond the page. */
    public boolean asked() {
      return Arrays.asList(department, proofType, from, to, status, idNumber).stream()
          .anyMatch(value -> value != null && !value.isBlank());
    }
  }

  /**
   * A page of the requests found, latest raised first.
   *
   * @param from the first day searched (Asia/Shanghai), or null for a citizen's whole history
   * @param to the last day searched, included
   */
  public record Found(
      List<Match> items,
      int page,
      int size,
      long total,
      LocalDate from,
      LocalDate to,
      String purpose) {

    public boolean hasPrevious() {
      return page > 0;
    }

    public boolean hasNext() {
      return (long) (page + 1) * size < total;
    }
  }

  /**
   * One request found, its subject masked.
   *
   * @param unit the unit that has the request, or null while it awaits dispatch
   */
  public record Match(
      String id,
      String status,
      String proofType,
      String proofTypeName,
      String subjectName,
      String subjectIdNumber,
      String raisedBy,
      String raisingDepartment,
      String authority,
      String unit,
      Instant raisedAt,
      Instant dueAt,
      boolean escalated,
      boolean timedOut) {

    static Match of(RequestView view) {
      return new Match(
          view.id(),
          view.status(),
          view.proofType(),
          view.proofTypeName(),
          maskName(view.subject().name()),
          CitizenIdNumber.of(view.subject().idNumber()).masked(),
          view.raisedBy().userId(),
          view.raisedBy().department(),
          view.routing() == null ? null : view.routing().authority(),
          view.routing() == null ? null : view.routing().unit(),
          view.raisedAt(),
          view.dueAt(),
          view.escalation() != null,
          view.escalation() != null && view.escalation().timedOutAt() != null);
    }
  }

  private final QueryGateway queries;
  private final PersonalDataReads reads;
  private final Directory directory;
  private final ProofCatalogue catalogue;
  private final Clock clock;

  public AuditSearch(
      QueryGateway queries,
      PersonalDataReads reads,
      Directory directory,
      ProofCatalogue catalogue,
      Clock clock) {
    this.queries = queries;
    this.reads = reads;
    this.directory = directory;
    this.catalogue = catalogue;
    this.clock = clock;
  }

  /**
   * The criteria checked and turned into the query; an {@link InvalidFieldException} naming the
   * parameter at fault otherwise ({@code UNKNOWN_DEPARTMENT}, {@code UNKNOWN_PROOF_TYPE}, {@code
   * DATE_FORMAT}, {@code FROM_AFTER_TO}, {@code RANGE_TOO_LONG}, {@code UNKNOWN_STATUS}, the ID
   * number's own codes such as {@code ID_NUMBER_CHECK_DIGIT}, {@code SIZE_RANGE}, …).
   */
  public SearchRequests query(Criteria criteria) {
    DepartmentId department = department(criteria.department());
    ProofTypeCode proofType = proofType(criteria.proofType());
    LocalDate from = day("from", criteria.from());
    LocalDate to = day("to", criteria.to());
    Set<RequestStatus> statuses = statuses(criteria.status());
    CitizenIdNumber idNumber = idNumber(criteria.idNumber());
    if (from == null && to == null && idNumber == null) {
      to = LocalDate.now(clock.withZone(RequestSearch.ZONE));
      from = to.minusDays(DEFAULT_DAYS - 1);
    }
    try {
      return new SearchRequests(
          department,
          proofType,
          from,
          to,
          statuses,
          idNumber,
          criteria.page() == null ? 0 : criteria.page(),
          criteria.size() == null ? DEFAULT_SIZE : criteria.size());
    } catch (SearchRequests.InvalidQuery e) {
      throw new InvalidFieldException(e.field(), e.code(), e.getMessage());
    }
  }

  /**
   * Searches for {@code user} (an auditor): the criteria are checked first, then the purpose
   * ({@link PersonalDataReads#purpose}); only then is anything read, and every request listed is
   * recorded as read for that purpose (a search by ID number that finds nothing is recorded once,
   * against the number).
   */
  public Found search(HubUser user, Criteria criteria, String purpose) {
    SearchRequests query = query(criteria);
    String why = PersonalDataReads.purpose(user, purpose);
    RequestPage page = join(queries.query(query, ResponseTypes.instanceOf(RequestPage.class)));
    for (RequestView view : page.items()) {
      reads.record(user, view.id(), view.subject().idNumber(), "search", why);
    }
    if (page.items().isEmpty() && query.idNumber() != null) {
      reads.record(user, null, query.idNumber().value(), "search", why);
    }
    return new Found(
        page.items().stream().map(Match::of).toList(),
        page.page(),
        page.size(),
        page.total(),
        query.from(),
        query.to(),
        why);
  }

  private DepartmentId department(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      DepartmentId id = DepartmentId.of(value.strip());
      if (directory.contains(id)) {
        return id;
      }
    } catch (InvalidValueException notAnId) {
      // said below, as for an unknown one
    }
    throw new InvalidFieldException(
        "department", "UNKNOWN_DEPARTMENT", "no department " + value + " is in the directory");
  }

  private ProofTypeCode proofType(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      ProofTypeCode code = ProofTypeCode.of(value.strip());
      if (catalogue.find(code).isPresent()) {
        return code;
      }
    } catch (InvalidValueException notACode) {
      // said below, as for an unknown one
    }
    throw new InvalidFieldException(
        "proofType", "UNKNOWN_PROOF_TYPE", "no proof type " + value + " is in the catalogue");
  }

  private static LocalDate day(String field, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return LocalDate.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new InvalidFieldException(
          field, "DATE_FORMAT", "'" + value + "' is not a day written YYYY-MM-DD");
    }
  }

  private static Set<RequestStatus> statuses(String value) {
    if (value == null || value.isBlank()) {
      return Set.of();
    }
    Set<RequestStatus> statuses = EnumSet.noneOf(RequestStatus.class);
    for (String name : value.split(",")) {
      if (name.isBlank()) {
        continue;
      }
      try {
        statuses.add(RequestStatus.valueOf(name.strip()));
      } catch (IllegalArgumentException e) {
        throw new InvalidFieldException(
            "status",
            "UNKNOWN_STATUS",
            "'" + name.strip() + "' is not one of " + List.of(RequestStatus.values()));
      }
    }
    return statuses;
  }

  private static CitizenIdNumber idNumber(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return CitizenIdNumber.of(value.strip());
    } catch (InvalidValueException e) {
      throw new InvalidFieldException("idNumber", e.code(), "idNumber: " + e.getMessage());
    }
  }

  /** A name with all but the family name hidden, as every list shows it: {@code 林**}. */
  static String maskName(String name) {
    int length = name.codePointCount(0, name.length());
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(Math.max(1, length - 1));
  }

  private static <T> T join(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while searching", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new CompletionException(e.getCause());
    }
  }
}
