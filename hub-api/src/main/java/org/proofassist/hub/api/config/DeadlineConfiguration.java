package org.proofassist.hub.api.config;

import com.mongodb.MongoCommandException;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoDatabase;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.ConfigurationScopeAwareProvider;
import org.axonframework.deadline.DeadlineManagerSpanFactory;
import org.axonframework.deadline.jobrunr.JobRunrDeadlineManager;
import org.axonframework.serialization.Serializer;
import org.jobrunr.JobRunrException;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.StorageProviderUtils.DatabaseOptions;
import org.jobrunr.storage.nosql.mongo.MongoDBStorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;
import org.proofassist.hub.api.deadline.ScopeTrackingJobRunrDeadlineManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Deadlines that survive restarts and fire once across nodes: Axon's {@code JobRunrDeadlineManager}
 * (created by Axon's auto-configuration once JobRunr's {@code JobScheduler} exists) on JobRunr's
 * MongoDB storage, in the hub's own database, collections prefixed {@value #PREFIX}.
 *
 * <p>On a real MongoDB JobRunr creates its collections and indexes itself. The embedded server
 * cannot run JobRunr's index migrations (one drops an index the server never built), so there the
 * collections are created here and JobRunr is told to skip its migrations; the embedded server
 * would not use those indexes anyway.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
public class DeadlineConfiguration {

  private static final Logger log = LoggerFactory.getLogger(DeadlineConfiguration.class);

  /** The prefix of JobRunr's collections. */
  public static final String PREFIX = "jobrunr_";

  private static final List<String> COLLECTIONS =
      List.of("jobs", "recurring_jobs", "background_job_servers", "metadata");

  @Bean
  StorageProvider jobRunrStorage(
      MongoClient client,
      HubProperties hub,
      ObjectProvider<EmbeddedMongoServer> embedded,
      ObjectProvider<JsonMapper> jsonMapper) {
    String database = hub.mongodb().database();
    MongoDBStorageProvider storage;
    if (embedded.getIfAvailable() != null) {
      storage = withoutMigrations(client, database);
    } else {
      try {
        storage = new MongoDBStorageProvider(client, database, PREFIX, DatabaseOptions.CREATE);
      } catch (JobRunrException e) {
        if (!indexNotFound(e)) {
          throw e;
        }
        // a server that keeps no secondary indexes (a MongoDB wire server such as the embedded
        // one, reached by URI) cannot run JobRunr's index migrations; it would not use them
        log.warn(
            "JobRunr's index migrations cannot run on this MongoDB server ({}); its collections"
                + " are created without them",
            e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
        storage = withoutMigrations(client, database);
      }
    }
    storage.setJobMapper(
        new org.jobrunr.jobs.mappers.JobMapper(jsonMapper.getIfAvailable(JacksonJsonMapper::new)));
    return storage;
  }

  /**
   * Axon's JobRunr deadline manager, able to cancel by scope ({@link
   * ScopeTrackingJobRunrDeadlineManager}); built as Axon's auto-configuration would build it.
   */
  @Bean
  ScopeTrackingJobRunrDeadlineManager deadlineManager(
      JobScheduler jobScheduler,
      org.axonframework.config.Configuration configuration,
      @Qualifier("eventSerializer") Serializer serializer,
      TransactionManager transactionManager,
      DeadlineManagerSpanFactory spanFactory,
      MongoClient client,
      HubProperties hub,
      Clock clock,
      @Value("${jobrunr.background-job-server.poll-interval-in-seconds:15}") int pollSeconds) {
    return new ScopeTrackingJobRunrDeadlineManager(
        JobRunrDeadlineManager.builder()
            .scopeAwareProvider(new ConfigurationScopeAwareProvider(configuration))
            .serializer(serializer)
            .transactionManager(transactionManager)
            .spanFactory(spanFactory),
        jobScheduler,
        client
            .getDatabase(hub.mongodb().database())
            .getCollection(ScopeTrackingJobRunrDeadlineManager.COLLECTION),
        clock,
        Duration.ofSeconds(pollSeconds));
  }

  private static MongoDBStorageProvider withoutMigrations(MongoClient client, String database) {
    createCollections(client.getDatabase(database));
    return new MongoDBStorageProvider(client, database, PREFIX, DatabaseOptions.SKIP_CREATE);
  }

  private static boolean indexNotFound(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof MongoCommandException command && command.getErrorCode() == 27) {
        return true;
      }
    }
    return false;
  }

  private static void createCollections(MongoDatabase database) {
    Set<String> existing = new HashSet<>();
    database.listCollectionNames().into(existing);
    for (String collection : COLLECTIONS) {
      if (!existing.contains(PREFIX + collection)) {
        database.createCollection(PREFIX + collection);
      }
    }
  }
}
