package org.proofassist.hub.api.config;

import java.time.Clock;
import org.proofassist.hub.core.calendar.OfficeTimetable;
import org.proofassist.hub.core.calendar.ServiceLevelPolicy;
import org.proofassist.hub.core.calendar.WorkingCalendar;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.core.routing.RoutingPolicy;
import org.proofassist.hub.fixtures.OfficialCalendar;
import org.proofassist.hub.fixtures.ReferenceData;
import org.proofassist.hub.projections.history.RequestHistoryProjection;
import org.proofassist.hub.projections.request.RequestViewProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The reference data (directory, proof catalogue, working-day calendar and office hours), the
 * policies built on it, the clock, and the projections.
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
  WorkingCalendar workingCalendar() {
    return OfficialCalendar.calendar();
  }

  @Bean
  OfficeTimetable officeTimetable() {
    return OfficialCalendar.timetable();
  }

  @Bean
  ServiceLevelPolicy serviceLevelPolicy(WorkingCalendar calendar) {
    return new ServiceLevelPolicy(calendar);
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
