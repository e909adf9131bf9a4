package org.proofassist.hub.projections.statistics;

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
 * @param responseSeconds elapsed seconds from raise to reply
 * @param answeredOnTime whether the reply came at or before {@code dueAt}
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
    Long responseSeconds,
    Boolean answeredOnTime,
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
}
