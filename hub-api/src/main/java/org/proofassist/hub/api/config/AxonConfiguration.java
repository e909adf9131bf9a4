package org.proofassist.hub.api.config;

import com.mongodb.client.MongoClient;
import java.lang.management.ManagementFactory;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.extensions.mongo.DefaultMongoTemplate;
import org.axonframework.extensions.mongo.MongoTemplate;
import org.axonframework.extensions.mongo.eventsourcing.eventstore.MongoEventStorageEngine;
import org.axonframework.extensions.mongo.eventsourcing.tokenstore.MongoTokenStore;
import org.axonframework.serialization.Serializer;
import org.proofassist.hub.core.request.VerificationRequest;
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

  @Bean
  EventStorageEngine eventStorageEngine(
      MongoTemplate axonMongoTemplate,
      Serializer serializer,
      @Qualifier("eventSerializer") Serializer eventSerializer) {
    MongoEventStorageEngine engine =
        MongoEventStorageEngine.builder()
            .mongoTemplate(axonMongoTemplate)
            .eventSerializer(eventSerializer)
            .snapshotSerializer(serializer)
            .build();
    engine.ensureIndexes();
    return engine;
  }

  @Bean
  TokenStore tokenStore(MongoTemplate axonMongoTemplate, Serializer serializer) {
    return MongoTokenStore.builder()
        .mongoTemplate(axonMongoTemplate)
        .serializer(serializer)
        .nodeId(ManagementFactory.getRuntimeMXBean().getName())
        .ensureIndexes(true)
        .build();
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

  @Bean
  ConfigurerModule verificationRequestAggregate() {
    return configurer -> configurer.configureAggregate(VerificationRequest.class);
  }
}
