package org.proofassist.hub.api.audit;

import java.time.Clock;
import org.axonframework.queryhandling.QueryGateway;
import org.proofassist.hub.core.catalogue.ProofCatalogue;
import org.proofassist.hub.core.directory.Directory;
import org.proofassist.hub.projections.citizen.CitizenRequestsProjection;
import org.proofassist.hub.projections.search.RequestSearch;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.core.MongoTemplate;

/**
 * The audit office's search: the citizens' requests (a tracking processor of its own, {@value
 * CitizenRequestsProjection#PROCESSING_GROUP}, that starts from the first event, so an installation
 * that had none indexes its whole history), the query over the request views, and the service the
 * API and the page share.
 */
@Configuration(proxyBeanMethods = false)
public class AuditSearchConfiguration {

  @Bean
  CitizenRequestsProjection citizenRequestsProjection(MongoTemplate mongoTemplate) {
    return new CitizenRequestsProjection(mongoTemplate);
  }

  @Bean
  RequestSearch requestSearch(MongoTemplate mongoTemplate) {
    return new RequestSearch(mongoTemplate);
  }

  @Bean
  AuditSearch auditSearch(
      QueryGateway queries,
      PersonalDataReads reads,
      Directory directory,
      ProofCatalogue catalogue,
      Clock clock) {
    return new AuditSearch(queries, reads, directory, catalogue, clock);
  }
}
