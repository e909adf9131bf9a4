package org.proofassist.hub.projections.citizen;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import java.util.LinkedHashSet;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.queryhandling.QueryHandler;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.request.VerificationRequestRaised;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Keeps one document per ID number in {@value #COLLECTION} listing the requests about that citizen
 * (the subject's number and the other numbers the person held), so that finding a citizen's
 * requests is one read by key: the only fast shape on the embedded server, which scans a collection
 * for any filter other than {@code _id}.
 *
 * <p>A raise adds its request id with {@code $addToSet} on an upsert by {@code _id}: the same event
 * delivered again (after a restart) changes nothing.
 */
@ProcessingGroup(CitizenRequestsProjection.PROCESSING_GROUP)
public class CitizenRequestsProjection {

  public static final String PROCESSING_GROUP = "citizen-requests";
  public static final String COLLECTION = "citizen_requests";

  private final MongoTemplate mongo;

  public CitizenRequestsProjection(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventHandler
  public void on(VerificationRequestRaised event) {
    Set<String> numbers = new LinkedHashSet<>();
    numbers.add(event.subject().idNumber().value());
    event.subject().otherIdNumbers().stream().map(CitizenIdNumber::value).forEach(numbers::add);
    for (String number : numbers) {
      mongo.upsert(
          query(where("_id").is(number)),
          new Update().addToSet("requestIds", event.requestId().value()),
          COLLECTION);
    }
  }

  @ResetHandler
  void onReset() {
    mongo.dropCollection(COLLECTION);
  }

  @QueryHandler
  public CitizenRequests handle(FindCitizenRequests query) {
    String number = query.idNumber().value();
    CitizenRequests found = mongo.findById(number, CitizenRequests.class, COLLECTION);
    return found == null ? new CitizenRequests(number, java.util.List.of()) : found;
  }
}
