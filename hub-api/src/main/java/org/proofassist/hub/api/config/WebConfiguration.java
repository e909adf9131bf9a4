package org.proofassist.hub.api.config;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.queryhandling.QueryGateway;
import org.proofassist.hub.api.audit.PersonalDataReads;
import org.proofassist.hub.api.problem.RequestBodyLimit;
import org.proofassist.hub.api.request.RequestAsOf;
import org.proofassist.hub.api.request.RequestViews;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.directory.Directory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.data.mongodb.core.MongoTemplate;

/** The pieces the controllers use. */
@Configuration(proxyBeanMethods = false)
public class WebConfiguration {

  @Bean
  FilterRegistrationBean<RequestBodyLimit> requestBodyLimit() {
    FilterRegistrationBean<RequestBodyLimit> registration =
        new FilterRegistrationBean<>(new RequestBodyLimit());
    registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
    return registration;
  }

  @Bean
  RequestViews requestViews(QueryGateway queries, HubProperties hub) {
    return new RequestViews(queries, Duration.ofMillis(hub.viewWaitMillis()));
  }

  @Bean
  RequestAsOf requestAsOf(
      EventStore eventStore,
      MongoClient client,
      HubProperties hub,
      Directory directory,
      ProofCatalogue catalogue) {
    return new RequestAsOf(eventStore, client, hub.mongodb().database(), directory, catalogue);
  }

  @Bean
  PersonalDataReads personalDataReads(MongoTemplate mongoTemplate, Clock clock) {
    return new PersonalDataReads(mongoTemplate, clock);
  }
}
