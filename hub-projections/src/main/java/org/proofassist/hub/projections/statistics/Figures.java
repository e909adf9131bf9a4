package org.proofassist.hub.projections.statistics;

import org.bson.Document;

/** The running figures of one cell (a group in a period, or a period's total) while reading. */
final class Figures {

  private long volume;
  private long answered;
  private long answeredOnTime;
  private long lateReplies;
  private long escalated;
  private long timedOut;
  private long declined;
  private long commitments;
  private long withdrawn;
  private long open;
  private final ResponseTimes responseTimes = new ResponseTimes();

  /** Counts one request, given as its entry in a day's statistics document. */
  void add(Document entry) {
    volume++;
    if (flag(entry, RequestStatisticsProjection.ANSWERED)) {
      answered++;
      Number seconds = entry.get(RequestStatisticsProjection.RESPONSE_SECONDS, Number.class);
      if (seconds != null) {
        responseTimes.add(seconds.longValue());
      }
      if (flag(entry, RequestStatisticsProjection.ON_TIME)) {
        answeredOnTime++;
      }
      if (flag(entry, RequestStatisticsProjection.LATE_REPLY)) {
        lateReplies++;
      }
    }
    boolean isDeclined = flag(entry, RequestStatisticsProjection.DECLINED);
    boolean isCommitment = flag(entry, RequestStatisticsProjection.COMMITMENT);
    boolean isWithdrawn = flag(entry, RequestStatisticsProjection.WITHDRAWN);
    if (flag(entry, RequestStatisticsProjection.ESCALATED)) {
      escalated++;
    }
    if (flag(entry, RequestStatisticsProjection.TIMED_OUT)) {
      timedOut++;
    }
    if (isDeclined) {
      declined++;
    }
    if (isCommitment) {
      commitments++;
    }
    if (isWithdrawn) {
      withdrawn++;
    }
    if (!flag(entry, RequestStatisticsProjection.ANSWERED)
        && !isDeclined
        && !isCommitment
        && !isWithdrawn) {
      open++;
    }
  }

  long volume() {
    return volume;
  }

  StatisticsRow row(String period, String group, boolean total) {
    return new StatisticsRow(
        period,
        group,
        total,
        volume,
        answered,
        answeredOnTime,
        answered == 0 ? null : (double) answeredOnTime / answered,
        responseTimes.percentile(50),
        responseTimes.percentile(90),
        lateReplies,
        escalated,
        timedOut,
        declined,
        commitments,
        withdrawn,
        open);
  }

  private static boolean flag(Document entry, String name) {
    return Boolean.TRUE.equals(entry.getBoolean(name));
  }
}
