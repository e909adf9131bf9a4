package org.proofassist.hub.api.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.projections.history.RequestHistory;
import org.proofassist.hub.projections.request.RequestPage;
import org.proofassist.hub.projections.request.RequestView;

/** What the request API answers. Lists mask personal data; a single request shows it whole. */
public final class RequestResponses {

  private RequestResponses() {}

  /** Where a request is now: the answer to a raise and to every command. */
  public record RequestState(
      String id,
      String status,
      String proofType,
      RoutedTo routedTo,
      Instant dueAt,
      Instant raisedAt,
      long version) {

    static RequestState of(RequestView view) {
      return new RequestState(
          view.id(),
          view.status(),
          view.proofType(),
          RoutedTo.of(view),
          view.dueAt(),
          view.raisedAt(),
          view.version());
    }
  }

  /** The authority and the unit that have the request. */
  public record RoutedTo(String authority, String unit) {

    static RoutedTo of(RequestView view) {
      return view.routing() == null
          ? null
          : new RoutedTo(view.routing().authority(), view.routing().unit());
    }
  }

  /** One request in full, for the departments involved and auditors. */
  public record RequestDetails(
      String id,
      String status,
      long version,
      String proofType,
      String proofTypeName,
      RequestView.Subject subject,
      RequestView.Matter matter,
      String question,
      RequestView.Actor raisedBy,
      Instant raisedAt,
      Instant dueAt,
      String serviceLevel,
      boolean overdue,
      RequestView.Escalation escalation,
      List<RequestView.Extension> extensions,
      List<RequestView.Recomputation> recomputations,
      RoutedTo routedTo,
      RequestView.Routing routing,
      RequestView.Clarification clarification,
      ReplySummary reply,
      RequestView.Decline decline,
      RequestView.Withdrawal withdrawal,
      String commitment,
      Instant acknowledgedAt,
      Instant updatedAt) {

    static RequestDetails of(RequestView view, Instant now) {
      return new RequestDetails(
          view.id(),
          view.status(),
          view.version(),
          view.proofType(),
          view.proofTypeName(),
          view.subject(),
          view.matter(),
          view.question(),
          view.raisedBy(),
          view.raisedAt(),
          view.dueAt(),
          view.serviceLevel(),
          isOverdue(view, now),
          view.escalation(),
          view.extensions() == null ? List.of() : view.extensions(),
          view.recomputations() == null ? List.of() : view.recomputations(),
          RoutedTo.of(view),
          view.routing(),
          view.clarification(),
          ReplySummary.of(view.reply()),
          view.decline(),
          view.withdrawal(),
          view.commitment(),
          view.acknowledgedAt(),
          view.updatedAt());
    }
  }

  /**
   * The reply as part of a request; the sealed document itself is at {@code /reply}. {@code late}:
   * it came after the request had timed out.
   */
  public record ReplySummary(
      String outcome,
      String statement,
      Map<String, String> facts,
      String unit,
      RequestView.Actor issuedBy,
      Instant issuedAt,
      String contentDigest,
      String certificateSerial,
      boolean late) {

    static ReplySummary of(RequestView.Reply reply) {
      return reply == null
          ? null
          : new ReplySummary(
              reply.outcome(),
              reply.statement(),
              reply.facts(),
              reply.unit(),
              reply.issuedBy(),
              reply.issuedAt(),
              reply.contentDigest(),
              reply.certificateSerial(),
              reply.late());
    }
  }

