package org.proofassist.hub.api.config;

import com.mongodb.client.MongoClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Clock;
import org.axonframework.common.caching.NoCache;
import org.axonframework.common.caching.WeakReferenceCache;
import org.axonframework.config.AggregateConfigurer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.upcasting.event.EventUpcasterChain;
import org.proofassist.hub.api.mongo.eventstore.Durability;
import org.proofassist.hub.api.mongo.eventstore.EventStoreGuard;
import org.proofassist.hub.api.mongo.eventstore.GroupCommit;
import org.proofassist.hub.api.mongo.eventstore.SequencedMongoEventStorageEngine;
import org.proofassist.hub.api.request.RaisedRevision1Upcaster;
import org.proofassist.hub.api.request.ReplyIssuedRevision1Upcaster;
import org.proofassist.hub.core.request.VerificationRequest;
import org.proofassist.hub.core.seal.DepartmentSeal;
import org.proofassist.hub.projections.batch.ProjectionBatchInterceptor;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Axon on MongoDB, wired by hand (the {@code axon-mongo} extension has no Boot starter after 4.10):
 * the event store, the token store of the tracking processors, and the aggregate.
 *
 * <p>Axon's template is deliberately not called {@code mongoTemplate}, which is Spring Data's.
 */
@Configuration(proxyBeanMethods = false)
public class AxonConfiguration {

  @Bean
  MongoTemplate axonMongoTemplate(MongoClient client, HubProperties hub) {
    return DefaultMongoTemplate.builder().mongoDatabase(client, hub.mongodb().database()).build();
  }

  /**
   * The event store: the hub's own global-sequence engine ({@code hub.event-store=sequenced}, the
   * default) or Axon's MongoDB extension ({@code axon-mongo}), kept as the alternative so both can
   * be measured. A database written by one is refused by the other.
   */
  @Bean
  EventStorageEngine eventStorageEngine(
      HubProperties hub,
      MongoClient client,
      MongoTemplate axonMongoTemplate,
      Serializer serializer,
      @Qualifier("eventSerializer") Serializer eventSerializer,
      Durability durability,
      Clock clock) {
    EventStoreGuard.claim(client.getDatabase(hub.mongodb().database()), hub.eventStore());
    if ("axon-mongo".equals(hub.eventStore())) {
      MongoEventStorageEngine engine =
          MongoEventStorageEngine.builder()
              .mongoTemplate(axonMongoTemplate)
              .eventSerializer(eventSerializer)
              .snapshotSerializer(serializer)
              .upcasterChain(upcasters())
              .build();
      engine.ensureIndexes();
      return engine;
    }
    SequencedMongoEventStorageEngine engine =
        SequencedMongoEventStorageEngine.builder()
            .database(client.getDatabase(hub.mongodb().database()))
            .durability(durability)
            .clock(clock)
            .gapTimeout(hub.eventStoreGapTimeout())
            .eventSerializer(eventSerializer)
            .snapshotSerializer(serializer)
            .upcasterChain(upcasters())
            .build();
    engine.ensureIndexes();
    return engine;
  }

  /**
   * Where the tracking processors keep their position: Axon's MongoDB token store, shared by all
   * nodes, which also hands out the processors' segments (a node claims a segment and renews the
   * claim; a dead node's claims time out and another node takes them). Without it each node would
   * start every processor from the first event at every start.
   */
  @Bean
  TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
    return MongoTokenStore.builder()
        .mongoTemplate(axonMongoTemplate)
        .serializer(serializer)
        .nodeId(ManagementFactory.getRuntimeMXBean().getName())
        .ensureIndexes(true)
        .build();
  }

  /** Older revisions of stored events, read as the current ones. */
  static EventUpcasterChain upcasters() {
    return new EventUpcasterChain(
        new RaisedRevision1Upcaster(), new ReplyIssuedRevision1Upcaster());
  }

  /**
   * Durable on acknowledgement. On the embedded on-disk store a group commit writes the backend
   * before a command is answered; on a real MongoDB the engine's journaled majority write concern
   * already does.
   */
  @Bean
  Durability durability(ObjectProvider<EmbeddedMongoServer> embedded, HubProperties hub) {
    EmbeddedMongoServer server = embedded.getIfAvailable();
    if (server == null || hub.embeddedMongo().inMemory()) {
      return Durability.BY_WRITE_CONCERN;
    }
    return new GroupCommit(server::commit);
  }

  /**
   * A projection that fails on an event must not skip it: the error goes to the processor, which
   * backs off and retries the same event until it succeeds (Axon's default would log and move on,
   * and the view would silently miss the event).
   */
  @Bean
  ConfigurerModule projectionsNeverSkipEvents() {
    return configurer ->
        configurer
            .eventProcessing()
            .registerDefaultListenerInvocationErrorHandler(c -> PropagatingErrorHandler.instance());
  }

  /**
   * The projections' processors handle up to {@code hub.projection-batch-size} events in one batch
   * and make the batch's writes together ({@link ProjectionBatchInterceptor}), storing their token
   * once per batch and after the writes. A replay reads full batches; a live hub handles what has
   * arrived, so a single event is not held back waiting for others.
   */
  @Bean
  ConfigurerModule projectionsWriteInBatches(HubProperties hub, MeterRegistry meters, Clock clock) {
    return configurer ->
        configurer
            .eventProcessing()
            .registerTrackingEventProcessorConfiguration(
                c ->
                    TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                        .andBatchSize(hub.projectionBatchSize()))
            .registerDefaultHandlerInterceptor(
                (c, name) -> new ProjectionBatchInterceptor(name, meters, clock));
  }

  /**
   * The request aggregate, snapshotted every {@code hub.snapshot-threshold} events and kept in a
   * cache ({@code hub.aggregate-cache}); a stale cached copy (another node wrote meanwhile) is
   * refused by the event store's uniqueness and evicted.
   */
  @Bean
  ConfigurerModule verificationRequestAggregate(HubProperties hub) {
    return configurer ->
        configurer.configureAggregate(
            AggregateConfigurer.defaultConfiguration(VerificationRequest.class)
                .configureCache(
                    c -> hub.aggregateCache() ? new WeakReferenceCache() : NoCache.INSTANCE)
                .configureSnapshotTrigger(
                    c ->
                        hub.snapshotThreshold() > 0
                            ? new EventCountSnapshotTriggerDefinition(
                                c.snapshotter(), hub.snapshotThreshold())
                            : NoSnapshotTriggerDefinition.INSTANCE));
  }

  @Bean
  ConfigurerModule departmentSealAggregate() {
    return configurer ->
        configurer.configureAggregate(
            AggregateConfigurer.defaultConfiguration(DepartmentSeal.class));
  }
}
