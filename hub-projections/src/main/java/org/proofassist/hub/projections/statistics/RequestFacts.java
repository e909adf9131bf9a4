package org.proofassist.hub.projections.statistics;

import java.time.Duration;
import java.time.Instant;

/**
 * What the statistics need to know about one request, kept in {@value
 * RequestStatisticsProjection#FACTS} with the request id as {@code _id}. Written only by {@link
 * RequestStatisticsProjection}; every change is guarded by the event's sequence number ({@code
 * version}).
 *
 * @param raisedDay the day it was raised in Asia/Shanghai, {@code yyyy-MM-dd}
 * @param raisedMonth the month it was raised in Asia/Shanghai, {@code yyyy-MM}
 * @param raisedBy the approving department whose window raised it
 * @param dueAt the deadline in force (moved by extensions, clarifications and calendar editions)
 * @param holder the department holding it now: the unit, or the authority that must dispatch it
 * @param answeringDepartment the unit that replied or declined; {@code null} until then
 * @param answeredAt when the reply was issued; {@code null} while not answered
 * @param lateReply whether the reply came after the request had timed out
 */
public record RequestFacts(
    String id,
    long version,
    String proofType,
    String raisedBy,
    Instant raisedAt,
    String raisedDay,
    String raisedMonth,
    Instant dueAt,
    String holder,
    String answeringDepartment,
    Instant answeredAt,
    boolean lateReply,
    boolean escalated,
    boolean timedOut,
    boolean declined,
    boolean commitment,
    boolean withdrawn,
    Instant updatedAt) {

  /** The department the statistics count the request for. */
  public String department() {
    return answeringDepartment != null ? answeringDepartment : holder;
  }

  public boolean answered() {
    return answeredAt != null;
  }

  /**
   * Elapsed seconds from raise to reply; {@code null} while not answered. Nodes' clocks may differ
   * by a little: a reply is never faster than its raise.
   */
  public Long responseSeconds() {
    return answeredAt == null
        ? null
        : Math.max(0, Duration.between(raisedAt, answeredAt).getSeconds());
  }

  /**
   * Whether the reply came at or before {@code dueAt}, the deadline in force when it came (no
   * deadline moves once a request is answered); {@code null} while not answered.
   */
  public Boolean answeredOnTime() {
    return answeredAt == null ? null : dueAt != null && !answeredAt.isAfter(dueAt);
  }
}
