package org.proofassist.hub.projections.batch;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ReplayToken;
import org.axonframework.messaging.InterceptorChain;
import org.axonframework.messaging.MessageHandlerInterceptor;
import org.axonframework.messaging.unitofwork.BatchingUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * Lets the projections of an event processor gather their writes over a batch ({@link
 * ProjectionBatch}) and makes them after the batch's last event, inside its handling, so that a
 * failed write rolls the batch back before the processor stores its token. Registered on every
 * event processor; a processor whose handlers write nothing through {@link ProjectionBatch} is not
 * affected.
 *
 * <p>Once a batch's writes are made, the lag of each of its events (from when the event happened to
 * when its change became visible) is recorded in the timer {@value #LAG}, tagged with the
 * processor; events handled again by a replay are not counted.
 */
public final class ProjectionBatchInterceptor
    implements MessageHandlerInterceptor<EventMessage<?>> {

  /** The timer of the projections' lag. */
  public static final String LAG = "hub.projection.lag";

  private final Timer lag;
  private final Clock clock;

  /**
   * @param processor the event processor's name
   */
  public ProjectionBatchInterceptor(String processor, MeterRegistry meters, Clock clock) {
    this.lag =
        Timer.builder(LAG)
            .description("From an event to its change being visible in the processor's views")
            .tag("processor", processor)
            .publishPercentiles(0.5, 0.99)
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofMillis(1))
            .maximumExpectedValue(Duration.ofMinutes(10))
            .register(meters);
    this.clock = clock;
  }

  @Override
  public Object handle(
      UnitOfWork<? extends EventMessage<?>> unitOfWork, InterceptorChain interceptorChain)
      throws Exception {
    unitOfWork.resources().put(ProjectionBatch.DEFERRED, Boolean.TRUE);
    Object result = interceptorChain.proceed();
    if (unitOfWork instanceof BatchingUnitOfWork<? extends EventMessage<?>> batch) {
      if (batch.isLastMessage()) {
        ProjectionBatch.flush(unitOfWork);
        recordLag(batch.getMessages());
      }
    } else {
      ProjectionBatch.flush(unitOfWork);
      recordLag(List.of(unitOfWork.getMessage()));
    }
    return result;
  }

  private void recordLag(List<? extends EventMessage<?>> events) {
    Instant visible = clock.instant();
    for (EventMessage<?> event : events) {
      if (!ReplayToken.isReplay(event)) {
        lag.record(Duration.between(event.getTimestamp(), visible).abs());
      }
    }
  }
}
