package org.proofassist.hub.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/** Talks to a running hub over HTTP as one of the demo users, as an outside client would. */
public final class HubClient {

  /** An answer: status, headers and the body parsed as JSON (null when empty). */
  public record Answer(int status, HttpResponse<String> raw, JsonNode json) {

    public String header(String name) {
      return raw.headers().firstValue(name).orElse(null);
    }

    public String text(String pointer) {
      return json.at(pointer).asText();
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();
  private final HttpClient http = HttpClient.newHttpClient();
  private final String base;

  public HubClient(int port) {
    this.base = "http://localhost:" + port;
  }

  public Answer get(String user, String path) {
    return send(user, HttpRequest.newBuilder(URI.create(base + path)).GET(), Map.of());
  }

  public Answer post(String user, String path, Object body) {
    return post(user, path, body, Map.of());
  }

  public Answer post(String user, String path, Object body, Map<String, String> headers) {
    try {
      String text = body instanceof String s ? s : JSON.writeValueAsString(body);
      return send(
          user,
          HttpRequest.newBuilder(URI.create(base + path))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(text, StandardCharsets.UTF_8)),
          headers);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Fetches a binary resource, such as a sealed PDF. */
  public HttpResponse<byte[]> download(String user, String path) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    request.header("Authorization", basic(user));
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Posts bytes of a given media type. */
  public Answer post(String user, String path, byte[] body, String mediaType) {
    return send(
        user,
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", mediaType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body)),
        Map.of());
  }

  private static String basic(String user) {
    return "Basic "
        + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8));
  }

  public Answer send(String user, HttpRequest.Builder request, Map<String, String> headers) {
    if (user != null) {
      request.header("Authorization", basic(user));
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      JsonNode json = response.body().isEmpty() ? null : JSON.readTree(response.body());
      return new Answer(response.statusCode(), response, json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
