package org.proofassist.hub.api.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;
import org.proofassist.hub.api.HubClient;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The hub the pages tests talk to, over real HTTP on the embedded default. Every class of pages
 * tests (browser or not) shares this one hub, one Spring context, started once: its data directory
 * is made once under {@code target/pages-tests/} rather than as a {@code @TempDir}, which JUnit
 * would delete after the first class while the cached context still writes to it.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
abstract class HubPagesTest {

  private static final Path DATA = dataDirectory();

  private static Path dataDirectory() {
    try {
      Path parent = Files.createDirectories(Path.of("target", "pages-tests"));
      return Files.createTempDirectory(parent, "hub-").toAbsolutePath();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", DATA::toString);
  }

  @LocalServerPort int port;

  String base() {
    return "http://localhost:" + port;
  }

  HubClient api() {
    return new HubClient(port);
  }

  static String unique() {
    return UUID.randomUUID().toString();
  }
}
