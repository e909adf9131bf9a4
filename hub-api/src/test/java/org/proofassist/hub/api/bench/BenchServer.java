package org.proofassist.hub.api.bench;

import com.mongodb.ConnectionString;
import com.mongodb.MongoClientSettings;
import com.mongodb.client.MongoClient;
import com.mongodb.client.MongoClients;
import com.mongodb.client.MongoDatabase;
import de.bwaldvogel.mongo.MongoBackend;
import de.bwaldvogel.mongo.MongoServer;
import de.bwaldvogel.mongo.backend.h2.H2Backend;
import de.bwaldvogel.mongo.backend.memory.MemoryBackend;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * One embedded MongoDB wire server (mongo-java-server, as the hub embeds it) on one backend,
 * reached by the real MongoDB driver over TCP on the loopback interface.
 */
final class BenchServer implements AutoCloseable {

  /** The backends the benchmark can run on. */
  enum Backend {
    /** mongo-java-server's own memory backend. */
    MEMORY("memory", false),
    /** H2 MVStore in memory (what the hub uses with hub.embedded-mongo.in-memory=true). */
    H2_MEMORY("h2-mem", false),
    /** H2 MVStore in one file on disk: the hub's embedded default. */
    H2("h2", true);

    final String label;
    final boolean onDisk;

    Backend(String label, boolean onDisk) {
      this.label = label;
      this.onDisk = onDisk;
    }

    static Backend of(String label) {
      for (Backend backend : values()) {
        if (backend.label.equals(label)) {
          return backend;
        }
      }
      throw new IllegalArgumentException(
          "unknown backend '" + label + "': use memory, h2-mem or h2");
    }
  }

  static final String DATABASE = "bench";

  private final Backend kind;
  private final MongoBackend backend;
  private final MongoServer server;
  private final MongoClient client;
  private final Path directory;
  private final Path storeFile;

  BenchServer(Backend kind, Path parent, String name) {
    this.kind = kind;
    try {
      this.directory = kind.onDisk ? Files.createTempDirectory(parent, "event-store-bench-") : null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary directory in " + parent, e);
    }
    this.storeFile = kind.onDisk ? directory.resolve(name + ".mv") : null;
    this.backend =
        switch (kind) {
          case MEMORY -> new MemoryBackend();
          case H2_MEMORY -> H2Backend.inMemory();
          case H2 -> new H2Backend(storeFile.toString());
        };
    this.server = new MongoServer(backend);
    InetSocketAddress address = server.bind();
    this.client =
        MongoClients.create(
            MongoClientSettings.builder()
                .applyConnectionString(
                    new ConnectionString(
                        "mongodb://" + address.getHostString() + ":" + address.getPort()))
                .applicationName("event-store-benchmark")
                .build());
  }

  Backend kind() {
    return kind;
  }

  MongoClient client() {
    return client;
  }

  MongoDatabase database() {
    return client.getDatabase(DATABASE);
  }

  /** Writes everything acknowledged so far to disk (H2 only; a no-op in memory). */
  void commit() {
    if (backend instanceof H2Backend h2) {
      h2.commit();
    }
  }

  /** The size of the store file, or -1 in memory. */
  long storeBytes() {
    if (storeFile == null) {
      return -1;
    }
    try {
      return Files.size(storeFile);
    } catch (IOException e) {
      return -1;
    }
  }

  @Override
  public void close() {
    client.close();
    server.shutdownNow();
    backend.close();
    if (directory != null) {
      try (Stream<Path> files = Files.walk(directory)) {
        for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(file);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot delete the benchmark store " + directory, e);
      }
    }
  }
}
