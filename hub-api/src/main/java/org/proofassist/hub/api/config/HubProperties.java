package org.proofassist.hub.api.config;

import java.nio.file.Path;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The hub's own settings ({@code hub.*}).
 *
 * @param dataDir where the embedded store, seals and other files are kept
 * @param mongodb which MongoDB to use
 * @param embeddedMongo the embedded MongoDB wire server, used when no URI is configured
 * @param sealPassword the password of the development seal key stores
 * @param sealStore where the departments' seal keys are kept: PKCS#12 files or a PKCS#11 token
 * @param viewWaitMillis how long a command's answer waits for its views to catch up
 * @param eventStore which event storage engine: {@code sequenced} (default) or {@code axon-mongo}
 * @param eventStoreGapTimeout how long trackers wait for a position that was allocated but not yet
 *     written, before taking its writer for dead
 * @param snapshotThreshold take a snapshot of an aggregate every this many events (0: never)
 * @param aggregateCache keep loaded aggregates in a cache
 * @param publicUrl the address at which clients reach this hub; seal certificates name {@code
 *     <publicUrl>/api/v1/pki/crl} as where the hub's certificate revocation list is published
 * @param projectionBatchSize at most this many events are handled by a projection's processor in
 *     one batch, whose writes are made together and whose token is stored once (a replay reads full
 *     batches; a live hub handles what has arrived, often one event)
 */
@ConfigurationProperties("hub")
public record HubProperties(
    @DefaultValue("./data") Path dataDir,
    @DefaultValue Mongodb mongodb,
    @DefaultValue EmbeddedMongo embeddedMongo,
    @DefaultValue("changeit") String sealPassword,
    @DefaultValue SealStore sealStore,
    @DefaultValue("10000") long viewWaitMillis,
    @DefaultValue("sequenced") String eventStore,
    @DefaultValue("60s") java.time.Duration eventStoreGapTimeout,
    @DefaultValue("50") int snapshotThreshold,
    @DefaultValue("true") boolean aggregateCache,
    @DefaultValue("http://localhost:8080") java.net.URI publicUrl,
    @DefaultValue("200") int projectionBatchSize) {

  public HubProperties {
    if (!"sequenced".equals(eventStore) && !"axon-mongo".equals(eventStore)) {
      throw new IllegalArgumentException(
          "hub.event-store is 'sequenced' or 'axon-mongo', not '" + eventStore + "'");
    }
  }

  /**
   * Where the departments' seal keys are kept ({@code hub.seal-store.*}; {@code docs/pkcs11.md}).
   *
   * @param type {@code pkcs12} (default): one PKCS#12 file per department under {@code
   *     <data-dir>/pki/seals}, opened with {@code hub.seal-password}; {@code pkcs11}: key entries
   *     on a PKCS#11 token (a hardware security module), aliased by department id
   * @param pkcs11Config the SunPKCS11 configuration file naming the token's library and slot;
   *     needed for {@code pkcs11}
   * @param pin the token's user PIN; empty when the token authenticates by itself
   */
  public record SealStore(
      @DefaultValue("pkcs12") String type, Path pkcs11Config, @DefaultValue("") String pin) {

    public static final String PKCS12 = "pkcs12";
    public static final String PKCS11 = "pkcs11";

    public SealStore {
      type = type == null ? PKCS12 : type.strip().toLowerCase(Locale.ROOT);
      if (!PKCS12.equals(type) && !PKCS11.equals(type)) {
        throw new IllegalArgumentException(
            "hub.seal-store.type is 'pkcs12' (seal key files) or 'pkcs11' (a hardware security"
                + " module), not '"
                + type
                + "'");
      }
      if (PKCS11.equals(type) && pkcs11Config == null) {
        throw new IllegalArgumentException(
            "hub.seal-store.type=pkcs11 needs hub.seal-store.pkcs11-config, the SunPKCS11"
                + " configuration file of the token");
      }
      pin = pin == null ? "" : pin;
    }

    /** Whether the seal keys are on a PKCS#11 token. */
    public boolean onToken() {
      return PKCS11.equals(type);
    }

    @Override
    public String toString() {
      return "SealStore[type="
          + type
          + ", pkcs11Config="
          + pkcs11Config
          + ", pin="
          + (pin.isEmpty() ? "" : "******")
          + "]";
    }
  }

  /**
   * @param uri a MongoDB connection string; empty for the embedded server
   * @param database the database the hub uses
   * @param serverSelectionTimeout how long an operation waits for a usable server before it fails
   *     (and the API answers 503), unless the connection string sets {@code
   *     serverSelectionTimeoutMS}; also the connect timeout
   */
  public record Mongodb(
      @DefaultValue("") String uri,
      @DefaultValue("proofhub") String database,
      @DefaultValue("5s") java.time.Duration serverSelectionTimeout) {

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
