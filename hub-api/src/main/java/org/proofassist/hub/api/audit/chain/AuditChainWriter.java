package org.proofassist.hub.api.audit.chain;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.bson.Document;
import org.proofassist.hub.api.audit.chain.AuditChainStore.ChainConflictException;
import org.proofassist.hub.api.audit.chain.AuditChainStore.ChainHead;
import org.proofassist.hub.api.audit.chain.AuditChainStore.StoredCheckpoint;
import org.proofassist.hub.api.audit.chain.CommitWalk.EventAt;
import org.proofassist.hub.api.audit.chain.CommitWalk.Found;
import org.proofassist.hub.api.audit.chain.CommitWalk.Malformed;
import org.proofassist.hub.api.audit.chain.CommitWalk.VoidAt;
import org.proofassist.hub.api.mongo.eventstore.Durability;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Chains every event of the event store, in global position order, as it is committed; and signs a
 * checkpoint of the chain's head every {@code checkpointEvery} entries or, when there are new
 * entries, every {@code checkpointInterval}.
 *
 * <p>One thread on one node writes: the nodes share a lease in {@code audit_state}, renewed while
 * the holder lives and taken over when it lapses. Two writers would still never chain an event
 * twice (the chain's index and position are unique keys), and they would write the same entries
 * anyway, since the chain is a function of the event store alone.
 *
 * <p>The writer reads {@code event_commits} by key a window at a time. At a position that is
 * allocated (below the head counter) but not yet written, it waits, as trackers do, up to the
 * engine's gap timeout; then it voids the position in the event store (a void document, as the
 * engine writes for a refused commit), so that a writer coming back later gets new positions
 * instead of landing behind the chain, and chains the void. After a restart it resumes after the
 * last stored entry.
 */
public final class AuditChainWriter implements SmartLifecycle {

  private static final Logger log = LoggerFactory.getLogger(AuditChainWriter.class);

  /** How many positions one read covers and how many entries one write holds at most. */
  static final int WINDOW = 256;

  private final AuditChainStore store;
  private final AuditKey key;
  private final Durability durability;
  private final Clock clock;
  private final Settings settings;
  private final String node;
  private final Object signal = new Object();
  private final AtomicLong wantedLocally = new AtomicLong(-1);
  private final Map<Long, Instant> firstSeenEmpty = new HashMap<>();

  private volatile boolean running;
  private volatile Status status = Status.NOT_STARTED;
  private Thread thread;

  // The writer thread's state.
  private boolean synced;
  private long size;
  private String headHash = ChainHashes.GENESIS;
  private long nextPosition;
  private boolean atCommitBoundary = true;
  private CommitWalk walk;
  private long checkpointSize;
  private Instant lastCheckpointAt;
  private Instant startedAt;
  private boolean leaseHeld;
  private Instant leaseUntil = Instant.MIN;
  private Instant nextLeaseRound = Instant.MIN;
  private long wantedRemotely = -1;
  private String stalled;

  /**
   * How the writer behaves.
   *
   * @param enabled whether it runs at all (not with the {@code axon-mongo} event store)
   * @param checkpointEvery sign a checkpoint after this many new entries
   * @param checkpointInterval and after this long, when there are new entries
   * @param gapTimeout how long an allocated but unwritten position is waited for
   * @param pollInterval how often an idle writer looks for new events
   * @param leaseDuration how long a node's claim to write lasts without renewal
   * @param node this node's name in the lease; empty for a generated one
   */
  public record Settings(
      boolean enabled,
      int checkpointEvery,
      Duration checkpointInterval,
      Duration gapTimeout,
      Duration pollInterval,
      Duration leaseDuration,
      String node) {

    public Settings {
      Objects.requireNonNull(checkpointInterval, "checkpointInterval");
      Objects.requireNonNull(gapTimeout, "gapTimeout");
      Objects.requireNonNull(pollInterval, "pollInterval");
      Objects.requireNonNull(leaseDuration, "leaseDuration");
      if (checkpointEvery < 1) {
        throw new IllegalArgumentException("hub.audit.checkpoint-every must be at least 1");
      }
      if (checkpointInterval.isNegative() || checkpointInterval.isZero()) {
        throw new IllegalArgumentException("hub.audit.checkpoint-interval must be positive");
      }
      if (leaseDuration.compareTo(Duration.ofSeconds(3)) < 0) {
        throw new IllegalArgumentException("hub.audit.lease-duration must be at least 3s");
      }
    }
  }

  /**
   * What the writer has done so far, for the status endpoint and tests.
   *
   * @param writing whether this node holds the lease and writes
   * @param size how many entries the chain has
   * @param head the head's entry hash
   * @param nextPosition the next global position to chain
   * @param checkpointSize how many entries the latest checkpoint covers
   * @param lastCheckpointAt when the latest checkpoint was signed
   * @param waitingFor the position the writer waits for (allocated, not yet written), or null
   * @param stalled why the writer cannot go on, or null
   */
  public record Status(
      boolean writing,
      long size,
      String head,
      long nextPosition,
      long checkpointSize,
      Instant lastCheckpointAt,
      Long waitingFor,
      String stalled) {
    static final Status NOT_STARTED =
        new Status(false, 0, ChainHashes.GENESIS, 0, 0, null, null, null);
  }

