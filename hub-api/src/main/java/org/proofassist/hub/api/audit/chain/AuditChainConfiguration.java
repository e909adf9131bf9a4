package org.proofassist.hub.api.audit.chain;

import com.mongodb.client.MongoClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.proofassist.hub.api.config.HubProperties;
import org.proofassist.hub.api.mongo.eventstore.Durability;
import org.proofassist.hub.fixtures.seal.DevelopmentSealAuthority;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The tamper-evident audit log ({@code docs/audit.md}): the chain over the event store, its writer,
 * its signed checkpoints, their key, verification and export. Settings ({@code hub.audit.*}):
 *
 * <ul>
 *   <li>{@code checkpoint-every} (1000): sign a checkpoint after this many new entries;
 *   <li>{@code checkpoint-interval} (10m): and after this long when there are new entries;
 *   <li>{@code lease-duration} (30s): how long a node's claim to write the chain lasts unrenewed;
 *   <li>{@code node-id} (generated): this node's name in that claim.
 * </ul>
 *
 * The chain needs the hub's own event store; with {@code hub.event-store=axon-mongo} the writer
 * does not start and the endpoints answer 409.
 */
@Configuration(proxyBeanMethods = false)
public class AuditChainConfiguration {

  /** How long an export waits for the chain, or for a checkpoint, to reach a request's events. */
  private static final Duration EXPORT_PATIENCE = Duration.ofSeconds(20);

  @Bean
  AuditKey auditKey(DevelopmentSealAuthority authority, HubProperties hub, Clock clock) {
    return AuditKey.openOrCreate(authority, hub.sealPassword().toCharArray(), clock);
  }

  @Bean
  AuditChainStore auditChainStore(MongoClient client, HubProperties hub) {
    return new AuditChainStore(client.getDatabase(hub.mongodb().database()));
  }

  @Bean
  AuditChainWriter auditChainWriter(
      AuditChainStore store,
      AuditKey key,
      Durability durability,
      Clock clock,
      HubProperties hub,
      @Value("${hub.audit.checkpoint-every:1000}") int checkpointEvery,
      @Value("${hub.audit.checkpoint-interval:10m}") Duration checkpointInterval,
      @Value("${hub.audit.lease-duration:30s}") Duration leaseDuration,
      @Value("${hub.audit.node-id:}") String node) {
    return new AuditChainWriter(
        store,
        key,
        durability,
        clock,
        new AuditChainWriter.Settings(
            sequenced(hub),
            checkpointEvery,
            checkpointInterval,
            hub.eventStoreGapTimeout(),
            Duration.ofMillis(200),
            leaseDuration,
            node));
  }

  @Bean
  AuditChain auditChain(
      AuditChainStore store,
      AuditChainWriter writer,
      AuditKey key,
      Clock clock,
      HubProperties hub) {
    return new AuditChain(
        sequenced(hub),
        store,
        writer,
        new AuditChainVerifier(store, List.of(key.trustAnchor()), clock, AuditChainWriter.WINDOW),
        new AuditBundleExporter(store, writer, key.trustAnchor(), clock, EXPORT_PATIENCE));
  }

  private static boolean sequenced(HubProperties hub) {
    return "sequenced".equals(hub.eventStore());
  }
}
