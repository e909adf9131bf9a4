package org.proofassist.hub.api.request;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.axonframework.eventhandling.AnnotationEventHandlerAdapter;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.request.RequestEvent;
import org.proofassist.hub.core.request.RequestId;
import org.proofassist.hub.projections.request.RequestView;
import org.proofassist.hub.projections.request.RequestViewProjection;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * What a request looked like at a past moment, for disputes ("when the window looked at 10:00, was
 * the reply there?"): its events up to that moment, read from the event store, run through the same
 * projection that keeps the live view, in a scratch database that is dropped afterwards. So the
 * answer is the live view's own logic, not a second reading of the events.
 *
 * <p>An event counts if its time ({@code at}, from the hub's clock when it was decided) is not
 * after the moment asked. Snapshots are not used: the events are read from the first.
 */
public class RequestAsOf {

  private final EventStore events;
  private final MongoClient client;
  private final String databasePrefix;
  private final Directory directory;
  private final ProofCatalogue catalogue;

  public RequestAsOf(
      EventStore events,
      MongoClient client,
      String database,
      Directory directory,
      ProofCatalogue catalogue) {
    this.events = events;
    this.client = client;
    this.databasePrefix = database + "_asof_";
    this.directory = directory;
    this.catalogue = catalogue;
  }

  /** The request as it was at {@code moment}; empty if it had not been raised yet. */
  public Optional<RequestView> at(RequestId id, Instant moment) {
    List<? extends DomainEventMessage<?>> until =
        events
            .readEvents(id.value(), 0)
            .asStream()
            .filter(m -> m.getPayload() instanceof RequestEvent e && !e.at().isAfter(moment))
            .toList();
    if (until.isEmpty()) {
      return Optional.empty();
    }
    String database = databasePrefix + UUID.randomUUID().toString().replace("-", "");
    try {
      MongoTemplate scratch = new MongoTemplate(client, database);
      AnnotationEventHandlerAdapter projection =
          new AnnotationEventHandlerAdapter(
              new RequestViewProjection(
                  scratch, directory, catalogue, Clock.fixed(moment, ZoneOffset.UTC)));
      for (DomainEventMessage<?> event : until) {
        projection.handle(event);
      }
      return Optional.ofNullable(
          scratch.findById(id.value(), RequestView.class, RequestViewProjection.COLLECTION));
    } catch (Exception e) {
      throw new IllegalStateException("request " + id + " could not be rebuilt as of " + moment, e);
    } finally {
      client.getDatabase(database).drop();
    }
  }
}
