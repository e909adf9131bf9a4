package org.proofassist.hub.api.config;

import java.time.Clock;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.routing.RoutingPolicy;
import org.proofassist.hub.fixtures.ReferenceData;
import org.proofassist.hub.projections.history.RequestHistoryProjection;
import org.proofassist.hub.projections.request.RequestViewProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The reference data (directory and proof catalogue), the policies built on it, the clock, and the
 * projections.
 */
@Configuration(proxyBeanMethods = false)
public class DomainConfiguration {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Directory directory() {
    return ReferenceData.directory();
  }

  @Bean
  ProofCatalogue proofCatalogue() {
    return ReferenceData.catalogue();
  }

  @Bean
  RoutingPolicy routingPolicy(Directory directory) {
    return new RoutingPolicy(directory);
  }

  @Bean
  RequestViewProjection requestViewProjection(
      MongoTemplate mongoTemplate, Directory directory, ProofCatalogue catalogue, Clock clock) {
    return new RequestViewProjection(mongoTemplate, directory, catalogue, clock);
  }

  @Bean
  RequestHistoryProjection requestHistoryProjection(MongoTemplate mongoTemplate) {
    return new RequestHistoryProjection(mongoTemplate);
  }
}
