package org.proofassist.hub.api.audit;

import java.time.Clock;
import java.time.Instant;
import org.proofassist.hub.api.security.HubUser;
import org.springframework.data.mongodb.core.MongoTemplate;

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
