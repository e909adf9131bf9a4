package org.proofassist.hub.api.config;

import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default store: a MongoDB wire-protocol server (mongo-java-server) with its on-disk
 * H2 backend, reached by the real MongoDB driver over TCP, exactly as a real MongoDB would be.
 */
public class EmbeddedMongoServer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(EmbeddedMongoServer.class);

  private final H2Backend backend;
  private final MongoServer server;
  private final InetSocketAddress address;

  public EmbeddedMongoServer(Path storeFile, String host, int port, boolean inMemory) {
    if (inMemory) {
      backend = H2Backend.inMemory();
    } else {
      try {
        Files.createDirectories(storeFile.toAbsolutePath().getParent());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the data directory for " + storeFile, e);
      }
      backend = new H2Backend(storeFile.toAbsolutePath().toString());
    }
    server = new MongoServer(backend);
    server.bind(host, port);
    address = server.getLocalAddress();
    log.info(
        "Embedded MongoDB wire server listening on {}:{} ({})",
        address.getHostString(),
        address.getPort(),
        inMemory ? "in memory" : storeFile.toAbsolutePath());
  }

  /** The connection string the driver uses to reach this server. */
  public String connectionString() {
    return "mongodb://" + address.getHostString() + ":" + address.getPort();
  }

  /** Writes everything acknowledged so far to disk. */
  public void commit() {
    backend.commit();
  }

  @Override
  public void close() {
    server.shutdownNow();
    backend.close();
    log.info("Embedded MongoDB wire server stopped; store closed");
  }
}
