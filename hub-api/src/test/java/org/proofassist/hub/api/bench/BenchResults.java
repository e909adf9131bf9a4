package org.proofassist.hub.api.bench;

import java.util.List;
import java.util.Map;

/** What one benchmark run measured; written as JSON and rendered as Markdown. */
record BenchResults(
    Map<String, Object> machine,
    Map<String, Object> options,
    double payloadJsonBytes,
    double runSeconds,
    List<Cell> cells,
    List<Concurrency> concurrency,
    List<Target> targets,
    List<String> notes) {

  /** Everything measured for one engine on one backend at one store size. */
  record Cell(
      String backend,
      String engine,
      long events,
      long eventsAfterAppends,
      long documents,
      long storeFileBytes,
      String loadAverageAfter,
      String durability,
      Fill fill,
      List<Append> append,
      Append appendWithoutDurability,
      Load load,
      Tracking tracking,
      RawRead rawIdIn,
      RawRead rawTrackingShape,
      RawInsert rawInsert,
      Ratios ratios) {}

  /** Growing the store to this size through the engine. */
  record Fill(long eventsAdded, long appendCalls, double seconds, double eventsPerSecond) {}

  /** Appends of one unit of work (1–3 events of one request) per {@code appendEvents} call. */
  record Append(
      int threads,
      long units,
      long events,
      double seconds,
      double eventsPerSecond,
      double p50Ms,
      double p99Ms,
      Long diskCommits,
      long failedUnits,
      String firstFailure) {}

  /** {@code readEvents(aggregateId)} fully consumed (payloads deserialized), random requests. */
  record Load(
      int samples,
      long events,
      double seconds,
      double p50Ms,
      double p99Ms,
      double maxMs,
      int wrongEventCounts) {}

  /** {@code readEvents(null, false)} from the start, payloads deserialized, for a bounded time. */
  record Tracking(
      long events,
      double seconds,
      double eventsPerSecond,
      double firstEventMs,
      boolean reachedEnd,
      long eventsInStore) {}

  /** The driver alone reading the engine's documents by {@code _id $in} batches. */
  record RawRead(
      String shape,
      long queries,
      long documents,
      long events,
      double seconds,
      double documentsPerSecond,
      double eventsPerSecond,
      double idListSeconds) {}

  /** The driver alone inserting event-sized documents into a scratch collection. */
  record RawInsert(
      double batchOf100DocsPerSecond,
      double unitOfWorkDocsPerSecond,
      Double unitOfWorkWithCommitDocsPerSecond) {}

  /** Figures against the limits measured in the same cell. */
  record Ratios(Double trackingVsRawIdIn, Double appendVsRawInsert, Double appendVsRawUnitInsert) {}

  /**
   * Appends from several threads at once (as concurrent commands do), measured once after the
   * largest size, then a check of the stored positions.
   */
  record Concurrency(
      String backend, String engine, long eventsInStore, Append append, PositionCheck positions) {}

  /**
   * The sequenced engine's commits laid side by side: each covers positions {@code [_id, _id +
   * count)}. An overlap means two commits were given the same positions.
   */
  record PositionCheck(long commits, long overlaps, long holes, long firstOverlapAt) {}

  /** A target of the benchmark and whether it holds. */
  record Target(String backend, String engine, String target, String measured, boolean met) {}
}