  AuditChainWriter(
      AuditChainStore store, AuditKey key, Durability durability, Clock clock, Settings settings) {
    this.store = store;
    this.key = key;
    this.durability = durability;
    this.clock = clock;
    this.settings = settings;
    this.node =
        settings.node() == null || settings.node().isBlank()
            ? "hub-"
                + ProcessHandle.current().pid()
                + "-"
                + UUID.randomUUID().toString().substring(0, 8)
            : settings.node();
  }

  /** What the writer on this node has done so far. */
  public Status status() {
    return status;
  }

  /** Whether a writer runs on this node (it may still wait for the lease). */
  public boolean enabled() {
    return settings.enabled();
  }

  /** Asks this node's writer to sign a checkpoint covering entry {@code index} soon. */
  public void requestCheckpoint(long index) {
    wantedLocally.accumulateAndGet(index, Math::max);
    wake();
  }

  // ---------------------------------------------------------------------------- lifecycle

  @Override
  public void start() {
    if (!settings.enabled() || running) {
      return;
    }
    store.ensureIndexes();
    running = true;
    thread = new Thread(this::run, "audit-chain-writer");
    thread.setDaemon(true);
    thread.start();
  }

  @Override
  public void stop() {
    if (!running) {
      return;
    }
    running = false;
    wake();
    try {
      thread.join(Duration.ofSeconds(10).toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  private void run() {
    log.info("Audit chain writer started on node {}", node);
    while (running) {
      int chained;
      try {
        chained = step();
      } catch (ChainConflictException e) {
        log.info("Another writer chained the same entries first; reading the chain's head again");
        synced = false;
        chained = 0;
      } catch (RuntimeException e) {
        log.warn("The audit chain writer failed; it retries", e);
        synced = false;
        chained = 0;
        pause(settings.pollInterval().multipliedBy(4));
      }
      if (chained == 0 && running) {
        pause(settings.pollInterval());
      }
    }
    finish();
  }

  /** Signs what is not covered yet and gives the lease up, so that another node goes on at once. */
  private void finish() {
    if (!leaseHeld) {
      return;
    }
    try {
      Instant now = clock.instant();
      if (synced && size > checkpointSize && now.isBefore(leaseUntil)) {
        checkpoint(now);
      }
      store.releaseLease(node, now);
    } catch (RuntimeException e) {
      log.warn("Could not sign the last checkpoint or release the audit writer's lease", e);
    }
    leaseHeld = false;
    publish(null);
    log.info("Audit chain writer stopped at {} entries", size);
  }

  // ---------------------------------------------------------------------------- one round

  /**
   * One round: renews the lease, chains what is committed (at most one window), voids positions
   * whose writer is taken for dead, and signs a checkpoint when one is due.
   *
   * @return how many entries were chained and positions voided: 0 when there was nothing to do
   */
  int step() {
    Instant now = clock.instant();
    if (!holdLease(now)) {
      publish(null);
      return 0;
    }
    if (!synced) {
      resync(now);
    }
    maybeCheckpoint(now);
    long head = store.eventStoreHead();
    if (nextPosition > head) {
      // Caught up: one read of the counter, nothing else, until something new is allocated.
      firstSeenEmpty.clear();
      publish(null);
      return 0;
    }
    walk.horizon(head + 1);
    long limit = Math.min(WINDOW, settings.checkpointEvery() - (size - checkpointSize));
    List<ChainEntry> batch = new ArrayList<>();
    long position = nextPosition;
    String previous = headHash;
    Optional<Found> found = Optional.empty();
    while (batch.size() < Math.max(1, limit)) {
      found = walk.at(position, !atCommitBoundary);
      if (found.isEmpty()) {
        break;
      }
      ChainEntry entry;
      if (found.get() instanceof EventAt event) {
        entry = ChainEntry.event(size + batch.size(), event.event(), previous);
      } else if (found.get() instanceof VoidAt voided) {
        entry = ChainEntry.voided(size + batch.size(), voided.position(), voided.count(), previous);
      } else {
        String reason = ((Malformed) found.get()).reason();
        if (!reason.equals(stalled)) {
          log.error(
              "The audit chain stops at position {}: {}. The event store was edited; nothing after"
                  + " it is chained until the commit is repaired",
              position,
              reason);
          stalled = reason;
        }
        break;
      }
      atCommitBoundary = true;
      batch.add(entry);
      previous = entry.entryHash();
      position = found.get().next();
    }
    if (!batch.isEmpty()) {
      requireLease();
      store.append(batch, now);
      size += batch.size();
      headHash = previous;
      nextPosition = position;
      stalled = null;
      firstSeenEmpty.keySet().removeIf(p -> p < nextPosition);
    }
    Long waitingFor = null;
    int voided = 0;
    if (found.isEmpty() && position <= head) {
      voided = voidExpired(position, head, now);
      waitingFor = voided == 0 ? position : null;
    }
    maybeCheckpoint(now);
    publish(waitingFor);
    return batch.size() + voided;
  }

  /**
   * At an empty position below the head: remembers since when it (and the empty positions after it)
   * are empty, and voids those empty for longer than the gap timeout.
   *
   * @return how many positions were voided
   */
  private int voidExpired(long position, long head, Instant now) {
    long end = Math.min(head + 1, position + CommitWalk.LOOK_BACK + 1);
    List<Long> expired = new ArrayList<>();
    for (long p = position; p < end && walk.emptyInLastWindow(p); p++) {
      Instant seen = firstSeenEmpty.computeIfAbsent(p, q -> now);
      if (expired.size() == p - position && !now.isBefore(seen.plus(settings.gapTimeout()))) {
        expired.add(p);
      }
    }
    if (expired.isEmpty()) {
      return 0;
    }
    requireLease();
    int voided = store.voidPositions(expired, now);
    durability.awaitDurable();
    expired.forEach(firstSeenEmpty::remove);
    log.warn(
        "Positions {} to {} were allocated but stayed empty for {}: their writer is taken for dead."
            + " {} voided in the event store, so nothing can be stored there later",
        expired.get(0),
        expired.get(expired.size() - 1),
        settings.gapTimeout(),
        voided);
    return expired.size();
  }

  private void maybeCheckpoint(Instant now) {
    long uncovered = size - checkpointSize;
    if (uncovered <= 0) {
      return;
    }
    long wanted = Math.max(wantedLocally.get(), wantedRemotely);
    boolean due =
        uncovered >= settings.checkpointEvery()
            || !now.isBefore(lastCheckpointAt.plus(settings.checkpointInterval()))
            || (wanted >= checkpointSize && wanted < size);
    if (due) {
      checkpoint(now);
    }
  }

  private void checkpoint(Instant now) {
    requireLease();
    Checkpoint checkpoint = key.sign(size, headHash, nextPosition - 1, now);
    if (!store.store(checkpoint)) {
      log.debug("A checkpoint of {} entries is stored already", size);
    }
    checkpointSize = size;
    lastCheckpointAt = now;
  }

  private void resync(Instant now) {
    ChainHead head = store.head(WINDOW);
    size = head.size();
    headHash = head.entryHash();
    nextPosition = head.nextPosition();
    atCommitBoundary = head.last() == null || head.last().kind() == ChainEntry.Kind.VOID;
    walk = new CommitWalk(store.commits(), WINDOW);
    firstSeenEmpty.clear();
    if (startedAt == null) {
      startedAt = now;
    }
    Optional<StoredCheckpoint> latest = store.latestCheckpoint();
    checkpointSize = latest.map(StoredCheckpoint::chainSize).orElse(0L);
    lastCheckpointAt =
        latest
            .flatMap(stored -> CheckpointSignatures.readUnchecked(stored.jws()))
            .map(Checkpoint::signedAt)
            .orElse(startedAt);
    if (checkpointSize > size) {
      log.error(
          "The latest audit checkpoint covers {} entries but the chain has {}: entries were"
              + " removed. GET /api/v1/audit/verify names them",
          checkpointSize,
          size);
    }
    synced = true;
    log.info(
        "Audit chain at {} entries (next position {}), last checkpoint at {}",
        size,
        nextPosition,
        checkpointSize);
  }

  // -------------------------------------------------------------------------------- lease

  private boolean holdLease(Instant now) {
    if (now.isBefore(nextLeaseRound)) {
      return leaseHeld;
    }
    Duration lease = settings.leaseDuration();
    Optional<Document> held = store.lease(node, now, lease);
    nextLeaseRound = now.plus(lease.dividedBy(3));
    if (held.isEmpty()) {
      if (leaseHeld) {
        log.info("Another node took over writing the audit chain");
      }
      leaseHeld = false;
      synced = false;
      return false;
    }
    if (!leaseHeld) {
      log.info("This node ({}) writes the audit chain", node);
      synced = false;
    }
    leaseHeld = true;
    leaseUntil = now.plus(lease);
    wantedRemotely =
        held.get().get("checkpointWanted") instanceof Number wanted ? wanted.longValue() : -1;
    return true;
  }

  /** Writes only while the lease is certainly held (a margin of a tenth of it for clock drift). */
  private void requireLease() {
    Instant now = clock.instant();
    if (!leaseHeld || !now.isBefore(leaseUntil.minus(settings.leaseDuration().dividedBy(10)))) {
      nextLeaseRound = Instant.MIN;
      throw new IllegalStateException("the audit writer's lease ran out before it could write");
    }
  }

  // ------------------------------------------------------------------------------- helpers

  private void publish(Long waitingFor) {
    status =
        new Status(
            leaseHeld,
            size,
            headHash,
            nextPosition,
            checkpointSize,
            lastCheckpointAt,
            waitingFor,
            stalled);
  }

  private void pause(Duration duration) {
    synchronized (signal) {
      try {
        signal.wait(Math.max(1, duration.toMillis()));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        running = false;
      }
    }
  }

  private void wake() {
    synchronized (signal) {
      signal.notifyAll();
    }
  }
}
