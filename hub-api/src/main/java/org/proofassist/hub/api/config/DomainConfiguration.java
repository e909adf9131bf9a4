package org.proofassist.hub.api.config;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.proofassist.hub.api.calendar.CalendarEditions;
import org.proofassist.hub.api.calendar.DeadlineRecount;
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
import org.springframework.beans.factory.annotation.Value;
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

  /**
   * The installation's reference data: the files in {@code hub.reference-data.dir} where it has
   * them, the demo's otherwise.
   */
  @Bean
  ReferenceData.Data referenceData(@Value("${hub.reference-data.dir:}") String dir) {
    return ReferenceData.of(installationDir(dir));
  }

  @Bean
  Directory directory(ReferenceData.Data data) {
    return data.directory();
  }

  @Bean
  ProofCatalogue proofCatalogue(ReferenceData.Data data) {
    return data.catalogue();
  }

  /**
   * The editions of the working-day calendar; the installation's calendar file becomes a new
   * edition when it changed since it was last read.
   */
  @Bean
  CalendarEditions calendarEditions(
      MongoTemplate mongoTemplate, @Value("${hub.reference-data.dir:}") String dir, Clock clock) {
    return new CalendarEditions(
        mongoTemplate.getCollection(CalendarEditions.COLLECTION),
        OfficialCalendar.file(installationDir(dir)),
        clock);
  }

  @Bean
  DeadlineRecount deadlineRecount(
      CalendarEditions editions, CommandGateway commands, MongoTemplate mongoTemplate) {
    return new DeadlineRecount(editions, commands, mongoTemplate);
  }

  @Bean
  OfficeTimetable officeTimetable(@Value("${hub.reference-data.dir:}") String dir) {
    return OfficialCalendar.timetable(installationDir(dir));
  }

  private static Optional<Path> installationDir(String dir) {
    return dir.isBlank() ? Optional.empty() : Optional.of(Path.of(dir));
  }

  @Bean
  ServiceLevelPolicy serviceLevelPolicy(CalendarEditions editions) {
    return new ServiceLevelPolicy(editions::calendar, WorkingCalendar.CHINA);
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
