package org.proofassist.hub.projections.batch;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;

/**
 * The writes of the projections during one batch of a streaming event processor, made together once
 * the batch's last event has been handled, instead of a few round trips per event.
 *
 * <p>A handler hands its change to {@link #write}. Inside a processor's batch (marked by {@link
 * ProjectionBatchInterceptor}) the change joins the batch's pending writes of that projection, and
 * the interceptor writes them all after the last event of the batch, still inside its handling: if
 * the writing fails, the batch is rolled back and the processor, which stores its token only when
 * the batch commits, handles the same events again. Anywhere else (a test calling a handler, the
 * as-of rebuild) the change is written at once.
 *
 * <p>Pending writes are never read by the handlers: a projection whose change depends on the state
 * before it must take that state from the documents when the writes are made (see {@link
 * VersionedWrites}).
 */
public final class ProjectionBatch {

  /** Resource of a unit of work whose writes {@link ProjectionBatchInterceptor} will make. */
  static final String DEFERRED = ProjectionBatch.class.getName() + "/deferred";

  private static final String RESOURCE = ProjectionBatch.class.getName();

  /** Pending writes of one projection. */
  public interface PendingWrites {

    /** Makes the writes. Called once. */
    void flush();
  }

  private final Map<Object, PendingWrites> pending = new LinkedHashMap<>();

  private ProjectionBatch() {}

  /**
   * Adds a change to {@code owner}'s pending writes of the current batch, made with {@code create}
   * when it has none yet; outside a processor's batch, the writes are made at once.
   *
   * @param owner the projection (one set of pending writes per owner and batch)
   * @param create new, empty pending writes
   * @param change what to add to them
   */
  @SuppressWarnings("unchecked")
  public static <W extends PendingWrites> void write(
      Object owner, Supplier<W> create, Consumer<W> change) {
    if (!CurrentUnitOfWork.isStarted()
        || !Boolean.TRUE.equals(CurrentUnitOfWork.get().getResource(DEFERRED))) {
      W writes = create.get();
      change.accept(writes);
      writes.flush();
      return;
    }
    ProjectionBatch batch =
        CurrentUnitOfWork.get().getOrComputeResource(RESOURCE, key -> new ProjectionBatch());
    W writes = (W) batch.pending.computeIfAbsent(owner, key -> create.get());
    change.accept(writes);
  }

  /** Makes the pending writes of the unit of work's batch, if it has any, in the order begun. */
  static void flush(UnitOfWork<?> unitOfWork) {
    ProjectionBatch batch =
        unitOfWork.resources().remove(RESOURCE) instanceof ProjectionBatch b ? b : null;
    if (batch == null) {
      return;
    }
    List<PendingWrites> writes = new ArrayList<>(batch.pending.values());
    batch.pending.clear();
    writes.forEach(PendingWrites::flush);
  }
}
