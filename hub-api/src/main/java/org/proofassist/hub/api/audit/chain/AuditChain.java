package org.proofassist.hub.api.audit.chain;

import java.time.Instant;
import java.util.Date;
import java.util.Optional;
import org.bson.Document;
import org.proofassist.hub.api.audit.chain.AuditChainStore.ChainHead;
import org.proofassist.hub.api.audit.chain.AuditChainStore.StoredCheckpoint;

/**
 * The audit chain as the rest of the hub sees it: whether it is kept at all (only on the default
 * event store), where it stands, and its verifier and exporter.
 */
public final class AuditChain {

  private final boolean available;
  private final AuditChainStore store;
  private final AuditChainWriter writer;
  private final AuditChainVerifier verifier;
  private final AuditBundleExporter exporter;

  AuditChain(
      boolean available,
      AuditChainStore store,
      AuditChainWriter writer,
      AuditChainVerifier verifier,
      AuditBundleExporter exporter) {
    this.available = available;
    this.store = store;
    this.writer = writer;
    this.verifier = verifier;
    this.exporter = exporter;
  }

  /** Whether the chain is kept: only with the hub's own event store. */
  public boolean available() {
    return available;
  }

  public AuditChainVerifier verifier() {
    return verifier;
  }

  public AuditBundleExporter exporter() {
    return exporter;
  }

  public AuditChainWriter writer() {
    return writer;
  }

  /**
   * Where the chain stands, read from the store (another node may be the one writing).
   *
   * @param size how many entries the chain has
   * @param head the last entry's hash
   * @param position the last global position chained (-1 when empty)
   * @param eventStoreHead the highest global position allocated in the event store
   * @param lastCheckpoint the size the latest checkpoint covers (0 when none)
   * @param lastCheckpointAt when it was signed
   * @param writer the node that holds the writer's lease
   * @param writerLeaseUntil until when
   * @param thisNode what this node's writer reports
   */
  public record ChainStatus(
      long size,
      String head,
      long position,
      long eventStoreHead,
      long lastCheckpoint,
      Instant lastCheckpointAt,
      String writer,
      Instant writerLeaseUntil,
      AuditChainWriter.Status thisNode) {}

  /** Where the chain stands now. */
  public ChainStatus status() {
    ChainHead head = store.head(AuditChainWriter.WINDOW);
    Optional<StoredCheckpoint> latest = store.latestCheckpoint();
    Optional<Document> lease = store.leaseHolder();
    return new ChainStatus(
        head.size(),
        head.entryHash(),
        head.nextPosition() - 1,
        store.eventStoreHead(),
        latest.map(StoredCheckpoint::chainSize).orElse(0L),
        latest
            .flatMap(checkpoint -> CheckpointSignatures.readUnchecked(checkpoint.jws()))
            .map(Checkpoint::signedAt)
            .orElse(null),
        lease.map(document -> document.getString("owner")).orElse(null),
        lease
            .map(document -> document.get("until"))
            .filter(Date.class::isInstance)
            .map(until -> ((Date) until).toInstant())
            .orElse(null),
        writer.status());
  }
}
