package org.proofassist.hub.projections.statistics;

/**
 * The figures of the requests raised in one period, of one group or of all ({@code total}). Every
 * figure counts requests of that cohort, whenever their later events happened; {@code docs/
 * statistics.md} defines each one.
 *
 * @param period {@code yyyy-MM-dd} or {@code yyyy-MM}
 * @param group the department id or proof type code; {@code null} in a total row
 * @param total whether this is the period's total over all groups
 * @param volume requests raised
 * @param answered requests answered with a reply
 * @param answeredOnTime replies issued at or before the deadline in force then
 * @param onTimeShare {@code answeredOnTime / answered}; {@code null} when nothing was answered
 * @param medianResponseSeconds the median (nearest rank) of the answered requests' response times,
 *     raise to reply in elapsed seconds; {@code null} when nothing was answered
 * @param p90ResponseSeconds the 90th percentile (nearest rank) of the same
 * @param lateReplies replies that came after the request had timed out
 * @param escalated requests escalated to the supervising authority at their deadline
 * @param timedOut requests whose escalation grace ran out without an answer
 * @param declined requests the issuing unit declined
 * @param commitments requests closed on the applicant's written commitment (告知承诺) after a time-out,
 *     counted apart from the answered ones
 * @param withdrawn requests the window withdrew
 * @param open requests still without an answer, decline, commitment or withdrawal
 */
public record StatisticsRow(
    String period,
    String group,
    boolean total,
    long volume,
    long answered,
    long answeredOnTime,
    Double onTimeShare,
    Long medianResponseSeconds,
    Long p90ResponseSeconds,
    long lateReplies,
    long escalated,
    long timedOut,
    long declined,
    long commitments,
    long withdrawn,
    long open) {}
