package org.proofassist.hub.api.audit.chain;

import static com.mongodb.client.model.Filters.in;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.bson.Document;
import org.proofassist.hub.api.audit.chain.AuditChainStore.StoredCheckpoint;
import org.proofassist.hub.api.problem.ConflictException;
import org.proofassist.hub.api.problem.NotFoundException;
import org.proofassist.hub.core.request.ReplyIssued;

/**
 * Exports what an auditor needs to check one request's history away from the hub: its stored events
 * in canonical form, their chain entries, for each of them the entries from it up to the nearest
 * signed checkpoint at or after it (so that the signed head can be recomputed from the request's
 * own events), those checkpoints, the sealed reply and the CA certificate. Entries of other
 * requests on the way carry only their hashes.
 *
 * <p>A checkpoint comes at least every {@code hub.audit.checkpoint-every} entries, so each stretch
 * of foreign entries in a bundle is bounded by it, however long ago the request was raised. When
 * the request's last events are newer than the last checkpoint, the export asks the writer for one
 * and waits for it.
 */
public final class AuditBundleExporter {

  /** The bundle format this hub writes and the offline verifier reads. */
  public static final String FORMAT = "proof-assist-hub/audit-bundle/1";

  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final int STREAM_WINDOW = 16;
  private static final Duration POLL = Duration.ofMillis(100);

  private final AuditChainStore store;
  private final AuditChainWriter writer;
  private final X509Certificate trustAnchor;
  private final Clock clock;
  private final Duration patience;

  AuditBundleExporter(
      AuditChainStore store,
      AuditChainWriter writer,
      X509Certificate trustAnchor,
      Clock clock,
      Duration patience) {
    this.store = store;
    this.writer = writer;
    this.trustAnchor = trustAnchor;
    this.clock = clock;
    this.patience = patience;
  }

  /** An exported bundle and what it says about the request. */
  public record Bundle(ObjectNode json, String subjectIdNumber) {}

  /**
   * The bundle of one request.
   *
   * @throws NotFoundException when the event store holds no such request
   * @throws ConflictException when the chain or its checkpoints did not reach the request's events
   *     in time
   */
  public Bundle export(String requestId) {
    List<CanonicalEvent> events = eventsOf(requestId);
    if (events.isEmpty() || !ChainEntry.REQUEST_AGGREGATE.equals(events.get(0).aggregateType())) {
      throw new NotFoundException("no request " + requestId + " in the event store");
    }
    Map<Long, ChainEntry> chained = chained(events);
    TreeMap<Long, StoredCheckpoint> covering = checkpointsCovering(chained);

    TreeMap<Long, Long> stretches = new TreeMap<>();
    for (ChainEntry entry : chained.values()) {
      stretches.merge(entry.index(), covering.ceilingEntry(entry.index() + 1).getKey(), Math::max);
    }
    ArrayNode entries = JSON.createArrayNode();
    long done = -1;
    for (Map.Entry<Long, Long> stretch : stretches.entrySet()) {
      long from = Math.max(stretch.getKey(), done);
      for (long start = from; start < stretch.getValue(); start += AuditChainWriter.WINDOW) {
        long end = Math.min(stretch.getValue(), start + AuditChainWriter.WINDOW);
        for (ChainEntry entry : store.entries(start, end).values()) {
          boolean own = requestId.equals(entry.aggregateId());
          entries.add(entry.toJson(own));
        }
      }
      done = Math.max(done, stretch.getValue());
    }

    ObjectNode bundle = JSON.createObjectNode();
    bundle.put("format", FORMAT);
    bundle.put("requestId", requestId);
    bundle.put("exportedAt", clock.instant().toString());
    bundle.put("hash", "SHA-256");
    ArrayNode exportedEvents = bundle.putArray("events");
    for (CanonicalEvent event : events) {
      ObjectNode item = exportedEvents.addObject();
      item.put("index", chained.get(event.position()).index());
      item.set("event", event.toJson());
    }
    bundle.set("entries", entries);
    ArrayNode checkpoints = bundle.putArray("checkpoints");
    covering.values().stream()
        .distinct()
        .forEach(
            checkpoint ->
                checkpoints
                    .addObject()
                    .put("chainSize", checkpoint.chainSize())
                    .put("jws", checkpoint.jws()));
    sealedReply(events).ifPresent(reply -> bundle.set("sealedReply", reply));
    bundle.put("trustAnchor", pem(trustAnchor));
    return new Bundle(bundle, subjectIdNumber(events));
  }

