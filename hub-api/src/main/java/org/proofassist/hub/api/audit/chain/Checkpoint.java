package org.proofassist.hub.api.audit.chain;

import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * A signed tree head, as certificate-transparency logs keep them: the hub's audit key signs how
 * long the chain was and the entry hash it ended in, so that the chain up to there cannot be
 * rewritten without the rewrite showing, even by someone who can write to the database.
 *
 * @param chainSize how many entries the chain had (the head is entry {@code chainSize - 1})
 * @param head the entry hash of the head
 * @param position the last global position the chain covered
 * @param signedAt when it was signed
 * @param jws the signature: a compact JWS (ES256) whose payload is {@link #payload()} and whose
 *     header carries the audit certificate chain in {@code x5c}
 */
public record Checkpoint(long chainSize, String head, long position, Instant signedAt, String jws) {

  /** The JWS {@code typ} of a checkpoint, so that no other signature passes for one. */
  public static final String TYPE = "proof-assist-hub.audit-checkpoint";

  public Checkpoint {
    Objects.requireNonNull(head, "head");
    Objects.requireNonNull(signedAt, "signedAt");
    if (chainSize < 1) {
      throw new IllegalArgumentException("a checkpoint covers at least one entry");
    }
    if (!ChainHashes.isHash(head)) {
      throw new IllegalArgumentException("a checkpoint's head is a SHA-256 hash in hex");
    }
  }

  /**
   * The signed payload: the JCS form of {@code {"chainSize","head","position","signedAt"}}, {@code
   * signedAt} as an ISO-8601 instant.
   */
  public byte[] payload() {
    return payload(chainSize, head, position, signedAt);
  }

  static byte[] payload(long chainSize, String head, long position, Instant signedAt) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("chainSize", chainSize);
    fields.put("head", head);
    fields.put("position", position);
    fields.put("signedAt", signedAt.toString());
    return Jcs.bytes(fields);
  }

  Document toDocument() {
    return new Document("_id", chainSize)
        .append("head", head)
        .append("position", position)
        .append("signedAt", Date.from(signedAt))
        .append("jws", jws);
  }
}
