package org.proofassist.hub.projections.history;

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
import org.proofassist.hub.core.request.RequestEvent;
import org.proofassist.hub.projections.batch.ProjectionBatch;
import org.proofassist.hub.projections.batch.VersionedWrites;
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
    ProjectionBatch.write(
        this,
        () -> new VersionedWrites(mongo, COLLECTION),
        writes -> {
          // the first event begins the history; a later one is added unless the history has it
          writes.insert(id, sequence, new RequestHistory(id, sequence, List.of(entry)));
          writes.update(id, sequence, new Update().push("entries", entry));
        });
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
