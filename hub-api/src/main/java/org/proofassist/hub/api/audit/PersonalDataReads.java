package org.proofassist.hub.api.audit;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.proofassist.hub.api.problem.InvalidFieldException;
import org.proofassist.hub.api.security.HubUser;
import org.springframework.data.domain.Sort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.index.Index;
import org.springframework.data.mongodb.core.query.Criteria;
import org.springframework.data.mongodb.core.query.Query;

/**
 * Records every read of a citizen's personal data: who, for which department, when, what, and for
 * which purpose. Auditors read this log to see who looked at a citizen's data.
 */
public class PersonalDataReads {

  public static final String COLLECTION = "personal_data_reads";

  /** One read. */
  public record Read(
      Instant at,
      String userId,
      String department,
      String role,
      String requestId,
      String subjectIdNumber,
      String what,
      String purpose) {}

  private final MongoTemplate mongo;
  private final Clock clock;

  public PersonalDataReads(MongoTemplate mongo, Clock clock) {
    this.mongo = mongo;
    this.clock = clock;
    mongo
        .indexOps(COLLECTION)
        .ensureIndex(
            new Index().on("subjectIdNumber", Sort.Direction.ASC).on("at", Sort.Direction.DESC));
  }

  /**
   * Why personal data is read, as the reader gave it (stripped; null when not given). Auditors must
   * give one, and it has at most 500 characters: otherwise an {@link InvalidFieldException} naming
   * {@code purpose} ({@code PURPOSE_REQUIRED}, {@code PURPOSE_TOO_LONG}). The API and the pages
   * apply this one rule.
   */
  public static String purpose(HubUser reader, String given) {
    String purpose = given == null || given.isBlank() ? null : given.strip();
    if (purpose == null && reader.isAuditor()) {
      throw new InvalidFieldException(
          "purpose",
          "PURPOSE_REQUIRED",
          "an auditor says why personal data is read: ?purpose=… (it is recorded)");
    }
    if (purpose != null && purpose.length() > 500) {
      throw new InvalidFieldException(
          "purpose", "PURPOSE_TOO_LONG", "a purpose has at most 500 characters");
    }
    return purpose;
  }

  /** Who read the personal data of requests about this citizen, latest first. */
  public List<Read> readsOf(String subjectIdNumber, int page, int size) {
    return mongo.find(
        new Query(Criteria.where("subjectIdNumber").is(subjectIdNumber))
            .with(Sort.by(Sort.Direction.DESC, "at"))
            .skip((long) page * size)
            .limit(size),
        Read.class,
        COLLECTION);
  }

  /** How many reads of this citizen's requests are recorded. */
  public long countOf(String subjectIdNumber) {
    return mongo.count(
        new Query(Criteria.where("subjectIdNumber").is(subjectIdNumber)), COLLECTION);
  }

  public void record(
      HubUser reader, String requestId, String subjectIdNumber, String what, String purpose) {
    mongo.insert(
        new Read(
            clock.instant(),
            reader.username(),
            reader.department().value(),
            reader.role().name(),
            requestId,
            subjectIdNumber,
            what,
            purpose),
        COLLECTION);
  }
}
