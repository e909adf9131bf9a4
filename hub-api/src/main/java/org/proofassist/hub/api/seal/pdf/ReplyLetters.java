package org.proofassist.hub.api.seal.pdf;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mongodb.ErrorCategory;
import com.mongodb.MongoWriteException;
import com.mongodb.client.MongoCollection;
import com.mongodb.client.model.Filters;
import java.io.IOException;
import java.time.Clock;
import java.util.Base64;
import java.util.Date;
import java.util.Objects;
import org.bson.Document;
import org.bson.types.Binary;
import org.proofassist.hub.api.problem.ConflictException;
import org.proofassist.hub.api.seal.SealKeys;
import org.proofassist.hub.api.seal.SealKeys.SealKey;
import org.proofassist.hub.api.seal.SealTrust;
import org.proofassist.hub.core.directory.DepartmentId;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.seal.ReplyContent;
import org.proofassist.hub.core.seal.SealUnavailableException;
import org.proofassist.hub.core.seal.StampedReply;
import org.proofassist.hub.projections.request.RequestView;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The printable sealed reply letters (回复函): the sealed reply rendered as an A4 PDF in Chinese and
 * signed (PAdES) with the same seal key that sealed the reply.
 *
 * <p>A letter is made on its first download from the sealed content itself — the JAdES payload, so
 * the letter says exactly what was sealed — and kept in the collection {@value #COLLECTION}, so
 * that every later download gets the same bytes. A letter can be made only while the seal that
 * sealed the reply is still held and not revoked.
 */
public class ReplyLetters {

  /** Where the letters are kept, one document per request: {@code _id}, {@code pdf}, … */
  public static final String COLLECTION = "reply_letters";

  private static final ObjectMapper CONTENT =
      JsonMapper.builder()
          .addModule(new JavaTimeModule())
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private final MongoTemplate mongo;
  private final SealKeys keys;
  private final SealTrust trust;
  private final Directory directory;
  private final ReplyDocument document;
  private final PadesReplySeal seal;
  private final Clock clock;

  public ReplyLetters(
      MongoTemplate mongo,
      SealKeys keys,
      SealTrust trust,
      Directory directory,
      ReplyDocument document,
      PadesReplySeal seal,
      Clock clock) {
    this.mongo = Objects.requireNonNull(mongo, "mongo");
    this.keys = Objects.requireNonNull(keys, "keys");
    this.trust = Objects.requireNonNull(trust, "trust");
    this.directory = Objects.requireNonNull(directory, "directory");
    this.document = Objects.requireNonNull(document, "document");
    this.seal = Objects.requireNonNull(seal, "seal");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The sealed letter of a reply.
   *
   * @param view a request that has a reply
   * @throws ConflictException when the letter cannot be sealed any more (seal revoked or gone)
   */
  public byte[] letterOf(RequestView view) {
    RequestView.Reply reply = view.reply();
    if (reply == null) {
      throw new IllegalArgumentException("request " + view.id() + " has no reply");
    }
    MongoCollection<Document> letters = mongo.getCollection(COLLECTION);
    Document kept = letters.find(Filters.eq("_id", view.id())).first();
    if (kept != null) {
      return kept.get("pdf", Binary.class).getData();
    }
    byte[] pdf = make(view.id(), reply);
    try {
      letters.insertOne(
          new Document("_id", view.id())
              .append("pdf", new Binary(pdf))
              .append("certificateSerial", reply.certificateSerial())
              .append("contentDigest", reply.contentDigest())
              .append("madeAt", Date.from(clock.instant())));
      return pdf;
    } catch (MongoWriteException e) {
      if (e.getError().getCategory() != ErrorCategory.DUPLICATE_KEY) {
        throw e;
      }
      // Made at the same moment by another download: everyone gets the letter that was kept.
      return letters.find(Filters.eq("_id", view.id())).first().get("pdf", Binary.class).getData();
    }
  }

  private byte[] make(String requestId, RequestView.Reply reply) {
    DepartmentId department = DepartmentId.of(reply.unit());
    SealKey key =
        keys.of(department, reply.certificateSerial())
            .orElseThrow(
                () ->
                    new ConflictException(
                        "SEAL_GONE",
                        null,
                        "the seal that sealed the reply to "
                            + requestId
                            + " is no longer held; the sealed reply itself stays valid"));
    if (trust.crl().map(crl -> crl.isRevoked(key.certificate())).orElse(false)) {
      throw new ConflictException(
          "SEAL_REVOKED",
          null,
          "the seal certificate "
              + reply.certificateSerial()
              + " that sealed this reply has since been revoked, so no new letter can be sealed"
              + " with it; the sealed reply itself stays valid");
    }
    ReplyContent content = sealedContent(reply.jws(), department);
    StampedReply stamp =
        new StampedReply(
            reply.jws(),
            reply.contentDigest(),
            department,
            reply.certificateSerial(),
            reply.certificateSubject(),
            content.issuedAt() != null ? content.issuedAt() : reply.issuedAt());
    String name = directory.get(department).name();
    return seal.seal(document.render(content, name, stamp), key, name, stamp);
  }

  /** The content a JAdES reply seals: its payload, in JSON or compact serialization. */
  static ReplyContent sealedContent(String jws, DepartmentId department) {
    try {
      String text = jws.strip();
      String payload;
      if (text.startsWith("{")) {
        payload = CONTENT.readTree(text).path("payload").asText();
      } else {
        String[] parts = text.split("\\.");
        payload = parts.length == 3 ? parts[1] : "";
      }
      return CONTENT.readValue(Base64.getUrlDecoder().decode(payload), ReplyContent.class);
    } catch (IOException | IllegalArgumentException e) {
      throw new SealUnavailableException(
          department, "the sealed reply's content cannot be read: " + e.getMessage());
    }
  }
}
