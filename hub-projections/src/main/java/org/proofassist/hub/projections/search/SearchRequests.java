package org.proofassist.hub.projections.search;

import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Set;
import org.proofassist.hub.core.catalogue.ProofTypeCode;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.RequestStatus;

/**
 * The audit office's search: requests raised from {@code from} to {@code to} (both included,
 * calendar days in Asia/Shanghai), latest first, narrowed by any of the criteria. Answers a {@link
 * org.proofassist.hub.projections.request.RequestPage}.
 *
 * @param department requests this department raised or had assigned, or that went to a unit under
 *     it; any when null
 * @param proofType of this proof type; any when null
 * @param from first day; with {@code to}, at most {@value #MAX_DAYS} days. Both may be left out
 *     only when searching by ID number (a citizen's requests are few)
 * @param statuses in one of these states; any when empty
 * @param idNumber about this citizen (subject's number or another number the person held); any when
 *     null
 * @param page from 0; {@code (page + 1) * size} at most {@value #MAX_DEPTH}
 * @param size 1 to {@value #MAX_SIZE}
 */
public record SearchRequests(
    DepartmentId department,
    ProofTypeCode proofType,
    LocalDate from,
    LocalDate to,
    Set<RequestStatus> statuses,
    CitizenIdNumber idNumber,
    int page,
    int size) {

  /** The longest range of days one search covers: a year, leap day included. */
  public static final int MAX_DAYS = 366;

  /** The most requests one page lists. */
  public static final int MAX_SIZE = 50;

  /** How deep a search may page: narrow the criteria rather than read further. */
  public static final int MAX_DEPTH = 10_000;

  public SearchRequests {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    if ((from == null) != (to == null)) {
      throw new InvalidQuery(
          from == null ? "from" : "to",
          from == null ? "FROM_MISSING" : "TO_MISSING",
          "give both the first day (from) and the last day (to), or neither");
    }
    if (from == null && idNumber == null) {
      throw new InvalidQuery(
          "from", "FROM_MISSING", "a search without an ID number needs a range of days");
    }
    if (from != null) {
      if (from.isAfter(to)) {
        throw new InvalidQuery(
            "from", "FROM_AFTER_TO", "the first day " + from + " is after the last day " + to);
      }
      long days = ChronoUnit.DAYS.between(from, to) + 1;
      if (days > MAX_DAYS) {
        throw new InvalidQuery(
            "to",
            "RANGE_TOO_LONG",
            "at most " + MAX_DAYS + " days at a time; " + from + " to " + to + " are " + days);
      }
    }
    if (size < 1 || size > MAX_SIZE) {
      throw new InvalidQuery("size", "SIZE_RANGE", "size is 1 to " + MAX_SIZE);
    }
    if (page < 0) {
      throw new InvalidQuery("page", "PAGE_RANGE", "page starts at 0");
    }
    if ((long) (page + 1) * size > MAX_DEPTH) {
      throw new InvalidQuery(
          "page",
          "PAGE_TOO_DEEP",
          "a search lists at most its first " + MAX_DEPTH + " requests; narrow it instead");
    }
  }

  /** A search the hub refuses; {@link #field()} names the parameter at fault. */
  public static final class InvalidQuery extends InvalidValueException {

    private final String field;

    public InvalidQuery(String field, String code, String message) {
      super(code, message);
      this.field = field;
    }

    public String field() {
      return field;
    }
  }
}
