package org.proofassist.hub.api.config;

import com.mongodb.client.MongoClient;
import org.bson.Document;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * The store's health by {@code ping}, which every MongoDB and the embedded server answer (Spring
 * Boot's own indicator sends {@code hello}, which the embedded server does not know).
 */
@Component("store")
public class StoreHealth implements HealthIndicator {

  private final MongoClient client;
  private final HubProperties hub;

  public StoreHealth(MongoClient client, HubProperties hub) {
    this.client = client;
    this.hub = hub;
  }

  @Override
  public Health health() {
    Document answer =
        client.getDatabase(hub.mongodb().database()).runCommand(new Document("ping", 1));
    return Health.up()
        .withDetail("database", hub.mongodb().database())
        .withDetail("embedded", hub.mongodb().embedded())
        .withDetail("ok", answer.get("ok"))
        .build();
  }
}
