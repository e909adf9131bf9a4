package org.proofassist.hub.projections.history;

import static org.springframework.data.mongodb.core.query.Criteria.where;
import static org.springframework.data.mongodb.core.query.Query.query;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.bson.Document;
import org.proofassist.hub.core.request.RequestEvent;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.data.mongodb.core.query.Update;

/**
 * Keeps one document per request in {@value #COLLECTION} with every event of that request, so a
 * request's history is one read by key.
 */
@ProcessingGroup(RequestHistoryProjection.PROCESSING_GROUP)
public class RequestHistoryProjection {

  public static final String PROCESSING_GROUP = "request-history";
  public static final String COLLECTION = "request_history";

  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};

  private final MongoTemplate mongo;
  private final ObjectMapper json =
      new ObjectMapper()
          .registerModule(new JavaTimeModule())
          .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

  public RequestHistoryProjection(MongoTemplate mongo) {
    this.mongo = mongo;
  }

  @EventHandler
  public void on(RequestEvent event, @SequenceNumber long sequence) {
    Map<String, Object> data = json.convertValue(event, MAP);
    data.remove("requestId");
    data.remove("actor");
    data.remove("at");
    RequestHistory.Entry entry =
        new RequestHistory.Entry(
            sequence,
            event.getClass().getSimpleName(),
            event.at(),
            event.actor().userId(),
            event.actor().department().value(),
            event.actor().role().name(),
            data);
    String id = event.requestId().value();
    // Read by _id and compared here: a filter on _id and version scans the collection on the
    // embedded server. One thread handles a request's events, in order.
    Document current =
        mongo
            .getCollection(COLLECTION)
            .find(new Document("_id", id))
            .projection(new Document("version", 1))
            .first();
    if (current == null) {
      try {
        mongo.insert(new RequestHistory(id, sequence, List.of(entry)), COLLECTION);
      } catch (DuplicateKeyException alreadyRecorded) {
        // The history was begun by this event delivered before (after a restart).
      }
      return;
    }
    if (((Number) current.get("version")).longValue() >= sequence) {
      return; // delivered again after a restart: the history already holds it
    }
    mongo.updateFirst(
        query(where("_id").is(id)),
        new Update().push("entries", entry).set("version", sequence),
        COLLECTION);
  }

  @ResetHandler
  void onReset() {
    mongo.dropCollection(COLLECTION);
  }

  @QueryHandler
  public Optional<RequestHistory> handle(FindRequestHistory query) {
    return Optional.ofNullable(
        mongo.findById(query.requestId().value(), RequestHistory.class, COLLECTION));
  }
}
