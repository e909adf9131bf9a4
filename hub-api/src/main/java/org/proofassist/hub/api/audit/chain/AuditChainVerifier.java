package org.proofassist.hub.api.audit.chain;

import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.proofassist.hub.api.audit.chain.AuditChainStore.ChainHead;
import org.proofassist.hub.api.audit.chain.AuditChainStore.StoredCheckpoint;
import org.proofassist.hub.api.audit.chain.AuditVerification.CheckpointSummary;
import org.proofassist.hub.api.audit.chain.AuditVerification.Head;
import org.proofassist.hub.api.audit.chain.AuditVerification.Mismatch;
import org.proofassist.hub.api.audit.chain.CheckpointSignatures.Checked;
import org.proofassist.hub.api.audit.chain.CommitWalk.EventAt;
import org.proofassist.hub.api.audit.chain.CommitWalk.Found;
import org.proofassist.hub.api.audit.chain.CommitWalk.Malformed;
import org.proofassist.hub.api.audit.chain.CommitWalk.VoidAt;

/**
 * Recomputes the audit chain from the event store and compares it with the stored chain and its
 * signed checkpoints.
 *
 * <p>It walks both in step, a window at a time and by key only, so memory stays flat whatever the
 * size of the store. For every entry it checks that the event stored now hashes to what the entry
 * recorded, that the entry links to the one before it and that its own hash is right; at every
 * checkpoint, that the signature is the hub's and that the signed head is the head recomputed from
 * the event store. The last check is what catches an edit that was hidden by rewriting the stored
 * chain too.
 */
public final class AuditChainVerifier {

  private static final int CHECKPOINT_PAGE = 200;

  private final AuditChainStore store;
  private final List<X509Certificate> anchors;
  private final Clock clock;
  private final int window;

  AuditChainVerifier(
      AuditChainStore store, List<X509Certificate> anchors, Clock clock, int window) {
    this.store = store;
    this.anchors = List.copyOf(anchors);
    this.clock = clock;
    this.window = window;
  }

  /** Verifies the chain as far as it reached when the call began. */
  public AuditVerification verify() {
    return new Run().verify();
  }

  /** The state of one verification. */
  private final class Run {

    private final CommitWalk walk = new CommitWalk(store.commits(), window);
    private final Deque<StoredCheckpoint> checkpoints = new ArrayDeque<>();
    private long checkpointsRead;
    private boolean checkpointsExhausted;
    private long position;
    private boolean atCommitBoundary = true;
    private String recomputed = ChainHashes.GENESIS;
    private boolean recomputable = true;
    private String storedPrevious = ChainHashes.GENESIS;
    private long entriesChecked;
    private long checkpointsChecked;
    private long mismatches;
    private Mismatch first;
    private CheckpointSummary lastGood;
    private long lastGoodSize;

    AuditVerification verify() {
      Instant started = clock.instant();
      ChainHead head = store.head(window);
      long size = head.size();
      walk.horizon(head.nextPosition());
      for (long from = 0; from < size; from += window) {
        long to = Math.min(size, from + window);
        Map<Long, ChainEntry> stored = store.entries(from, to);
        for (long index = from; index < to; index++) {
          check(index, stored.get(index));
          checkCheckpointsUpTo(index + 1);
        }
      }
      checkCheckpointsBeyond(size);
      long eventStoreHead = store.eventStoreHead();
      return new AuditVerification(
          mismatches == 0,
          entriesChecked,
          checkpointsChecked,
          mismatches,
          first,
          new Head(size, head.entryHash(), head.nextPosition() - 1),
          lastGood,
          eventStoreHead,
          Math.max(0, eventStoreHead + 1 - head.nextPosition()),
          started,
          Duration.between(started, clock.instant()).toMillis());
    }

