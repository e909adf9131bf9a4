package org.proofassist.hub.api.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.bson.Document;

/**
 * One event as the event store holds it, in the form the audit chain hashes: the stored fields
 * exactly as stored (the payload and metadata as their stored JSON text, the time stamp as its
 * stored string), never a re-serialisation. An upcaster added later therefore does not change the
 * hash, and any edit of a stored field does.
 *
 * <p>The canonical bytes are the RFC 8785 (JCS) form of the object with exactly these keys:
 *
 * <pre>{@code
 * {"aggregateId":"VR-…","aggregateType":"VerificationRequest","eventId":"…","metadata":"{…}",
 *  "payload":"{…}","payloadType":"org.proofassist.hub.core.request.RequestRouted","position":17,
 *  "revision":"1","sequence":1,"timestamp":"2026-11-23T08:00:00.123Z"}
 * }</pre>
 *
 * An event stored without an aggregate has {@code null} aggregate fields and sequence; a missing
 * revision is {@code null}.
 *
 * @param position the event's global position
 * @param eventId the event's identifier
 * @param aggregateType the type of its aggregate, or {@code null}
 * @param aggregateId the identifier of its aggregate, or {@code null}
 * @param sequence its sequence number in the aggregate, or {@code null}
 * @param timestamp its time stamp as stored
 * @param payloadType the payload's stored type name
 * @param revision the payload's stored revision, or {@code null}
 * @param payload the payload as stored (JSON text)
 * @param metadata the metadata as stored (JSON text)
 */
public record CanonicalEvent(
    long position,
    String eventId,
    String aggregateType,
    String aggregateId,
    Long sequence,
    String timestamp,
    String payloadType,
    String revision,
    String payload,
    String metadata) {

  static final String[] FIELDS = {
    "aggregateId",
    "aggregateType",
    "eventId",
    "metadata",
    "payload",
    "payloadType",
    "position",
    "revision",
    "sequence",
    "timestamp"
  };

  /**
   * The event at {@code position}, the {@code event}-th entry of a stored commit document of {@code
   * event_commits}.
   */
  public static CanonicalEvent of(Document commit, Document event, long position) {
    Object sequence = event.get("seq");
    return new CanonicalEvent(
        position,
        text(event.get("id")),
        text(commit.get("aggregateType")),
        text(commit.get("aggregateId")),
        sequence instanceof Number number ? number.longValue() : null,
        text(event.get("ts")),
        text(event.get("type")),
        text(event.get("rev")),
        text(event.get("payload")),
        text(event.get("meta")));
  }

  /**
   * Reads the canonical object back, as an export bundle carries it.
   *
   * @throws IllegalArgumentException when a key is missing, unknown or of the wrong kind
   */
  public static CanonicalEvent fromJson(JsonNode json) {
    if (json == null || !json.isObject()) {
      throw new IllegalArgumentException("an event is a JSON object");
    }
    if (json.size() != FIELDS.length) {
      throw new IllegalArgumentException(
          "an event has exactly the keys " + String.join(", ", FIELDS));
    }
    for (String field : FIELDS) {
      if (!json.has(field)) {
        throw new IllegalArgumentException("an event has no '" + field + "'");
      }
    }
    JsonNode position = json.get("position");
    if (!position.canConvertToExactIntegral() || !position.canConvertToLong()) {
      throw new IllegalArgumentException("an event's position is an integer");
    }
    JsonNode sequence = json.get("sequence");
    if (!sequence.isNull() && !(sequence.canConvertToExactIntegral())) {
      throw new IllegalArgumentException("an event's sequence is an integer or null");
    }
    return new CanonicalEvent(
        position.longValue(),
        textOrNull(json, "eventId"),
        textOrNull(json, "aggregateType"),
        textOrNull(json, "aggregateId"),
        sequence.isNull() ? null : sequence.longValue(),
        textOrNull(json, "timestamp"),
        textOrNull(json, "payloadType"),
        textOrNull(json, "revision"),
        textOrNull(json, "payload"),
        textOrNull(json, "metadata"));
  }

  /** The canonical UTF-8 bytes that the event hash covers. */
  public byte[] bytes() {
    return Jcs.bytes(fields());
  }

  /** SHA-256 of {@link #bytes()}, lower-case hex. */
  public String hash() {
    return ChainHashes.sha256(bytes());
  }

  /** The canonical object as JSON, for an export bundle. */
  public ObjectNode toJson() {
    ObjectNode json = JsonNodeFactory.instance.objectNode();
    fields()
        .forEach(
            (key, value) -> {
              if (value == null) {
                json.putNull(key);
              } else if (value instanceof Long number) {
                json.put(key, number);
              } else {
                json.put(key, (String) value);
              }
            });
    return json;
  }

  private Map<String, Object> fields() {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("aggregateId", aggregateId);
    fields.put("aggregateType", aggregateType);
    fields.put("eventId", eventId);
    fields.put("metadata", metadata);
    fields.put("payload", payload);
    fields.put("payloadType", payloadType);
    fields.put("position", position);
    fields.put("revision", revision);
    fields.put("sequence", sequence);
    fields.put("timestamp", timestamp);
    return fields;
  }

  /**
   * A stored value as the text it is. Every field the engine writes is a string (or the sequence, a
   * number); anything else (an edit that changed a field's type) is hashed as its BSON JSON form,
   * prefixed so that it can never equal a string value.
   */
  private static String text(Object value) {
    if (value == null || value instanceof String) {
      return (String) value;
    }
    if (value instanceof Document document) {
      return "\u0000bson:" + document.toJson();
    }
    return "\u0000" + value.getClass().getSimpleName() + ":" + value;
  }

  private static String textOrNull(JsonNode json, String field) {
    JsonNode value = json.get(field);
    if (value.isNull()) {
      return null;
    }
    if (!value.isTextual()) {
      throw new IllegalArgumentException("an event's " + field + " is a string or null");
    }
    return value.textValue();
  }
}
