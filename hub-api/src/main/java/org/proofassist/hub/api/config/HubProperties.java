package org.proofassist.hub.api.config;

import java.nio.file.Path;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own settings ({@code hub.*}).
 *
 * @param dataDir where the embedded store, seals and other files are kept
 * @param mongodb which MongoDB to use
 * @param embeddedMongo the embedded MongoDB wire server, used when no URI is configured
 * @param sealPassword the password of the development seal key stores
 * @param viewWaitMillis how long a command's answer waits for its views to catch up
 * @param eventStore which event storage engine: {@code sequenced} (default) or {@code axon-mongo}
 * @param eventStoreGapTimeout how long trackers wait for a position that was allocated but not yet
 *     written, before taking its writer for dead
 * @param snapshotThreshold take a snapshot of an aggregate every this many events (0: never)
 * @param aggregateCache keep loaded aggregates in a cache
 * @param publicUrl the address at which clients reach this hub; seal certificates name {@code
 *     <publicUrl>/api/v1/pki/crl} as where the hub's certificate revocation list is published
 */
@ConfigurationProperties("hub")
public record HubProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Mongodb mongodb,
    @DefaultValue EmbeddedMongo embeddedMongo,
    @DefaultValue("changeit") String sealPassword,
    @DefaultValue("10000") long viewWaitMillis,
    @DefaultValue("sequenced") String eventStore,
    @DefaultValue("60s") java.time.Duration eventStoreGapTimeout,
    @DefaultValue("50") int snapshotThreshold,
    @DefaultValue("true") boolean aggregateCache,
    @DefaultValue("http://localhost:8080") java.net.URI publicUrl) {

  public HubProperties {
    if (!"sequenced".equals(eventStore) && !"axon-mongo".equals(eventStore)) {
      throw new IllegalArgumentException(
          "hub.event-store is 'sequenced' or 'axon-mongo', not '" + eventStore + "'");
    }
  }

  /**
   * @param uri a MongoDB connection string; empty for the embedded server
   * @param database the database the hub uses
   */
  public record Mongodb(@DefaultValue("") String uri, @DefaultValue("proofhub") String database) {

    public boolean embedded() {
      return uri == null || uri.isBlank();
    }
  }

  /**
   * @param host the address the embedded server listens on
   * @param port its port; 0 picks a free one
   * @param inMemory keep nothing on disk (for throw-away runs)
   */
  public record EmbeddedMongo(
      @DefaultValue("127.0.0.1") String host,
      @DefaultValue("0") int port,
      @DefaultValue("false") boolean inMemory) {}
}
