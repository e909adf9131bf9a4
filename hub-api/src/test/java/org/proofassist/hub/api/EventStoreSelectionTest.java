package org.proofassist.hub.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.proofassist.hub.api.HubClient.Answer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The alternative engine ({@code hub.event-store=axon-mongo}) runs the same lifecycle, and a hub
 * started with one engine on data written by the other refuses to start, naming both.
 */
class EventStoreSelectionTest {

  @TempDir Path data;

  private ConfigurableApplicationContext start(String engine) {
    return new SpringApplicationBuilder(ProofAssistHubApplication.class)
        .run(
            "--server.port=0",
            "--hub.data-dir=" + data,
            "--hub.event-store=" + engine,
            "--spring.main.banner-mode=off");
  }

  @Test
  void theAlternativeEngineWorksAndTheOtherEngineRefusesItsData() {
    String id;
    try (ConfigurableApplicationContext hub = start("axon-mongo")) {
      HubClient client =
          new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort());
      Answer raised =
          client.post("window.clerk", "/api/v1/requests", DemoWalkThroughTest.samePersonBody());
      assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
      id = raised.text("/id");
      Answer accepted = client.post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "");
      assertThat(accepted.text("/status")).isEqualTo("ACCEPTED");
    }

    assertThatThrownBy(() -> start("sequenced").close())
        .hasStackTraceContaining("written by the 'axon-mongo' event store")
        .hasStackTraceContaining("hub.event-store=sequenced");

    try (ConfigurableApplicationContext hub = start("axon-mongo")) {
      HubClient client =
          new HubClient(((WebServerApplicationContext) hub).getWebServer().getPort());
      assertThat(client.get("window.clerk", "/api/v1/requests/" + id).text("/status"))
          .isEqualTo("ACCEPTED");
    }
  }
}
