package org.proofassist.hub.api.crash;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.proofassist.hub.api.HubClient;
import org.proofassist.hub.api.ProofAssistHubApplication;

/**
 * A hub in a JVM of its own, started from the test's class path, so that it can be killed the way a
 * crash kills it: {@code SIGKILL}, with no shutdown hook, no flush and no close.
 */
final class HubProcess implements AutoCloseable {

  private static final Duration START_LIMIT = Duration.ofSeconds(60);
  private static final Duration EXIT_LIMIT = Duration.ofSeconds(15);

  private final Process process;
  private final int port;
  private final Path log;

  /**
   * Kills the hub if the test JVM exits first (Ctrl-C, a fork timeout); on a hub that is gone
   * already it does nothing.
   */
  private final Thread killOnExit;

  private Duration startedIn = Duration.ZERO;

  private HubProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
    this.killOnExit = new Thread(process::destroyForcibly, "kill-hub-" + process.pid());
  }

  /**
   * Starts a hub on {@code dataDir} with further {@code arguments} and returns once {@code
   * /actuator/health} answers 200; its output goes to {@code log}. If it does not come up within a
   * minute it is killed.
   */
  static HubProcess start(Path dataDir, Path log, String... arguments) {
    return start("/actuator/health", dataDir, log, arguments);
  }

  /** Like {@link #start(Path, Path, String...)}, ready when {@code healthPath} answers 200. */
  static HubProcess start(String healthPath, Path dataDir, Path log, String... arguments) {
    int port = freePort();
    List<String> command =
        new ArrayList<>(
            List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1",
                "-cp",
                System.getProperty("java.class.path"),
                ProofAssistHubApplication.class.getName(),
                "--server.port=" + port,
                "--hub.data-dir=" + dataDir,
                "--spring.main.banner-mode=off"));
    command.addAll(List.of(arguments));
    long begin = System.nanoTime();
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start a hub JVM", e);
    }
    HubProcess hub = new HubProcess(process, port, log);
    Runtime.getRuntime().addShutdownHook(hub.killOnExit);
    try {
      hub.awaitHealthy(healthPath, begin);
    } catch (RuntimeException | Error e) {
      hub.close();
      throw e;
    }
    hub.startedIn = Duration.ofNanos(System.nanoTime() - begin);
    return hub;
  }

  private void awaitHealthy(String healthPath, long begin) {
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    HttpRequest health =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + healthPath))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    long deadline = begin + START_LIMIT.toNanos();
    String last = "no answer yet";
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "the hub exited with " + process.exitValue() + " while starting:\n" + logTail());
      }
      try {
        HttpResponse<String> answer = http.send(health, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() == 200) {
          return;
        }
        last = answer.statusCode() + " " + answer.body();
      } catch (IOException notListeningYet) {
        last = notListeningYet.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the hub", e);
      }
      pause(200);
    }
    throw new IllegalStateException(
        "the hub did not become healthy within "
            + START_LIMIT.toSeconds()
            + " s (last: "
            + last
            + "):\n"
            + logTail());
  }

  int port() {
    return port;
  }

  long pid() {
    return process.pid();
  }

  Duration startedIn() {
    return startedIn;
  }

  HubClient client() {
    return new HubClient(port);
  }

  /**
   * {@code kill -9}: {@link Process#destroyForcibly()} is {@code SIGKILL} on Linux. Returns the
   * exit code once the process is gone (128 + 9 = 137 after a {@code SIGKILL}).
   */
  int kill() {
    process.destroyForcibly();
    try {
      return process.onExit().get(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS).exitValue();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while killing the hub", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("the hub " + pid() + " did not die after SIGKILL", e);
    }
  }

  /** Whether the operating system still knows a live process with this hub's pid. */
  boolean osProcessAlive() {
    return ProcessHandle.of(pid()).map(ProcessHandle::isAlive).orElse(false);
  }

  /** The last lines of the hub's output, for failure messages. */
  String logTail() {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e + ")";
    }
  }

  /** Kills the hub if it still runs: called on every path out of a test. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(EXIT_LIMIT.toSeconds(), TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free port", e);
    }
  }

  static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