  /** One request in a list, with the subject masked. */
  public record RequestSummary(
      String id,
      String status,
      String proofType,
      String proofTypeName,
      MaskedSubject subject,
      String matterCode,
      String raisedBy,
      RoutedTo routedTo,
      Instant raisedAt,
      Instant dueAt,
      boolean overdue,
      Long officeMinutesLeft,
      boolean escalated,
      boolean timedOut,
      boolean replyReady,
      boolean lateReply,
      Instant updatedAt) {

    static RequestSummary of(RequestView view, Instant now, TimeLeft timeLeft) {
      return new RequestSummary(
          view.id(),
          view.status(),
          view.proofType(),
          view.proofTypeName(),
          new MaskedSubject(
              maskName(view.subject().name()),
              CitizenIdNumber.of(view.subject().idNumber()).masked()),
          view.matter() == null ? null : view.matter().code(),
          view.raisedBy().department(),
          RoutedTo.of(view),
          view.raisedAt(),
          view.dueAt(),
          isOverdue(view, now),
          isOpen(view) && view.dueAt() != null ? timeLeft.officeMinutes(view, now) : null,
          view.escalation() != null,
          view.escalation() != null && view.escalation().timedOutAt() != null,
          "ANSWERED".equals(view.status()),
          view.reply() != null && view.reply().late(),
          view.updatedAt());
    }
  }

  /** The office time left until a request's deadline, in minutes (0 once it has passed). */
  @FunctionalInterface
  public interface TimeLeft {
    long officeMinutes(RequestView view, Instant now);
  }

  /** A subject as lists show it. */
  public record MaskedSubject(String name, String idNumber) {}

  /** A page of requests. */
  /**
   * A page of a list; {@code counts}: how many requests of the whole list are in each status, and
   * how many were escalated ({@code ESCALATED}), before the status and escalation filters.
   */
  public record RequestList(
      List<RequestSummary> items, int page, int size, long total, Map<String, Long> counts) {

    static RequestList of(RequestPage page, Instant now, TimeLeft timeLeft) {
      return new RequestList(
          page.items().stream().map(view -> RequestSummary.of(view, now, timeLeft)).toList(),
          page.page(),
          page.size(),
          page.total(),
          page.counts());
    }
  }

  /** The sealed reply: the JWS is what a third party verifies. */
  public record SealedReply(
      String requestId,
      String outcome,
      String statement,
      Map<String, String> facts,
      String issuingDepartment,
      String officer,
      Instant issuedAt,
      String contentDigest,
      Certificate certificate,
      String jws) {

    static SealedReply of(RequestView view) {
      RequestView.Reply reply = view.reply();
      return new SealedReply(
          view.id(),
          reply.outcome(),
          reply.statement(),
          reply.facts(),
          reply.unit(),
          reply.issuedBy().userId(),
          reply.issuedAt(),
          reply.contentDigest(),
          new Certificate(reply.certificateSerial(), reply.certificateSubject()),
          reply.jws());
    }
  }

  /** The seal certificate named by a reply. */
  public record Certificate(String serialNumber, String subject) {}

  /** A request's history, oldest first. */
  public record History(String requestId, List<HistoryEntry> events) {

    static History of(RequestHistory history) {
      return new History(
          history.id(),
          history.entries().stream()
              .map(
                  e ->
                      new HistoryEntry(
                          e.sequence(),
                          e.type(),
                          e.at(),
                          new RequestView.Actor(e.userId(), e.department(), e.role()),
                          e.data()))
              .toList());
    }
  }

  /** One event of a request's history. */
  public record HistoryEntry(
      long sequence, String type, Instant at, RequestView.Actor actor, Map<String, Object> data) {}

  static boolean isOverdue(RequestView view, Instant now) {
    return view.dueAt() != null && now.isAfter(view.dueAt()) && isOpen(view);
  }

  /** Whether the request still waits for its answer, so that its deadline runs. */
  static boolean isOpen(RequestView view) {
    return List.of("ROUTED", "AWAITING_DISPATCH", "ACCEPTED", "CLARIFICATION_REQUESTED")
        .contains(view.status());
  }

  static String maskName(String name) {
    int length = name.codePointCount(0, name.length());
    int first = name.offsetByCodePoints(0, 1);
    return name.substring(0, first) + "*".repeat(Math.max(1, length - 1));
  }
}
