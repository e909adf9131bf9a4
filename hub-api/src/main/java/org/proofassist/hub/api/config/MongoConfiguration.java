package org.proofassist.hub.api.config;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
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
    return MongoClients.create(
        MongoClientSettings.builder()
            .applyConnectionString(new ConnectionString(uri))
            .applicationName("proof-assist-hub")
            // The hub stores no UUIDs itself; JobRunr (deadlines) asks for the standard encoding.
            .uuidRepresentation(UuidRepresentation.STANDARD)
            .build());
  }

  @Bean
  MongoDatabaseFactory mongoDatabaseFactory(MongoClient client, HubProperties hub) {
    return new SimpleMongoClientDatabaseFactory(client, hub.mongodb().database());
  }
}
