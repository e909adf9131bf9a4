package org.proofassist.hub.api.deadline;

import java.util.concurrent.atomic.AtomicBoolean;
import org.jobrunr.server.BackgroundJobServer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Starts JobRunr's background job server again after it stopped itself. JobRunr (the open-source
 * edition) stops its server for good when its storage fails, as when the MongoDB goes away for a
 * few seconds (jobrunr/jobrunr#784, #82): no deadline would fire again until the hub restarted.
 * Every {@code hub.deadline-watch-interval} (10 s) this checks the server and starts it once the
 * store answers again; the deadlines that fell due meanwhile fire then, late but once.
 */
@Component
public class DeadlineServerWatch {

  private static final Logger log = LoggerFactory.getLogger(DeadlineServerWatch.class);

  private final ObjectProvider<BackgroundJobServer> server;
  private final AtomicBoolean closing = new AtomicBoolean();

  public DeadlineServerWatch(ObjectProvider<BackgroundJobServer> server) {
    this.server = server;
  }

  @EventListener(ContextClosedEvent.class)
  public void closing() {
    closing.set(true);
  }

  /**
   * Starts the server again if it is not running; a start that fails (the store still away) is
   * tried again at the next check.
   *
   * @return whether it was restarted now
   */
  @Scheduled(
      fixedDelayString = "${hub.deadline-watch-interval:PT10S}",
      initialDelayString = "${hub.deadline-watch-interval:PT10S}")
  public boolean check() {
    BackgroundJobServer jobs = server.getIfAvailable();
    if (jobs == null || closing.get() || jobs.isRunning()) {
      return false;
    }
    log.warn("JobRunr's background job server had stopped (its store failed); starting it again");
    try {
      jobs.start();
    } catch (RuntimeException stillAway) {
      log.warn("JobRunr's background job server could not start yet: {}", stillAway.toString());
      return false;
    }
    return jobs.isRunning();
  }
}
