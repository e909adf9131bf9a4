package org.proofassist.hub.api.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import org.bson.Document;

/**
 * One entry of the audit chain ({@value AuditChainStore#ENTRIES}, {@code _id} = index): an event of
 * the event store, or a range of positions that the event store voided (a refused commit, or a
 * position whose writer died), so that the chain accounts for every global position.
 *
 * @param index the entry's place in the chain, from 0
 * @param position the event's global position, or the first voided position
 * @param kind an event or a voided range
 * @param count 1 for an event; how many positions a voided range covers
 * @param eventId the event's identifier; {@code null} for a voided range
 * @param aggregateType the event's aggregate type, or {@code null}
 * @param aggregateId the event's aggregate (for a request: the request id), or {@code null}
 * @param eventHash SHA-256 of the event's canonical form ({@link CanonicalEvent}) or of the void's
 *     ({@link #voidForm})
 * @param previousHash the entry hash of the entry before ({@link ChainHashes#GENESIS} for the
 *     first)
 * @param entryHash {@link ChainHashes#link}{@code (previousHash, eventHash)}
 */
public record ChainEntry(
    long index,
    long position,
    Kind kind,
    int count,
    String eventId,
    String aggregateType,
    String aggregateId,
    String eventHash,
    String previousHash,
    String entryHash) {

  /** What an entry stands for. */
  public enum Kind {
    /** One stored event. */
    EVENT,
    /** Positions the event store gave up: no event is or ever will be stored there. */
    VOID
  }

  /** The aggregate type of verification requests, as Axon stores it. */
  public static final String REQUEST_AGGREGATE = "VerificationRequest";

  public ChainEntry {
    Objects.requireNonNull(kind, "kind");
    if (index < 0 || position < 0 || count < 1) {
      throw new IllegalArgumentException("index, position and count of an entry are not negative");
    }
  }

  /** The entry that chains an event after the entry whose hash is {@code previousHash}. */
  public static ChainEntry event(long index, CanonicalEvent event, String previousHash) {
    String eventHash = event.hash();
    return new ChainEntry(
        index,
        event.position(),
        Kind.EVENT,
        1,
        event.eventId(),
        event.aggregateType(),
        event.aggregateId(),
        eventHash,
        previousHash,
        ChainHashes.link(previousHash, eventHash));
  }

  /** The entry that records {@code count} voided positions from {@code position}. */
  public static ChainEntry voided(long index, long position, int count, String previousHash) {
    String eventHash = ChainHashes.sha256(voidForm(position, count));
    return new ChainEntry(
        index,
        position,
        Kind.VOID,
        count,
        null,
        null,
        null,
        eventHash,
        previousHash,
        ChainHashes.link(previousHash, eventHash));
  }

  /** The canonical form a voided range is hashed in: {@code {"position":12,"void":1}} (JCS). */
  public static byte[] voidForm(long position, int count) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("position", position);
    fields.put("void", count);
    return Jcs.bytes(fields);
  }

  /** The next global position after this entry's. */
  public long nextPosition() {
    return position + count;
  }

  /** The request this entry belongs to, or {@code null}. */
  public String requestId() {
    return REQUEST_AGGREGATE.equals(aggregateType) ? aggregateId : null;
  }

  /** Whether the entry hash is the link of its previous hash and event hash. */
  public boolean selfConsistent() {
    return ChainHashes.isHash(previousHash)
        && ChainHashes.isHash(eventHash)
        && ChainHashes.link(previousHash, eventHash).equals(entryHash);
  }

  Document toDocument(Date chainedAt) {
    Document document =
        new Document("_id", index)
            .append("position", position)
            .append("kind", kind.name())
            .append("count", count);
    if (kind == Kind.EVENT) {
      document
          .append("eventId", eventId)
          .append("aggregateType", aggregateType)
          .append("aggregateId", aggregateId);
    }
    return document
        .append("eventHash", eventHash)
        .append("previousHash", previousHash)
        .append("entryHash", entryHash)
        .append("chainedAt", chainedAt);
  }

  /**
   * Reads a stored entry. Fields an edit made unreadable come back as {@code null} or {@code -1},
   * so that verification reports them instead of failing.
   */
  static ChainEntry fromDocument(Document document) {
    Kind kind;
    try {
      kind = Kind.valueOf(String.valueOf(document.get("kind")));
    } catch (IllegalArgumentException e) {
      kind = Kind.EVENT;
    }
    return new ChainEntry(
        Math.max(0, longOf(document.get("_id"))),
        Math.max(0, longOf(document.get("position"))),
        kind,
        (int) Math.max(1, longOf(document.get("count"))),
        stringOf(document.get("eventId")),
        stringOf(document.get("aggregateType")),
        stringOf(document.get("aggregateId")),
        stringOf(document.get("eventHash")),
        stringOf(document.get("previousHash")),
        stringOf(document.get("entryHash")));
  }

  /** The entry as an export bundle carries it; {@code withIdentity} adds the event's ids. */
  ObjectNode toJson(boolean withIdentity) {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    json.put("index", index).put("position", position).put("kind", kind.name());
    if (kind == Kind.VOID) {
      json.put("count", count);
    }
    if (withIdentity && kind == Kind.EVENT) {
      json.put("eventId", eventId).put("aggregateType", aggregateType);
      json.put("aggregateId", aggregateId);
    }
    return json.put("eventHash", eventHash)
        .put("previousHash", previousHash)
        .put("entryHash", entryHash);
  }

  /**
   * Reads an entry of an export bundle.
   *
   * @throws IllegalArgumentException when a field is missing or of the wrong kind
   */
  static ChainEntry fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("a chain entry is a JSON object");
    }
    Kind kind = Kind.valueOf(required(json, "kind").asText());
    return new ChainEntry(
        integer(json, "index"),
        integer(json, "position"),
        kind,
        kind == Kind.VOID ? (int) integer(json, "count") : 1,
        json.path("eventId").textValue(),
        json.path("aggregateType").textValue(),
        json.path("aggregateId").textValue(),
        required(json, "eventHash").asText(),
        required(json, "previousHash").asText(),
        required(json, "entryHash").asText());
  }

  private static JsonNode required(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("a chain entry has no '" + field + "'");
    }
    return value;
  }

  private static long integer(JsonNode json, String field) {
    JsonNode value = required(json, field);
    if (!value.canConvertToExactIntegral()) {
      throw new IllegalArgumentException("a chain entry's " + field + " is an integer");
    }
    return value.longValue();
  }

  private static long longOf(Object value) {
    return value instanceof Number number ? number.longValue() : -1;
  }

  private static String stringOf(Object value) {
    return value instanceof String text ? text : value == null ? null : String.valueOf(value);
  }
}
