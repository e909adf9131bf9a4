package org.proofassist.hub.api.deadline;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/** Every hour, forgets the scheduled deadlines that were due more than a week ago. */
@Component
class DeadlineSchedulePruning {

  static final Duration KEEP = Duration.ofDays(7);

  private static final Logger log = LoggerFactory.getLogger(DeadlineSchedulePruning.class);

  private final ScopeTrackingJobRunrDeadlineManager deadlines;

  DeadlineSchedulePruning(ScopeTrackingJobRunrDeadlineManager deadlines) {
    this.deadlines = deadlines;
  }

  @Scheduled(fixedDelay = 1, initialDelay = 1, timeUnit = TimeUnit.HOURS)
  void prune() {
    long pruned = deadlines.prune(KEEP);
    if (pruned > 0) {
      log.info("forgot {} deadlines due before {} ago", pruned, KEEP);
    }
  }
}
