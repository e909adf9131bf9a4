package org.proofassist.hub.projections.request;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A verification request as the screens show it. Contains personal data: the API masks it in lists
 * and shows it whole only to the departments involved and to auditors.
 *
 * @param version the sequence number of the last event this view reflects
 * @param involved every department that raised the request or had it assigned, and the authorities
 *     above them
 * @param issuingSide the department that has the request now and the authorities above it
 * @param boards the list boards ({@link RequestBoards}) the request is on
 * @param recomputations the deadline moves that new editions of the calendar caused
 * @param pauses when the clock stopped for a clarification and started again, oldest first
 */
public record RequestView(
    String id,
    long version,
    String status,
    String proofType,
    String proofTypeName,
    Subject subject,
    Matter matter,
    String question,
    Actor raisedBy,
    Instant raisedAt,
    Instant dueAt,
    String serviceLevel,
    String officeHoursOf,
    List<Extension> extensions,
    Escalation escalation,
    Routing routing,
    Clarification clarification,
    Reply reply,
    Decline decline,
    Withdrawal withdrawal,
    Instant acknowledgedAt,
    String commitment,
    Instant updatedAt,
    Set<String> involved,
    List<String> issuingSide,
    String idempotencyKey,
    String fingerprint,
    Set<String> boards,
    List<Recomputation> recomputations,
    List<ClockPause> pauses) {

  /** The person the proof is about. */
  public record Subject(
      String name,
      String idNumber,
      List<String> otherIdNumbers,
      String householdDivision,
      String address) {}

  /** The matter at the window. */
  public record Matter(String code, String caseNumber) {}

  /** Who did something. */
  public record Actor(String userId, String department, String role) {}

  /** Where the request is and how it got there. */
  public record Routing(
      String authority,
      String unit,
      String rule,
      String key,
      List<Step> path,
      String awaitingDispatchReason,
      List<Forwarding> forwardings) {}

  /** One routing step. */
  public record Step(String criterion, String key, String department) {}

  /** One forwarding between units. */
  public record Forwarding(
      String fromUnit, String toAuthority, String toUnit, String reason, Instant at) {}

  /**
   * The deadline passed: escalated to the supervising authority, and timed out if the grace ran out
   * too.
   */
  public record Escalation(String to, Instant at, Instant graceUntil, Instant timedOutAt) {}

  /** A deadline extension granted by a supervisor. */
  public record Extension(
      Instant previousDueAt, Instant dueAt, String reason, Actor grantedBy, Instant at) {}

  /**
   * The clock stopped ({@code PAUSED}, with the office time that was left) or started again ({@code
   * RESUMED}, with the new deadline).
   */
  public record ClockPause(String what, Instant at, Long remainingOfficeMinutes, Instant dueAt) {

    public static final String PAUSED = "PAUSED";
    public static final String RESUMED = "RESUMED";
  }

  /** The deadline counted again on a new edition of the calendar. */
  public record Recomputation(
      Instant previousDueAt,
      Instant dueAt,
      int calendarEdition,
      List<Change> changes,
      Instant at) {}

  /** A day the new edition treats differently, and how. */
  public record Change(java.time.LocalDate date, String was, String now) {}

  /** The last clarification asked and its answer. */
  public record Clarification(
      String question, Actor askedBy, Instant askedAt, String answer, Instant answeredAt) {}

  /** The sealed reply; {@code late} when it came after the request had timed out. */
  public record Reply(
      String outcome,
      String statement,
      Map<String, String> facts,
      String unit,
      Actor issuedBy,
      Instant issuedAt,
      String jws,
      String contentDigest,
      String certificateSerial,
      String certificateSubject,
      boolean late) {}

  /** Why the unit declined. */
  public record Decline(String reasonCode, String reason, Actor declinedBy, Instant at) {}

  /** Why the window withdrew. */
  public record Withdrawal(String reason, Actor withdrawnBy, Instant at) {}
}
