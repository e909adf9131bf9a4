package org.proofassist.hub.api.audit.chain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * What {@code GET /api/v1/audit/verify} found.
 *
 * @param intact whether every entry and every checkpoint matched
 * @param entriesChecked how many chain entries were recomputed from the event store and compared
 * @param checkpointsChecked how many signed checkpoints were checked
 * @param mismatches how many entries and checkpoints did not match
 * @param firstMismatch the first entry (or checkpoint) that did not match, or null
 * @param chainHead where the chain ended when the verification began
 * @param lastCheckpoint the last checkpoint that is genuine and matches the recomputed chain, or
 *     null
 * @param eventStoreHead the highest global position allocated in the event store
 * @param unchained how many positions after the chain's head the writer has not reached yet (not a
 *     mismatch: they are chained within moments, or wait for a slow writer)
 * @param verifiedAt when the verification began
 * @param tookMillis how long it took
 */
public record AuditVerification(
    boolean intact,
    long entriesChecked,
    long checkpointsChecked,
    long mismatches,
    @JsonInclude(JsonInclude.Include.ALWAYS) Mismatch firstMismatch,
    Head chainHead,
    @JsonInclude(JsonInclude.Include.ALWAYS) CheckpointSummary lastCheckpoint,
    long eventStoreHead,
    long unchained,
    Instant verifiedAt,
    long tookMillis) {

  /**
   * An entry that does not match.
   *
   * @param index the chain index
   * @param position the global position concerned
   * @param eventId the event's identifier, when known
   * @param requestId the request the event belongs to, when it belongs to one
   * @param expected the hash the chain (or checkpoint) recorded
   * @param found the hash recomputed from what is stored now
   * @param reason what does not match, in words
   */
  public record Mismatch(
      long index,
      Long position,
      String eventId,
      String requestId,
      String expected,
      String found,
      String reason) {}

  /**
   * The chain's head.
   *
   * @param size how many entries
   * @param entryHash the last entry's hash
   * @param position the last global position covered (-1 when empty)
   */
  public record Head(long size, String entryHash, long position) {}

  /**
   * A checkpoint.
   *
   * @param chainSize how many entries it covers
   * @param head the entry hash it signs
   * @param position the last global position it covers
   * @param signedAt when it was signed
   * @param signer the subject of the certificate that signed it
   */
  public record CheckpointSummary(
      long chainSize, String head, long position, Instant signedAt, String signer) {}
}
