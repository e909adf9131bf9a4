package org.proofassist.hub.api.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.HubClient.Answer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** With Axon's MongoDB event store there is no global order to chain: the audit log says so. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AuditLogOnAxonMongoTest {

  @TempDir static Path data;

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", () -> data.toString());
    registry.add("hub.event-store", () -> "axon-mongo");
  }

  @LocalServerPort int port;
  @Autowired MongoTemplate mongo;

  @Test
  void theAuditChainIsUnavailableAndNothingIsChained() {
    Answer verify = new HubClient(port).get("auditor", "/api/v1/audit/verify");

    assertThat(verify.status()).as(verify.raw().body()).isEqualTo(409);
    assertThat(verify.header("Content-Type")).startsWith("application/problem+json");
    assertThat(verify.json().at("/code").asText()).isEqualTo("AUDIT_CHAIN_UNAVAILABLE");
    assertThat(verify.json().at("/detail").asText()).contains("hub.event-store=sequenced");
    assertThat(
            new HubClient(port)
                .get("auditor", "/api/v1/audit/requests/VR-0000000000000000000Z/export")
                .status())
        .isEqualTo(409);
    assertThat(mongo.collectionExists("audit_chain")).isFalse();
  }
}
