package org.proofassist.hub.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.mongodb.client.model.Filters;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Predicate;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.data.mongodb.core.MongoTemplate;
import org.springframework.test.annotation.DirtiesContext.HierarchyMode;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestContextManager;
import org.springframework.util.FileSystemUtils;

/**
 * Hostile input, property-based (jqwik), over real HTTP against one hub on the embedded default:
 * malformed JSON, huge and deeply nested bodies, invalid ID numbers, unknown enum values, MongoDB
 * operators in every field and {@code $}/dotted keys, forged and replayed seals, and other
 * departments acting on a request that is not theirs. Every refusal is a 4xx {@code
 * application/problem+json} naming the field where there is one, never a 5xx and never a 2xx, and
 * leaves the event store as it was. The hub must still be up and working at the end; a summary of
 * what was tried is printed.
 *
 * <p>jqwik is its own JUnit Platform engine, so Spring's JUnit Jupiter extension does not run here:
 * the Spring test context is obtained through Spring's {@link TestContextManager}, which caches it
 * like any {@code @SpringBootTest} context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class HostileInputTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CLERK = "window.clerk";
  private static final String OFFICER = "shuibu.officer";
  private static final String VERIFY = "/api/v1/seals/verify";
  private static final String VALID_ID = "350102196805121236";

  private static final Path DATA = temporaryDirectory();

  @DynamicPropertySource
  static void properties(DynamicPropertyRegistry registry) {
    registry.add("hub.data-dir", DATA::toString);
  }

  private static TestContextManager spring;
  private static MongoTemplate mongo;
  private static EventStorageEngine events;
  private static long commitsBeforeHostileCalls;
  private static int port;
  private static HubClient hub;
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

  /** A request of Shuibu's in each state the calls need; refused calls must leave them so. */
  private static String routed;

  private static String accepted;
  private static String answered;
  private static String otherAnswered;
  private static String jws;
  private static String otherJws;

  private static final Tally tally = new Tally();

  // ---------------------------------------------------------------- the hub and its requests

  @BeforeContainer
  static void startTheHub() {
    spring = new TestContextManager(HostileInputTest.class);
    ApplicationContext context = spring.getTestContext().getApplicationContext();
    port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    mongo = context.getBean(MongoTemplate.class);
    events = context.getBean(EventStorageEngine.class);
    hub = new HubClient(port);

    routed = raise();
    accepted = raise();
    ok(hub.post(OFFICER, "/api/v1/requests/" + accepted + "/accept", ""));
    answered = answer(raise());
    otherAnswered = answer(raise());
    jws = ok(hub.get(CLERK, "/api/v1/requests/" + answered + "/reply")).text("/jws");
    otherJws = ok(hub.get(CLERK, "/api/v1/requests/" + otherAnswered + "/reply")).text("/jws");
    commitsBeforeHostileCalls = storedCommits();
  }

  @AfterContainer
  static void theHubIsStillUpAndNothingWasLetThrough() {
    try {
      assertThat(storedCommits())
          .as("commits stored by hostile calls")
          .isEqualTo(commitsBeforeHostileCalls);
      Answer health = hub.get(null, "/actuator/health");
      assertThat(health.status()).isEqualTo(200);
      assertThat(health.text("/status")).isEqualTo("UP");
      // still working, not only up: a new request is raised, accepted and shown accepted
      String id = raise();
      assertThat(ok(hub.post(OFFICER, "/api/v1/requests/" + id + "/accept", "")).text("/status"))
          .isEqualTo("ACCEPTED");
      assertThat(ok(hub.get(CLERK, "/api/v1/requests/" + routed)).text("/status"))
          .isEqualTo("ROUTED");
      assertThat(ok(hub.get(CLERK, "/api/v1/requests/" + accepted)).text("/status"))
          .isEqualTo("ACCEPTED");
      System.out.println(tally.summary(health.text("/status")));
      assertThat(tally.letThrough()).as(tally.summary("UP")).isZero();
    } finally {
      spring.getTestContext().markApplicationContextDirty(HierarchyMode.EXHAUSTIVE);
      FileSystemUtils.deleteRecursively(DATA.toFile());
    }
  }

  private static Path temporaryDirectory() {
    try {
      return Files.createTempDirectory("hostile-input-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String raise() {
    Answer raised =
        hub.post(
            CLERK,
            "/api/v1/requests",
            DemoWalkThroughTest.samePersonBody(),
            Map.of("Idempotency-Key", UUID.randomUUID().toString()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }

  private static String answer(String id) {
    ok(hub.post(OFFICER, "/api/v1/requests/" + id + "/accept", ""));
    ok(hub.post(OFFICER, "/api/v1/requests/" + id + "/reply", validReply()));
    return id;
  }

  private static Answer ok(Answer answer) {
    assertThat(answer.status()).as(answer.raw().body()).isEqualTo(200);
    return answer;
  }

  /** The event store's head: the last position handed out (a refused call must not take one). */
  private static long head() {
    return events.createHeadToken().position().orElse(-1);
  }

  /** Every commit stored (positions voided after a failed write aside). */
  private static long storedCommits() {
    return mongo
        .getCollection("event_commits")
        .countDocuments(Filters.not(Filters.regex("stream", "^~void/")));
  }

  // ---------------------------------------------------------------- the calls and their bodies

  /** A call that changes a request, with a body the hub would take. */
  record Endpoint(String name, String user, String path, ObjectNode validBody) {

    /** A field this call cannot do without. */
    String requiredField() {
      return switch (name) {
        case "raise" -> "proofType";
        case "reply" -> "outcome";
        case "decline" -> "reasonCode";
        case "forward" -> "to";
        case "clarification" -> "question";
        case "withdraw" -> "reason";
        default -> "jws";
      };
    }

    @Override
    public String toString() {
      return name;
    }
  }

  private static ObjectNode validReply() {
    ObjectNode reply = JSON.createObjectNode();
    reply.put("outcome", "CONFIRMED");
    reply.put("statement", "经核查，350102196805121236与350102680512123系同一人。");
    reply.putObject("facts").put("legacyNumberConvertsTo", VALID_ID);
    return reply;
  }

  private static ObjectNode body(Map<String, ?> fields) {
    return JSON.valueToTree(fields);
  }

  private static List<Endpoint> allEndpoints() {
    String on = "/api/v1/requests/";
    return List.of(
        new Endpoint(
            "raise", CLERK, "/api/v1/requests", body(DemoWalkThroughTest.samePersonBody())),
        new Endpoint("reply", OFFICER, on + accepted + "/reply", validReply()),
        new Endpoint(
            "decline",
            OFFICER,
            on + accepted + "/decline",
            body(Map.of("reasonCode", "NO_RECORD", "reason", "查无此人户籍记录"))),
        new Endpoint(
            "forward",
            OFFICER,
            on + accepted + "/forward",
            body(Map.of("to", "FZ-PSB-GULOU-DONGJIE", "reason", "不属本所辖区"))),
        new Endpoint(
            "clarification",
            OFFICER,
            on + accepted + "/clarification",
            body(Map.of("question", "请提供原户籍地址"))),
        new Endpoint("withdraw", CLERK, on + routed + "/withdraw", body(Map.of("reason", "申请人撤回"))),
        new Endpoint("verify", CLERK, VERIFY, body(Map.of("jws", "placeholder"))));
  }

  /** Every field of every body, as a path such as {@code subject.otherIdNumbers[0]}. */
  private static List<Map.Entry<Endpoint, String>> everyField() {
    List<Map.Entry<Endpoint, String>> fields = new ArrayList<>();
    for (Endpoint endpoint : allEndpoints()) {
      collectFields(endpoint.validBody(), "", path -> fields.add(Map.entry(endpoint, path)));
    }
    return fields;
  }

  private static void collectFields(
      JsonNode node, String prefix, java.util.function.Consumer<String> found) {
    if (node.isObject()) {
      node.fields()
          .forEachRemaining(
              field -> {
                String path = prefix.isEmpty() ? field.getKey() : prefix + "." + field.getKey();
                found.accept(path);
                collectFields(field.getValue(), path, found);
              });
    } else if (node.isArray()) {
      for (int i = 0; i < node.size(); i++) {
        String path = prefix + "[" + i + "]";
        found.accept(path);
        collectFields(node.get(i), path, found);
      }
    }
  }

  /** A copy of {@code body} with the field at {@code path} replaced by {@code value}. */
  private static ObjectNode with(ObjectNode body, String path, JsonNode value) {
    ObjectNode copy = body.deepCopy();
    List<String> steps = new ArrayList<>(Arrays.asList(path.replace("[", ".[").split("\\.")));
    JsonNode parent = copy;
    for (String step : steps.subList(0, steps.size() - 1)) {
      parent = step.startsWith("[") ? parent.get(index(step)) : parent.get(step);
    }
    String last = steps.get(steps.size() - 1);
    if (last.startsWith("[")) {
      ((ArrayNode) parent).set(index(last), value);
    } else {
      ((ObjectNode) parent).set(last, value);
    }
    return copy;
  }

  private static int index(String step) {
    return Integer.parseInt(step.substring(1, step.length() - 1));
  }

  private static String text(JsonNode body) {
    try {
      return JSON.writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---------------------------------------------------------------- sending and judging

  /** What the hub answered: status, content type and body (JSON when it is JSON). */
  record Reaction(int status, String contentType, String body, JsonNode json) {

    String field() {
      return json == null ? null : json.path("field").asText(null);
    }

    String code() {
      return json == null ? null : json.path("code").asText(null);
    }

    @Override
    public String toString() {
      return status + " " + contentType + " " + abbreviated(body);
    }
  }

  private static String abbreviated(String text) {
    return text == null || text.length() <= 300 ? text : text.substring(0, 300) + "…";
  }

  private static Reaction send(
      String user, String method, String path, byte[] body, String type, boolean chunked) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
            .timeout(Duration.ofSeconds(60));
    if (user != null) {
      request.header(
          "Authorization",
          "Basic "
              + Base64.getEncoder()
                  .encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
    }
    if (body == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", type);
      request.method(
          method,
          chunked
              ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
              : HttpRequest.BodyPublishers.ofByteArray(body));
    }
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
      String contentType = response.headers().firstValue("Content-Type").orElse("");
      JsonNode json = null;
      if (contentType.contains("json") && !response.body().isEmpty()) {
        json = JSON.readTree(response.body());
      }
      return new Reaction(response.statusCode(), contentType, response.body(), json);
    } catch (IOException e) {
      throw new UncheckedIOException("the hub did not answer " + method + " " + path, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Reaction post(String user, String path, String json) {
    return send(
        user, "POST", path, json.getBytes(StandardCharsets.UTF_8), "application/json", false);
  }

  /**
   * Sends one hostile call and checks the refusal: a 4xx problem naming {@code field} (when given),
   * and not one event stored.
   */
  private static Reaction refused(
      String kind, Object input, java.util.function.Supplier<Reaction> call) {
    long before = head();
    Reaction reaction = call.get();
    long after = head();
    tally.count(kind, reaction.status(), after != before);
    String what = kind + " " + abbreviated(String.valueOf(input)) + " -> " + reaction;
    assertThat(reaction.status()).as(what).isBetween(400, 499);
    assertThat(reaction.contentType()).as(what).startsWith("application/problem+json");
    assertThat(reaction.json().path("status").asInt()).as(what).isEqualTo(reaction.status());
    assertThat(reaction.json().path("title").asText()).as(what).isNotBlank();
    assertThat(reaction.code()).as(what).isNotBlank();
    assertThat(after).as("events stored by a refused call: " + what).isEqualTo(before);
    return reaction;
  }

  private static void assertField(Reaction reaction, Predicate<String> expected, Object input) {
    assertThat(reaction.field()).as(input + " -> " + reaction).matches(expected);
  }

  // ---------------------------------------------------------------- malformed JSON

  @Property
  void malformedJsonIsRefused(
      @ForAll("endpoints") Endpoint endpoint, @ForAll("malformations") Malformation malformation) {
    byte[] body = malformation.apply(text(bodyFor(endpoint)));
    refused(
        "malformed JSON",
        endpoint + " " + malformation.kind() + " " + new String(body, StandardCharsets.UTF_8),
        () -> send(endpoint.user(), "POST", endpoint.path(), body, "application/json", false));
  }

  /** One way of breaking a valid body's text. */
  record Malformation(String kind, int at, String garbage) {

    byte[] apply(String valid) {
      int position = Math.min(at, valid.length() - 1);
      return switch (kind) {
        case "cut" -> valid.substring(0, position).getBytes(StandardCharsets.UTF_8);
        case "structural character removed" -> {
          int[] structural = structuralPositions(valid);
          int p = structural[at % structural.length];
          yield (valid.substring(0, p) + valid.substring(p + 1)).getBytes(StandardCharsets.UTF_8);
        }
        case "trailing garbage" -> (valid + garbage).getBytes(StandardCharsets.UTF_8);
        case "not UTF-8" -> {
          byte[] bytes = valid.getBytes(StandardCharsets.UTF_8);
          int p = valid.indexOf(':') + 2; // inside the first value's string
          bytes[Math.min(p, bytes.length - 1)] = (byte) (0x80 | (garbage.length() & 0x3f));
          yield bytes;
        }
        default -> garbage.getBytes(StandardCharsets.UTF_8);
      };
    }

    private static int[] structuralPositions(String json) {
      List<Integer> positions = new ArrayList<>();
      boolean inString = false;
      for (int i = 0; i < json.length(); i++) {
        char c = json.charAt(i);
        if (inString && c == '\\') {
          i++; // an escaped character is part of the string
        } else if (c == '"') {
          positions.add(i);
          inString = !inString;
        } else if (!inString && "{}[]:,".indexOf(c) >= 0) {
          positions.add(i);
        }
      }
      return positions.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  @Provide
  Arbitrary<Endpoint> endpoints() {
    return Arbitraries.of(allEndpoints());
  }

  @Provide
  Arbitrary<Malformation> malformations() {
    Arbitrary<String> garbage =
        Arbitraries.oneOf(
            Arbitraries.strings().ofMaxLength(200),
            Arbitraries.strings().withChars("{}[]:,\"\\ntrufalse0123456789.-eE ").ofMaxLength(60),
            Arbitraries.of(
                "}", "]", ",", "{", "xyz", "null", "{\"a\":1}", "\u0000", "/* */", "// c"));
    Arbitrary<String> trailing =
        Arbitraries.of("}", "]", ",", "xyz", "{}", "{\"outcome\":\"NOT_CONFIRMED\"}", "\"", "0");
    return Combinators.combine(
            Arbitraries.of(
                "cut", "structural character removed", "trailing garbage", "not UTF-8", "garbage"),
            Arbitraries.integers().between(0, 2000),
            garbage,
            trailing)
        .as(
            (kind, at, junk, tail) ->
                new Malformation(kind, at, kind.equals("trailing garbage") ? tail : junk));
  }

  private static ObjectNode bodyFor(Endpoint endpoint) {
    return endpoint.name().equals("verify")
        ? with(endpoint.validBody(), "jws", JSON.getNodeFactory().textNode(jws))
        : endpoint.validBody();
  }

  // ---------------------------------------------------------------- huge and deep bodies

  @Property(tries = 20)
  void hugeBodiesAreRefusedWith413(
      @ForAll("endpoints") Endpoint endpoint,
      @ForAll @IntRange(min = 65, max = 6 * 1024) int kibibytes,
      @ForAll boolean chunked) {
    String valid = text(bodyFor(endpoint));
    // a valid body stretched by white space inside it: only its size is wrong
    String huge = valid.charAt(0) + " ".repeat(kibibytes * 1024) + valid.substring(1);
    Reaction reaction =
        refused(
            "huge body",
            endpoint + " " + kibibytes + " KiB" + (chunked ? " chunked" : ""),
            () ->
                send(
                    endpoint.user(),
                    "POST",
                    endpoint.path(),
                    huge.getBytes(StandardCharsets.UTF_8),
                    "application/json",
                    chunked));
    assertThat(reaction.status()).as(reaction.toString()).isEqualTo(413);
    assertThat(reaction.code()).isEqualTo("BODY_TOO_LARGE");
  }

  @Property(tries = 6)
  void aPdfOverItsLimitIsRefusedWith413(
      @ForAll @IntRange(min = 4 * 1024 + 1, max = 6 * 1024) int kibibytes,
      @ForAll boolean chunked) {
    byte[] pdf = new byte[kibibytes * 1024];
    System.arraycopy("%PDF-1.7\n".getBytes(StandardCharsets.US_ASCII), 0, pdf, 0, 9);
    Reaction reaction =
        refused(
            "huge body",
            "PDF " + kibibytes + " KiB",
            () -> send(CLERK, "POST", VERIFY, pdf, "application/pdf", chunked));
    assertThat(reaction.status()).isEqualTo(413);
  }

  @Property
  void deeplyNestedBodiesAreRefused(
      @ForAll("endpoints") Endpoint endpoint,
      @ForAll @IntRange(min = 1_001, max = 12_000) int depth,
      @ForAll boolean arrays,
      @ForAll boolean insideAField) {
    String open = arrays ? "[" : "{\"a\":";
    String close = arrays ? "]" : "}";
    String nested = open.repeat(depth) + "1" + close.repeat(depth);
    String body;
    if (insideAField) {
      String valid = text(bodyFor(endpoint));
      body = "{\"deep\":" + nested + "," + valid.substring(1);
    } else {
      body = nested;
    }
    Reaction reaction =
        refused(
            "deeply nested body",
            endpoint + " depth " + depth + (arrays ? " arrays" : " objects"),
            () -> post(endpoint.user(), endpoint.path(), body));
    if (body.getBytes(StandardCharsets.UTF_8).length <= 64 * 1024) {
      assertThat(reaction.status()).as(reaction.toString()).isEqualTo(400);
      // an array where the body's object is due is refused at its first bracket
      assertThat(reaction.code())
          .isEqualTo(arrays && !insideAField ? "MALFORMED_JSON" : "NESTING_TOO_DEEP");
    } else {
      assertThat(reaction.status()).as(reaction.toString()).isEqualTo(413);
    }
  }

  // ---------------------------------------------------------------- invalid ID numbers and ids

  @Property
  void invalidIdNumbersAreRefusedNamingTheField(
      @ForAll("invalidIdNumbers") String idNumber, @ForAll boolean asLegacyNumber) {
    String path = asLegacyNumber ? "subject.otherIdNumbers[0]" : "subject.idNumber";
    ObjectNode body =
        with(
            JSON.valueToTree(DemoWalkThroughTest.samePersonBody()),
            path,
            JSON.getNodeFactory().textNode(idNumber));
    Reaction reaction =
        refused("invalid ID number", idNumber, () -> post(CLERK, "/api/v1/requests", text(body)));
    assertThat(reaction.status()).as(reaction.toString()).isEqualTo(400);
    assertThat(reaction.field()).as(reaction.toString()).isEqualTo(path);
    assertThat(reaction.code()).matches("ID_NUMBER_.*|INVALID_FIELD");
  }

  @Provide
  Arbitrary<String> invalidIdNumbers() {
    Arbitrary<String> wrongCheckCharacter =
        Combinators.combine(
                Arbitraries.strings().numeric().ofLength(6),
                Arbitraries.longs()
                    .between(
                        java.time.LocalDate.of(1900, 1, 1).toEpochDay(),
                        java.time.LocalDate.of(2020, 12, 31).toEpochDay())
                    .map(
                        day ->
                            java.time.LocalDate.ofEpochDay(day)
                                .format(java.time.format.DateTimeFormatter.BASIC_ISO_DATE)),
                Arbitraries.strings().numeric().ofLength(3))
            .as((region, born, serial) -> region + born + serial)
            .flatMap(
                first17 ->
                    Arbitraries.of(
                            "0123456789X".chars().mapToObj(c -> String.valueOf((char) c)).toList())
                        .filter(c -> c.charAt(0) != CitizenIdNumber.checkCharacter(first17))
                        .map(c -> first17 + c));
    Arbitrary<String> wrongLength =
        Arbitraries.strings()
            .numeric()
            .ofMinLength(1)
            .ofMaxLength(40)
            .filter(s -> s.length() != 15 && s.length() != 18);
    Arbitrary<String> notDigits =
        Arbitraries.oneOf(
            Arbitraries.strings().alpha().ofLength(18),
            Arbitraries.strings().withChars("０１２３４５６７８９").ofLength(18),
            Arbitraries.strings().numeric().ofLength(14).map(s -> s + "'$or"),
            Arbitraries.of(
                "350102196805121236' || '1'=='1",
                "{\"$gt\": \"\"}",
                "35010219680512123X;",
                "3501021968051212\u00003"));
    Arbitrary<String> impossibleBirthDate =
        Arbitraries.of("19681305", "19680230", "18000101", "00000000", "19680132")
            .flatMap(
                date ->
                    Arbitraries.strings()
                        .numeric()
                        .ofLength(3)
                        .map(
                            serial -> {
                              String first17 = "350102" + date + serial;
                              return first17 + CitizenIdNumber.checkCharacter(first17);
                            }));
    Arbitrary<String> impossibleLegacyDate =
        Arbitraries.of("681305", "680230", "680132", "000000")
            .flatMap(
                date -> Arbitraries.strings().numeric().ofLength(3).map(s -> "350102" + date + s));
    Arbitrary<String> blank = Arbitraries.of("", " ", "\t", "\u3000");
    return Arbitraries.oneOf(
        wrongCheckCharacter,
        wrongLength,
        notDigits,
        impossibleBirthDate,
        impossibleLegacyDate,
        blank);
  }

  @Property
  void unknownRequestIdsAreNotFound(
      @ForAll("requestIds") String id, @ForAll("requestCalls") String call) {
    String path =
        "/api/v1/requests/"
            + URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20")
            + call;
    Reaction reaction =
        refused(
            "unknown request id",
            path,
            () ->
                call.isEmpty() || call.startsWith("/reply?") || call.equals("/events")
                    ? send(CLERK, "GET", path, null, null, false)
                    : post(OFFICER, path, text(validReply())));
    assertThat(reaction.status()).as(reaction.toString()).isIn(400, 404);
  }

  @Provide
  Arbitrary<String> requestIds() {
    return Arbitraries.oneOf(
        Arbitraries.strings().alpha().numeric().ofMinLength(1).ofMaxLength(40),
        Arbitraries.strings().ofMinLength(1).ofMaxLength(60),
        Arbitraries.strings().withChars("VR-0123456789ABCDEFGHJKMNPQRSTVWXYZ").ofLength(23),
        Arbitraries.of(
            "VR-", "..", "%00", "{\"$gt\":\"\"}", "$where", "a.b", "VR-0000000000000000000"));
  }

  @Provide
  Arbitrary<String> requestCalls() {
    return Arbitraries.of("", "/events", "/reply?purpose=x", "/reply", "/accept", "/decline");
  }

  // ---------------------------------------------------------------- unknown enum values

  @Property
  void unknownEnumValuesAreRefusedNamingTheField(
      @ForAll("enumFields") String field, @ForAll("notAnEnumValue") JsonNode value) {
    Endpoint endpoint =
        allEndpoints().stream()
            .filter(e -> e.name().equals(field.equals("outcome") ? "reply" : "decline"))
            .findFirst()
            .orElseThrow();
    ObjectNode body = with(endpoint.validBody(), field, value);
    Reaction reaction =
        refused(
            "unknown enum value",
            field + "=" + value,
            () -> post(endpoint.user(), endpoint.path(), text(body)));
    assertThat(reaction.status()).as(reaction.toString()).isEqualTo(400);
    assertThat(reaction.field()).as(reaction.toString()).isEqualTo(field);
  }

  @Provide
  Arbitrary<String> enumFields() {
    return Arbitraries.of("outcome", "reasonCode");
  }

  @Provide
  Arbitrary<JsonNode> notAnEnumValue() {
    Set<String> known =
        Set.of(
            "CONFIRMED",
            "NOT_CONFIRMED",
            "NO_RECORD",
            "INSUFFICIENT_DATA",
            "NOT_COMPETENT",
            "OTHER");
    var nodes = JSON.getNodeFactory();
    return Arbitraries.oneOf(
        // Jackson reads " NO_RECORD" as NO_RECORD: the same value, not an unknown one
        Arbitraries.strings()
            .ofMaxLength(30)
            .filter(s -> !known.contains(s.strip()))
            .map(nodes::textNode),
        Arbitraries.of("confirmed", "Confirmed", "NO-RECORD", "NO RECORD", "0", "1", "3", "-1")
            .map(nodes::textNode),
        Arbitraries.integers().between(-2, 6).map(nodes::numberNode),
        Arbitraries.of(nodes.booleanNode(true), nodes.numberNode(1.5), nodes.arrayNode()));
  }

  @Property(tries = 20)
  void unknownProofTypesAreRefusedNamingTheField(@ForAll("unknownCodes") String code) {
    ObjectNode body =
        with(
            JSON.valueToTree(DemoWalkThroughTest.samePersonBody()),
            "proofType",
            JSON.getNodeFactory().textNode(code));
    Reaction reaction =
        refused(
            "unknown enum value",
            "proofType=" + code,
            () -> post(CLERK, "/api/v1/requests", text(body)));
    assertThat(reaction.field()).as(reaction.toString()).isEqualTo("proofType");
  }

  @Provide
  Arbitrary<String> unknownCodes() {
    return Arbitraries.oneOf(
        Arbitraries.strings()
            .withChars("ABCDEFGHIJKLMNOPQRSTUVWXYZ_")
            .ofMinLength(1)
            .ofMaxLength(40)
            .filter(s -> !s.equals("SAME_PERSON")),
        Arbitraries.of("same_person", "SAME PERSON", "$gt", "SAME_PERSON\u0000", "../SAME_PERSON"));
  }

  // ---------------------------------------------------------------- NoSQL injection

  @Property
  void operatorsInEveryFieldAreRefusedNamingTheField(
      @ForAll("fieldsOfEveryBody") Map.Entry<Endpoint, String> target,
      @ForAll("operators") JsonNode operator) {
    Endpoint endpoint = target.getKey();
    String path = target.getValue();
    ObjectNode body = with(bodyFor(endpoint), path, operator);
    Reaction reaction =
        refused(
            "NoSQL operator",
            endpoint + " " + path + "=" + operator,
            () -> post(endpoint.user(), endpoint.path(), text(body)));
    String top = path.split("[.\\[]")[0];
    assertField(reaction, f -> f != null && f.startsWith(top), endpoint + " " + path);
  }

  @Provide
  Arbitrary<Map.Entry<Endpoint, String>> fieldsOfEveryBody() {
    return Arbitraries.of(everyField());
  }

  @Provide
  Arbitrary<JsonNode> operators() {
    List<String> operators =
        List.of(
            "{\"$gt\": \"\"}",
            "{\"$ne\": null}",
            "{\"$ne\": 1}",
            "{\"$where\": \"sleep(1000) || true\"}",
            "{\"$regex\": \".*\"}",
            "{\"$in\": [\"CONFIRMED\", \"NOT_CONFIRMED\"]}",
            "{\"$exists\": true}",
            "{\"$expr\": {\"$eq\": [1, 1]}}",
            "{\"$function\": {\"body\": \"function() { return true; }\", \"args\": [], \"lang\": \"js\"}}",
            "{\"$set\": {\"status\": \"CLOSED\"}}",
            "[{\"$gt\": \"\"}]");
    return Arbitraries.of(operators).map(HostileInputTest::parse);
  }

  private static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Keys that MongoDB would read as operators or paths, in the reply's free-form {@code facts}
   * (stored as a map in the event and the views) and in place of a required field of any body.
   */
  @Property
  void operatorAndDottedKeysAreRefused(
      @ForAll("hostileKeys") String key,
      @ForAll("endpoints") Endpoint endpoint,
      @ForAll boolean inFacts) {
    if (inFacts) {
      ObjectNode body = validReply();
      ((ObjectNode) body.get("facts")).put(key, "1");
      Reaction reaction =
          refused(
              "$ or dotted key",
              "facts." + key,
              () -> post(OFFICER, "/api/v1/requests/" + accepted + "/reply", text(body)));
      assertThat(reaction.status()).as(reaction.toString()).isEqualTo(400);
      assertThat(reaction.field()).as(reaction.toString()).isEqualTo("facts");
      return;
    }
    // the key takes the place of a required field
    ObjectNode valid = bodyFor(endpoint);
    String first = endpoint.requiredField();
    ObjectNode body = JSON.createObjectNode();
    valid
        .fields()
        .forEachRemaining(
            f -> body.set(f.getKey().equals(first) ? key + first : f.getKey(), f.getValue()));
    refused(
        "$ or dotted key",
        endpoint + " " + key + first,
        () -> post(endpoint.user(), endpoint.path(), text(body)));
  }

  @Provide
  Arbitrary<String> hostileKeys() {
    return Arbitraries.oneOf(
        Arbitraries.of(
            "$gt", "$where", "$set", "$", "a.b", ".", "..", "$.a", "subject.", "facts.x"),
        Arbitraries.strings().alpha().ofMinLength(1).ofMaxLength(10).map(s -> "$" + s),
        Combinators.combine(
                Arbitraries.strings().alpha().ofMaxLength(8),
                Arbitraries.strings().alpha().ofMaxLength(8))
            .as((a, b) -> a + "." + b));
  }

  // ---------------------------------------------------------------- forged and replayed seals

  /** One character of the signed parts (header, payload, signature) changed: never INTACT. */
  @Property(tries = 12)
  void aSealAlteredInItsSignedBytesIsNeverIntact(
      @ForAll("signedParts") String part,
      @ForAll @IntRange(min = 0, max = 100_000) int at,
      @ForAll @IntRange(min = 1, max = 63) int shift) {
    ObjectNode sealed = (ObjectNode) parse(jws);
    String encoded = sealed.get(part).asText();
    // the last character of a base64url segment may carry unused bits: leave it
    int position = at % Math.max(1, encoded.length() - 1);
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    char original = encoded.charAt(position);
    char replacement = alphabet.charAt((alphabet.indexOf(original) + shift) % 64);
    sealed.put(
        part, encoded.substring(0, position) + replacement + encoded.substring(position + 1));
    Reaction reaction = verified("forged seal", part + "@" + position, text(sealed));
    assertThat(reaction.json().path("verdict").asText())
        .as(reaction.toString())
        .isNotEqualTo("INTACT");
    assertThat(reaction.json().path("intact").asBoolean()).isFalse();
  }

  @Provide
  Arbitrary<String> signedParts() {
    return Arbitraries.of("protected", "payload", "signature");
  }

  /** Any one byte of the sealed reply changed, anywhere: a verdict or a 4xx, never a 5xx. */
  @Property(tries = 12)
  void aSealAlteredAnywhereIsAnsweredWithAVerdictNeverAFailure(
      @ForAll @IntRange(min = 0, max = 1_000_000) int at,
      @ForAll @IntRange(min = 1, max = 255) int xor) {
    byte[] bytes = jws.getBytes(StandardCharsets.UTF_8);
    int position = at % bytes.length;
    bytes[position] = (byte) (bytes[position] ^ xor);
    String altered = new String(bytes, StandardCharsets.ISO_8859_1);
    Reaction reaction = verified("forged seal", "byte " + position + " ^ " + xor, altered);
    if (reaction.status() == 200) {
      assertThat(reaction.json().path("verdict").asText()).isNotBlank();
    }
  }

  /**
   * A seal taken from another request is that request's seal: it verifies, but names the other
   * request, so it cannot pass as this one's reply.
   */
  @Property(tries = 4)
  void aSealReplayedFromAnotherRequestNamesThatRequest(@ForAll boolean altered) {
    String replayed = otherJws;
    if (altered) {
      ObjectNode sealed = (ObjectNode) parse(otherJws);
      String payload = sealed.get("payload").asText();
      sealed.put("payload", (payload.charAt(0) == 'e' ? "f" : "e") + payload.substring(1));
      replayed = text(sealed);
    }
    Reaction reaction = verified("replayed seal", altered ? "altered" : "as issued", replayed);
    if (altered) {
      assertThat(reaction.json().path("verdict").asText()).isNotEqualTo("INTACT");
    } else {
      assertThat(reaction.json().path("verdict").asText()).isEqualTo("INTACT");
      assertThat(reaction.json().at("/content/requestId").asText())
          .isEqualTo(otherAnswered)
          .isNotEqualTo(answered);
    }
  }

  /**
   * Verifying a seal is a question, not a refusal: it is answered 200 with a verdict (or a 4xx when
   * the body is not even a sealed reply's envelope), never a 5xx, and stores nothing.
   */
  private static Reaction verified(String kind, String input, String sealed) {
    ObjectNode body = JSON.createObjectNode().put("jws", sealed);
    long before = head();
    Reaction reaction = post(CLERK, VERIFY, text(body));
    long after = head();
    tally.countVerdict(kind, reaction.status(), after != before);
    assertThat(reaction.status()).as(kind + " " + input + " -> " + reaction).isIn(200, 400, 422);
    if (reaction.status() != 200) {
      assertThat(reaction.contentType()).startsWith("application/problem+json");
    }
    assertThat(after).as("events stored by verifying a seal").isEqualTo(before);
    return reaction;
  }

  // ---------------------------------------------------------------- other departments

  @Property
  void otherDepartmentsCannotSeeOrActOnARequestNotTheirs(
      @ForAll("strangers") String stranger,
      @ForAll("requestsInEveryState") String state,
      @ForAll("actions") String action) {
    String id =
        switch (state) {
          case "ROUTED" -> routed;
          case "ACCEPTED" -> accepted;
          default -> answered;
        };
    String path = "/api/v1/requests/" + id;
    Reaction reaction =
        refused(
            "another department's credentials",
            stranger + " " + action + " on a " + state + " request",
            () ->
                switch (action) {
                  case "read" -> send(stranger, "GET", path, null, null, false);
                  case "history" -> send(stranger, "GET", path + "/events", null, null, false);
                  case "reply letter" ->
                      send(stranger, "GET", path + "/reply.pdf", null, null, false);
                  case "sealed reply" -> send(stranger, "GET", path + "/reply", null, null, false);
                  case "deadline" -> send(stranger, "GET", path + "/deadline", null, null, false);
                  case "accept", "acknowledge" -> post(stranger, path + "/" + action, "");
                  case "reply" -> post(stranger, path + "/reply", text(validReply()));
                  case "decline" ->
                      post(
                          stranger,
                          path + "/decline",
                          "{\"reasonCode\":\"NO_RECORD\",\"reason\":\"x\"}");
                  case "withdraw" -> post(stranger, path + "/withdraw", "{\"reason\":\"x\"}");
                  case "forward" ->
                      post(
                          stranger,
                          path + "/forward",
                          "{\"to\":\"FZ-PSB-GULOU-DONGJIE\",\"reason\":\"x\"}");
                  case "clarification" ->
                      post(stranger, path + "/clarification", "{\"question\":\"x\"}");
                  case "extend" ->
                      post(
                          stranger,
                          path + "/extend",
                          "{\"until\":\"2099-01-01T00:00:00Z\",\"reason\":\"x\"}");
                  default -> throw new IllegalArgumentException(action);
                });
    assertThat(reaction.status()).as(reaction.toString()).isEqualTo(404);
  }

  @Provide
  Arbitrary<String> strangers() {
    return Arbitraries.of(
        "dongjie.officer",
        "yingzhou.officer",
        "ca.gulou.officer",
        "realestate.clerk",
        "gulou.window.clerk",
        "taijiang.supervisor");
  }

  @Provide
  Arbitrary<String> requestsInEveryState() {
    return Arbitraries.of("ROUTED", "ACCEPTED", "ANSWERED");
  }

  @Provide
  Arbitrary<String> actions() {
    return Arbitraries.of(
        "read",
        "history",
        "reply letter",
        "sealed reply",
        "deadline",
        "accept",
        "acknowledge",
        "reply",
        "decline",
        "withdraw",
        "forward",
        "clarification",
        "extend");
  }

  // ---------------------------------------------------------------- the summary

  /** What was tried, per kind, and how the hub answered. */
  static final class Tally {

    private final Map<String, int[]> kinds = new LinkedHashMap<>();
    private int refused4xx;
    private int verdicts;
    private int accepted;
    private int failed5xx;
    private int storedByRefusals;

    synchronized void count(String kind, int status, boolean stored) {
      kinds.computeIfAbsent(kind, k -> new int[1])[0]++;
      if (status >= 400 && status < 500) {
        refused4xx++;
      } else if (status >= 500) {
        failed5xx++;
      } else {
        accepted++;
      }
      if (stored) {
        storedByRefusals++;
      }
    }

    synchronized void countVerdict(String kind, int status, boolean stored) {
      kinds.computeIfAbsent(kind, k -> new int[1])[0]++;
      if (status == 200) {
        verdicts++;
      } else if (status >= 400 && status < 500) {
        refused4xx++;
      } else {
        failed5xx++;
      }
      if (stored) {
        storedByRefusals++;
      }
    }

    synchronized int letThrough() {
      return accepted + failed5xx + storedByRefusals;
    }

    synchronized String summary(String health) {
      int tried = kinds.values().stream().mapToInt(n -> n[0]).sum();
      Map<String, Integer> perKind = new TreeMap<>();
      kinds.forEach((kind, n) -> perKind.put(kind, n[0]));
      return "Hostile input: "
          + tried
          + " inputs tried "
          + perKind
          + "; "
          + refused4xx
          + " refused with a 4xx problem, "
          + verdicts
          + " seal checks answered with a verdict; accepted: "
          + accepted
          + ", 5xx: "
          + failed5xx
          + ", events stored by refused calls: "
          + storedByRefusals
          + "; health "
          + health;
    }
  }
}
