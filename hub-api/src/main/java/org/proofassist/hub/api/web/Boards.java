package org.proofassist.hub.api.web;

import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.proofassist.hub.api.request.RequestViews;
import org.proofassist.hub.api.security.HubUser;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.request.RequestStatus;
import org.proofassist.hub.projections.request.FindInbox;
import org.proofassist.hub.projections.request.FindWaitingRequests;
import org.proofassist.hub.projections.request.RequestPage;
import org.proofassist.hub.projections.request.RequestView;

/**
 * The lists the pages show, read through the same queries as {@code GET
 * /api/v1/requests?view=waiting|inbox}: a window's waiting list and a station's inbox, soonest due
 * first, personal data masked, with the office time left on the working-day calendar.
 */
public class Boards {

  /** What a window waits for: as {@code view=waiting}, open requests and replies to pick up. */
  static final Set<RequestStatus> WAITING =
      EnumSet.of(
          RequestStatus.ROUTED,
          RequestStatus.AWAITING_DISPATCH,
          RequestStatus.ACCEPTED,
          RequestStatus.CLARIFICATION_REQUESTED,
          RequestStatus.ANSWERED);

  /** What a station must answer: as {@code view=inbox}, the open requests. */
  static final Set<RequestStatus> INBOX =
      EnumSet.of(
          RequestStatus.ROUTED,
          RequestStatus.AWAITING_DISPATCH,
          RequestStatus.ACCEPTED,
          RequestStatus.CLARIFICATION_REQUESTED);

  /** Rows per page of a list. */
  static final int SIZE = 20;

  /** One page of a list, with the whole list's counts per status and of escalated requests. */
  public record Board(
      List<Row> rows, int page, int size, long total, Map<String, Long> counts, Instant at) {

    public boolean hasPrevious() {
      return page > 0;
    }

    public boolean hasNext() {
      return (long) (page + 1) * size < total;
    }

    public long count(String key) {
      return counts == null ? 0 : counts.getOrDefault(key, 0L);
    }
  }

  /**
   * One request in a list.
   *
   * @param officeMinutesLeft office time left until the deadline while the request is open; null
   *     otherwise
   */
  public record Row(
      String id,
      String status,
      String proofType,
      String subjectName,
      String subjectIdNumber,
      String authority,
      String unit,
      String raisedBy,
      String raisedByDepartment,
      Instant raisedAt,
      Instant dueAt,
      boolean overdue,
      Long officeMinutesLeft,
      boolean escalated,
      boolean timedOut,
      boolean replyReady,
      boolean lateReply,
      boolean clarificationPending) {}

  private final RequestViews views;
  private final ServiceLevelPolicy serviceLevels;
  private final OfficeTimetable timetable;
  private final Clock clock;

  public Boards(
      RequestViews views,
      ServiceLevelPolicy serviceLevels,
      OfficeTimetable timetable,
      Clock clock) {
    this.views = views;
    this.serviceLevels = serviceLevels;
    this.timetable = timetable;
    this.clock = clock;
  }

  /** The user's approving department's waiting list. */
  public Board waiting(HubUser user, int page) {
    return board(views.page(new FindWaitingRequests(user.department(), WAITING, null, page, SIZE)));
  }

  /**
   * The user's unit's inbox, or for an authority everything under it; narrowed to one status, or to
   * what was escalated, when asked.
   */
  public Board inbox(HubUser user, RequestStatus status, boolean escalated, int page) {
    Set<RequestStatus> statuses = status == null ? INBOX : EnumSet.of(status);
    return board(views.page(new FindInbox(user.department(), statuses, escalated, page, SIZE)));
  }

  private Board board(RequestPage page) {
    Instant now = clock.instant();
    return new Board(
        page.items().stream().map(view -> row(view, now)).toList(),
        page.page(),
        page.size(),
        page.total(),
        page.counts(),
        now);
  }

  private Row row(RequestView view, Instant now) {
    boolean open = isOpen(view);
    boolean overdue = open && view.dueAt() != null && now.isAfter(view.dueAt());
    Long left = open && view.dueAt() != null ? officeMinutesLeft(view, now) : null;
    return new Row(
        view.id(),
        view.status(),
        view.proofType(),
        maskName(view.subject().name()),
        CitizenIdNumber.of(view.subject().idNumber()).masked(),
        view.routing() == null ? null : view.routing().authority(),
        view.routing() == null ? null : view.routing().unit(),
        view.raisedBy().userId(),
        view.raisedBy().department(),
        view.raisedAt(),
        view.dueAt(),
        overdue,
        left,
        view.escalation() != null,
        view.escalation() != null && view.escalation().timedOutAt() != null,
        RequestStatus.ANSWERED.name().equals(view.status()),
        view.reply() != null && view.reply().late(),
        RequestStatus.CLARIFICATION_REQUESTED.name().equals(view.status()));
  }

  /** Whether the request still waits for its answer, so that its deadline runs. */
  static boolean isOpen(RequestView view) {
    return INBOX.stream().anyMatch(s -> s.name().equals(view.status()));
  }

  private long officeMinutesLeft(RequestView view, Instant now) {
    DepartmentId hoursOf =
        view.officeHoursOf() == null ? null : DepartmentId.of(view.officeHoursOf());
    return serviceLevels
        .officeTimeBetween(now, view.dueAt(), timetable.hoursOfOrStandard(hoursOf))
        .toMinutes();
  }

  /** The first character of a name and a star for each other one, as the API lists show it. */
  static String maskName(String name) {
    int length = name.codePointCount(0, name.length());
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(Math.max(1, length - 1));
  }
}