  /** The request's stored events, followed commit by commit along its unique stream keys. */
  private List<CanonicalEvent> eventsOf(String aggregateId) {
    List<CanonicalEvent> events = new ArrayList<>();
    long next = 0;
    while (true) {
      List<String> keys = new ArrayList<>(STREAM_WINDOW);
      for (long sequence = next; sequence < next + STREAM_WINDOW; sequence++) {
        keys.add(aggregateId + "/" + sequence);
      }
      Map<Long, Document> byFirst = new TreeMap<>();
      for (Document commit : store.commits().find(in("stream", keys))) {
        if (commit.get("firstSeq") instanceof Number first) {
          byFirst.put(first.longValue(), commit);
        }
      }
      long windowEnd = next + STREAM_WINDOW;
      while (byFirst.containsKey(next)) {
        Document commit = byFirst.get(next);
        long start = CommitWalk.start(commit);
        List<Document> stored = CommitWalk.events(commit);
        for (int i = 0; i < stored.size(); i++) {
          events.add(CanonicalEvent.of(commit, stored.get(i), start + i));
        }
        next = ((Number) commit.get("lastSeq")).longValue() + 1;
      }
      if (next < windowEnd) {
        return events;
      }
    }
  }

  /** The chain entries of the events, waiting a moment for the writer when it is behind. */
  private Map<Long, ChainEntry> chained(List<CanonicalEvent> events) {
    List<Long> positions = events.stream().map(CanonicalEvent::position).toList();
    Instant deadline = clock.instant().plus(patience);
    while (true) {
      Map<Long, ChainEntry> found = store.entriesAt(positions);
      if (found.size() == positions.size()) {
        Map<Long, ChainEntry> byPosition = new LinkedHashMap<>();
        positions.forEach(position -> byPosition.put(position, found.get(position)));
        return byPosition;
      }
      if (!clock.instant().isBefore(deadline)) {
        throw new ConflictException(
            "AUDIT_CHAIN_BEHIND",
            null,
            "the audit chain has not reached this request's latest events yet; try again in a"
                + " moment");
      }
      sleep();
    }
  }

  /**
   * For each entry, the first checkpoint that covers it, keyed by chain size; asks for a new
   * checkpoint when the newest entries are not covered yet.
   */
  private TreeMap<Long, StoredCheckpoint> checkpointsCovering(Map<Long, ChainEntry> chained) {
    long last = chained.values().stream().mapToLong(ChainEntry::index).max().orElseThrow();
    Optional<StoredCheckpoint> lastCovered = store.checkpointCovering(last);
    if (lastCovered.isEmpty()) {
      store.requestCheckpoint(last);
      writer.requestCheckpoint(last);
      Instant deadline = clock.instant().plus(patience);
      while (lastCovered.isEmpty()) {
        if (!clock.instant().isBefore(deadline)) {
          throw new ConflictException(
              "AUDIT_CHECKPOINT_PENDING",
              null,
              "no signed checkpoint covers this request's latest events yet; the writer was asked"
                  + " for one, try again in a moment");
        }
        sleep();
        lastCovered = store.checkpointCovering(last);
      }
    }
    TreeMap<Long, StoredCheckpoint> covering = new TreeMap<>();
    for (ChainEntry entry :
        chained.values().stream().sorted(Comparator.comparingLong(ChainEntry::index)).toList()) {
      Map.Entry<Long, StoredCheckpoint> known = covering.ceilingEntry(entry.index() + 1);
      if (known == null) {
        store
            .checkpointCovering(entry.index())
            .ifPresent(checkpoint -> covering.put(checkpoint.chainSize(), checkpoint));
      }
    }
    return covering;
  }

  /** The sealed reply the request's last {@code ReplyIssued} event carries, if it has one. */
  private static Optional<ObjectNode> sealedReply(List<CanonicalEvent> events) {
    for (int i = events.size() - 1; i >= 0; i--) {
      CanonicalEvent event = events.get(i);
      if (ReplyIssued.class.getName().equals(event.payloadType())) {
        JsonNode jws = readPayload(event).at("/stampedReply/jws");
        if (jws.isTextual()) {
          ObjectNode reply = JsonNodeFactory.instance.objectNode();
          reply.put("eventId", event.eventId());
          reply.put("position", event.position());
          reply.put("jws", jws.textValue());
          return Optional.of(reply);
        }
      }
    }
    return Optional.empty();
  }

  private static String subjectIdNumber(List<CanonicalEvent> events) {
    JsonNode idNumber = readPayload(events.get(0)).at("/subject/idNumber");
    return idNumber.isTextual() ? idNumber.textValue() : null;
  }

  static JsonNode readPayload(CanonicalEvent event) {
    try {
      JsonNode payload = event.payload() == null ? null : JSON.readTree(event.payload());
      return payload == null ? JsonNodeFactory.instance.missingNode() : payload;
    } catch (JsonProcessingException e) {
      return JsonNodeFactory.instance.missingNode();
    }
  }

  static String pem(X509Certificate certificate) {
    try {
      return "-----BEGIN CERTIFICATE-----\n"
          + Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded())
          + "\n-----END CERTIFICATE-----\n";
    } catch (CertificateEncodingException e) {
      throw new IllegalStateException("the CA certificate cannot be encoded", e);
    }
  }

  private void sleep() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the audit chain", e);
    }
  }
}