    private void check(long index, ChainEntry stored) {
      entriesChecked++;
      Optional<Found> found = walk.at(position, !atCommitBoundary);
      ChainEntry expected = null;
      String problem = null;
      String recorded = stored == null ? null : stored.eventHash();
      String now = null;
      if (found.isPresent() && found.get() instanceof EventAt event) {
        expected =
            ChainEntry.event(index, event.event(), recomputable ? recomputed : ChainHashes.GENESIS);
      } else if (found.isPresent() && found.get() instanceof VoidAt voided) {
        expected =
            ChainEntry.voided(
                index,
                voided.position(),
                voided.count(),
                recomputable ? recomputed : ChainHashes.GENESIS);
      } else if (found.isPresent()) {
        problem = ((Malformed) found.get()).reason();
      } else if (stored != null && stored.kind() == ChainEntry.Kind.EVENT) {
        problem =
            "the event "
                + stored.eventId()
                + " chained at position "
                + position
                + " is no longer in the event store";
      } else {
        problem = "position " + position + " is empty in the event store but was chained";
      }
      if (expected != null) {
        now = expected.eventHash();
      }
      if (stored == null) {
        problem = "entry " + index + " is missing from the audit chain";
      } else if (expected != null) {
        if (stored.position() != expected.position() || stored.kind() != expected.kind()) {
          problem =
              "the entry chains "
                  + describe(stored.kind(), stored.position())
                  + " but the event store holds "
                  + describe(expected.kind(), expected.position())
                  + " there";
        } else if (!expected.eventHash().equals(stored.eventHash())) {
          problem =
              expected.kind() == ChainEntry.Kind.EVENT
                  ? "the stored event differs from the one that was chained"
                  : "the voided positions differ from the ones that were chained";
        } else if (!Objects.equals(expected.eventId(), stored.eventId())) {
          problem = "the entry's event id was changed";
        } else if (storedPrevious != null && !storedPrevious.equals(stored.previousHash())) {
          problem = "the entry does not link to the entry before it";
          recorded = stored.previousHash();
          now = storedPrevious;
        } else if (!stored.selfConsistent()) {
          problem = "the entry's hash is not the hash of its links";
          recorded = stored.entryHash();
          now =
              ChainHashes.isHash(stored.previousHash()) && ChainHashes.isHash(stored.eventHash())
                  ? ChainHashes.link(stored.previousHash(), stored.eventHash())
                  : null;
        }
      }
      if (problem != null) {
        Long at = stored != null ? Long.valueOf(stored.position()) : Long.valueOf(position);
        String eventId =
            expected != null ? expected.eventId() : stored != null ? stored.eventId() : null;
        String requestId =
            expected != null ? expected.requestId() : stored != null ? stored.requestId() : null;
        mismatch(new Mismatch(index, at, eventId, requestId, recorded, now, problem));
      }
      if (expected != null) {
        recomputed = expected.entryHash();
        position = found.get().next();
        atCommitBoundary = true;
      } else {
        recomputable = false;
        position = stored != null ? stored.nextPosition() : position + 1;
        atCommitBoundary = false;
      }
      storedPrevious = stored == null ? null : stored.entryHash();
    }

    private void checkCheckpointsUpTo(long size) {
      while (true) {
        StoredCheckpoint next = peekCheckpoint();
        if (next == null || next.chainSize() > size) {
          return;
        }
        checkpoints.poll();
        checkCheckpoint(next, size);
      }
    }

    private void checkCheckpointsBeyond(long size) {
      StoredCheckpoint next;
      while ((next = peekCheckpoint()) != null) {
        checkpoints.poll();
        checkpointsChecked++;
        mismatch(
            new Mismatch(
                size,
                null,
                null,
                null,
                null,
                null,
                "a checkpoint covers "
                    + next.chainSize()
                    + " entries but the chain has only "
                    + size
                    + ": entries were removed from the chain"));
      }
    }

    private void checkCheckpoint(StoredCheckpoint stored, long size) {
      checkpointsChecked++;
      Checked checked = CheckpointSignatures.check(stored.jws(), anchors);
      Checkpoint signed = checked.checkpoint();
      String problem = null;
      if (!checked.genuine()) {
        problem = "checkpoint of " + stored.chainSize() + " entries: " + checked.problem();
      } else if (signed.chainSize() != stored.chainSize()) {
        problem =
            "the checkpoint stored for "
                + stored.chainSize()
                + " entries signs "
                + signed.chainSize();
      } else if (!recomputable) {
        problem =
            "checkpoint of "
                + size
                + " entries cannot be compared: the chain before it does not match the event"
                + " store";
      } else if (!signed.head().equals(recomputed)) {
        problem =
            "checkpoint of "
                + size
                + " entries signed a head that the chain recomputed from the event store does not"
                + " reach: an event between entries "
                + lastGoodSize
                + " and "
                + (size - 1)
                + " was changed and the stored chain rewritten to hide it";
      }
      if (problem != null) {
        mismatch(
            new Mismatch(
                size - 1,
                signed == null ? null : signed.position(),
                null,
                null,
                signed == null ? null : signed.head(),
                recomputable ? recomputed : null,
                problem));
        return;
      }
      lastGoodSize = size;
      lastGood =
          new CheckpointSummary(
              signed.chainSize(),
              signed.head(),
              signed.position(),
              signed.signedAt(),
              checked.signer().getSubjectX500Principal().getName());
    }

    private StoredCheckpoint peekCheckpoint() {
      if (checkpoints.isEmpty() && !checkpointsExhausted) {
        List<StoredCheckpoint> page = store.checkpointsAfter(checkpointsRead, CHECKPOINT_PAGE);
        checkpoints.addAll(page);
        if (page.isEmpty()) {
          checkpointsExhausted = true;
        } else {
          checkpointsRead = page.get(page.size() - 1).chainSize();
        }
      }
      return checkpoints.peek();
    }

    private void mismatch(Mismatch mismatch) {
      mismatches++;
      if (first == null) {
        first = mismatch;
      }
    }

    private static String describe(ChainEntry.Kind kind, long position) {
      return (kind == ChainEntry.Kind.EVENT ? "an event" : "a void") + " at position " + position;
    }
  }
}
