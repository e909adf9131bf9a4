package org.proofassist.hub.api.audit.chain;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.proofassist.hub.api.audit.chain.CheckpointSignatures.Checked;
import org.proofassist.hub.core.request.ReplyIssued;

/**
 * Checks an export bundle without the hub: every event hashes to its chain entry, the entries link
 * up, each checkpoint is signed by the hub's audit certificate under the trust anchor, and from
 * each of the request's events the entries reach a signed head. Pure: no store, no network.
 */
public final class AuditBundleVerifier {

  private AuditBundleVerifier() {}

  /** The verdict on a bundle. */
  public enum Verdict {
    /** Every check passed. */
    INTACT,
    /** The bundle was read, and something in it does not match. */
    ALTERED,
    /** The bundle could not be read as one. */
    UNUSABLE
  }

  /**
   * What the check found.
   *
   * @param verdict the verdict
   * @param requestId the request the bundle is about
   * @param events how many events were checked
   * @param entries how many chain entries were checked
   * @param checkpoints the checkpoints that are genuine, by chain size
   * @param findings what did not match (empty when intact), or why the bundle is unusable
   * @param signer the subject of the audit certificate that signed the checkpoints
   * @param sealedReply whether the bundle's sealed reply is the one its events carry
   */
  public record Result(
      Verdict verdict,
      String requestId,
      int events,
      int entries,
      Map<Long, Checkpoint> checkpoints,
      List<String> findings,
      String signer,
      boolean sealedReply) {

    static Result unusable(String why) {
      return new Result(Verdict.UNUSABLE, null, 0, 0, Map.of(), List.of(why), null, false);
    }
  }

  /**
   * Checks a bundle.
   *
   * @param bundle the bundle as exported
   * @param anchors the trust anchors to check the checkpoints against; empty to take the CA
   *     certificate the bundle carries (then only the bundle's consistency is shown, not that the
   *     hub you trust made it)
   */
  public static Result verify(JsonNode bundle, List<X509Certificate> anchors) {
    if (bundle == null || !bundle.isObject()) {
      return Result.unusable("the bundle is not a JSON object");
    }
    if (!AuditBundleExporter.FORMAT.equals(bundle.path("format").asText())) {
      return Result.unusable(
          "the bundle's format is '"
              + bundle.path("format").asText()
              + "', not '"
              + AuditBundleExporter.FORMAT
              + "'");
    }
    String requestId = bundle.path("requestId").asText(null);
    Map<Long, CanonicalEvent> events = new TreeMap<>();
    TreeMap<Long, ChainEntry> entries = new TreeMap<>();
    List<String> findings = new ArrayList<>();
    try {
      for (JsonNode item : array(bundle, "events")) {
        JsonNode index = item.path("index");
        if (!index.canConvertToExactIntegral()) {
          throw new IllegalArgumentException("an event has no chain index");
        }
        if (events.put(index.longValue(), CanonicalEvent.fromJson(item.get("event"))) != null) {
          findings.add("two events claim chain entry " + index.longValue());
        }
      }
      for (JsonNode item : array(bundle, "entries")) {
        ChainEntry entry = ChainEntry.fromJson(item);
        if (entries.put(entry.index(), entry) != null) {
          findings.add("entry " + entry.index() + " appears twice");
        }
      }
      array(bundle, "checkpoints");
    } catch (IllegalArgumentException e) {
      return Result.unusable(e.getMessage());
    }
    if (requestId == null || events.isEmpty()) {
      return Result.unusable("the bundle names no request or carries no events");
    }
    List<X509Certificate> trusted = anchors;
    if (trusted == null || trusted.isEmpty()) {
      try {
        trusted = List.of(certificate(bundle.path("trustAnchor").asText()));
      } catch (CertificateException e) {
        return Result.unusable("the bundle's trust anchor is not a PEM certificate");
      }
    }

    checkEvents(requestId, events, entries, findings);
    checkLinks(entries, findings);
    Map<Long, Checkpoint> checkpoints = new TreeMap<>();
    String signer = checkCheckpoints(bundle, trusted, checkpoints, findings);
    checkCoverage(events, entries, checkpoints, findings);
    boolean replyMatches = checkSealedReply(bundle, events, findings);
    return new Result(
        findings.isEmpty() ? Verdict.INTACT : Verdict.ALTERED,
        requestId,
        events.size(),
        entries.size(),
        checkpoints,
        List.copyOf(findings),
        signer,
        replyMatches);
  }

