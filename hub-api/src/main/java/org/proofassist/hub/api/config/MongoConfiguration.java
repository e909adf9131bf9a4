package org.proofassist.hub.api.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import java.util.concurrent.TimeUnit;
import org.bson.UuidRepresentation;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.mongodb.MongoDatabaseFactory;
import org.springframework.data.mongodb.core.SimpleMongoClientDatabaseFactory;

/**
 * One {@link MongoClient} for everything: Axon's event and token stores and the projections. It
 * reaches the configured MongoDB ({@code hub.mongodb.uri}) or, when none is configured, the
 * embedded server started here.
 */
@Configuration(proxyBeanMethods = false)
public class MongoConfiguration {

  @Bean(destroyMethod = "close")
  @ConditionalOnExpression("'${hub.mongodb.uri:}'.isBlank()")
  EmbeddedMongoServer embeddedMongoServer(HubProperties hub) {
    return new EmbeddedMongoServer(
        hub.dataDir().resolve("mongo").resolve("hub.mv"),
        hub.embeddedMongo().host(),
        hub.embeddedMongo().port(),
        hub.embeddedMongo().inMemory());
  }

  @Bean(destroyMethod = "close")
  MongoClient mongoClient(HubProperties hub, ObjectProvider<EmbeddedMongoServer> embedded) {
    String uri =
        hub.mongodb().embedded() ? embedded.getObject().connectionString() : hub.mongodb().uri();
    ConnectionString connection = new ConnectionString(uri);
    long timeoutMillis = hub.mongodb().serverSelectionTimeout().toMillis();
    MongoClientSettings.Builder settings =
        MongoClientSettings.builder()
            .applyConnectionString(connection)
            .applicationName("proof-assist-hub")
            // The hub stores no UUIDs itself; JobRunr (deadlines) asks for the standard encoding.
            .uuidRepresentation(UuidRepresentation.STANDARD);
    // Fail fast when the store is away (the API answers 503), rather than the driver's 30 s.
    if (connection.getServerSelectionTimeout() == null) {
      settings.applyToClusterSettings(
          cluster -> cluster.serverSelectionTimeout(timeoutMillis, TimeUnit.MILLISECONDS));
    }
    if (connection.getConnectTimeout() == null) {
      settings.applyToSocketSettings(
          socket -> socket.connectTimeout((int) timeoutMillis, TimeUnit.MILLISECONDS));
    }
    return MongoClients.create(settings.build());
  }

  @Bean
  MongoDatabaseFactory mongoDatabaseFactory(MongoClient client, HubProperties hub) {
    return new SimpleMongoClientDatabaseFactory(client, hub.mongodb().database());
  }
}
