package org.proofassist.hub.api.stats;

import java.time.Clock;
import org.proofassist.hub.projections.statistics.RequestStatisticsProjection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The statistics (issue #5): their projection, a tracking processor of its own ({@value
 * RequestStatisticsProjection#PROCESSING_GROUP}) that starts from the first event, so an
 * installation that had no statistics before counts its whole history.
 */
@Configuration(proxyBeanMethods = false)
public class StatsConfiguration {

  @Bean
  RequestStatisticsProjection requestStatisticsProjection(
      MongoTemplate mongoTemplate, Clock clock) {
    return new RequestStatisticsProjection(mongoTemplate, clock);
  }
}