  private static void checkEvents(
      String requestId,
      Map<Long, CanonicalEvent> events,
      Map<Long, ChainEntry> entries,
      List<String> findings) {
    long expectedSequence = 0;
    for (Map.Entry<Long, CanonicalEvent> item : events.entrySet()) {
      CanonicalEvent event = item.getValue();
      String name = "event " + event.eventId() + " (position " + event.position() + ")";
      if (!requestId.equals(event.aggregateId())) {
        findings.add(name + " belongs to " + event.aggregateId() + ", not to " + requestId);
      }
      if (!Objects.equals(event.sequence(), expectedSequence)) {
        findings.add(
            "the request's events are not complete: expected sequence number "
                + expectedSequence
                + ", found "
                + event.sequence()
                + " at "
                + name);
      }
      expectedSequence = event.sequence() == null ? expectedSequence + 1 : event.sequence() + 1;
      ChainEntry entry = entries.get(item.getKey());
      if (entry == null) {
        findings.add(name + " has no chain entry " + item.getKey() + " in the bundle");
        continue;
      }
      if (entry.kind() != ChainEntry.Kind.EVENT
          || entry.position() != event.position()
          || (entry.eventId() != null && !entry.eventId().equals(event.eventId()))) {
        findings.add(name + " is not the event chain entry " + entry.index() + " records");
      } else if (!event.hash().equals(entry.eventHash())) {
        findings.add(
            name
                + " was changed: it hashes to "
                + event.hash()
                + ", chain entry "
                + entry.index()
                + " recorded "
                + entry.eventHash());
      }
    }
  }

  private static void checkLinks(TreeMap<Long, ChainEntry> entries, List<String> findings) {
    ChainEntry before = null;
    for (ChainEntry entry : entries.values()) {
      if (!entry.selfConsistent()) {
        findings.add(
            "chain entry " + entry.index() + " has a hash that is not the hash of its links");
      }
      if (entry.index() == 0 && !ChainHashes.GENESIS.equals(entry.previousHash())) {
        findings.add("chain entry 0 does not start from the genesis hash");
      }
      if (before != null
          && before.index() + 1 == entry.index()
          && !before.entryHash().equals(entry.previousHash())) {
        findings.add("chain entry " + entry.index() + " does not link to entry " + before.index());
      }
      before = entry;
    }
  }

  private static String checkCheckpoints(
      JsonNode bundle,
      List<X509Certificate> anchors,
      Map<Long, Checkpoint> genuine,
      List<String> findings) {
    String signer = null;
    for (JsonNode item : array(bundle, "checkpoints")) {
      Checked checked = CheckpointSignatures.check(item.path("jws").asText(""), anchors);
      if (!checked.genuine()) {
        findings.add(checked.problem());
        continue;
      }
      genuine.put(checked.checkpoint().chainSize(), checked.checkpoint());
      signer = checked.signer().getSubjectX500Principal().getName();
    }
    return signer;
  }

  /** From each event's entry, the entries must run unbroken to a genuine checkpoint's head. */
  private static void checkCoverage(
      Map<Long, CanonicalEvent> events,
      TreeMap<Long, ChainEntry> entries,
      Map<Long, Checkpoint> checkpoints,
      List<String> findings) {
    for (long index : events.keySet()) {
      String outcome = "no signed checkpoint in the bundle covers it";
      for (Checkpoint checkpoint : checkpoints.values()) {
        if (checkpoint.chainSize() <= index) {
          continue;
        }
        long missing = -1;
        for (long i = index; i < checkpoint.chainSize(); i++) {
          if (!entries.containsKey(i)) {
            missing = i;
            break;
          }
        }
        if (missing >= 0) {
          outcome =
              "entry "
                  + missing
                  + " on the way to the checkpoint of "
                  + checkpoint.chainSize()
                  + " entries is missing";
        } else if (!entries.get(checkpoint.chainSize() - 1).entryHash().equals(checkpoint.head())) {
          outcome =
              "the entries from it do not reach the head signed by the checkpoint of "
                  + checkpoint.chainSize()
                  + " entries";
        } else {
          outcome = null;
        }
        break;
      }
      if (outcome != null) {
        findings.add("chain entry " + index + " is not proven: " + outcome);
      }
    }
  }

  private static boolean checkSealedReply(
      JsonNode bundle, Map<Long, CanonicalEvent> events, List<String> findings) {
    JsonNode reply = bundle.get("sealedReply");
    if (reply == null || reply.isNull()) {
      return false;
    }
    String jws = reply.path("jws").asText(null);
    for (CanonicalEvent event : events.values()) {
      if (ReplyIssued.class.getName().equals(event.payloadType())
          && jws != null
          && jws.equals(
              AuditBundleExporter.readPayload(event).at("/stampedReply/jws").asText(null))) {
        return true;
      }
    }
    findings.add("the sealed reply is not the one the request's chained events carry");
    return false;
  }

  private static Iterable<JsonNode> array(JsonNode bundle, String field) {
    JsonNode array = bundle.get(field);
    if (array == null || !array.isArray()) {
      throw new IllegalArgumentException("the bundle has no '" + field + "' list");
    }
    return array;
  }

  private static X509Certificate certificate(String pem) throws CertificateException {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
  }
}
