package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** One browser-like session over plain HTTP: a cookie jar, no redirects followed, CSRF tokens. */
final class PageSession {

  private static final Pattern CSRF_FIELD =
      Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"|value=\"([^\"]+)\"\\s+name=\"_csrf\"");
  private static final Pattern CSRF_META =
      Pattern.compile("name=\"csrf-token\" content=\"([^\"]+)\"");

  private final String base;
  private final CookieManager cookies = new CookieManager();
  private final HttpClient http;

  PageSession(String base) {
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .cookieHandler(cookies)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  HttpResponse<String> get(String path, String... headers) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).GET();
    if (headers.length > 0) {
      request.headers(headers);
    }
    return send(request);
  }

  /** A form sent as a browser sends it, with the CSRF token of the page at {@code from}. */
  HttpResponse<String> post(String path, Map<String, String> form, String from) {
    Map<String, String> fields = new LinkedHashMap<>(form);
    fields.put("_csrf", csrf(from));
    return postWithoutToken(path, fields);
  }

  HttpResponse<String> postWithoutToken(String path, Map<String, String> form) {
    String body =
        form.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    return send(
        HttpRequest.newBuilder(URI.create(base + path))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
  }

  /** The CSRF token a page of this session carries (form field or meta tag). */
  String csrf(String from) {
    String page = get(from).body();
    Matcher field = CSRF_FIELD.matcher(page);
    if (field.find()) {
      return field.group(1) != null ? field.group(1) : field.group(2);
    }
    Matcher meta = CSRF_META.matcher(page);
    assertThat(meta.find()).as("a CSRF token on " + from).isTrue();
    return meta.group(1);
  }

  /** Signs in through the form; answers the response to the form (a redirect). */
  HttpResponse<String> signIn(String user, String password) {
    return post("/login", Map.of("username", user, "password", password), "/login");
  }

  /** Signs in and checks it worked. */
  PageSession signedIn(String user) {
    HttpResponse<String> answer = signIn(user, "demo");
    assertThat(answer.statusCode()).isEqualTo(302);
    assertThat(answer.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    return this;
  }

  private HttpResponse<String> send(HttpRequest.Builder request) {
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Where a redirect leads: its path and query (Tomcat sends absolute addresses). */
  static String location(HttpResponse<?> response) {
    URI location = URI.create(response.headers().firstValue("Location").orElse(""));
    return location.getRawPath()
        + (location.getRawQuery() == null ? "" : "?" + location.getRawQuery());
  }
}
