package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.proofassist.hub.api.HubClient.Answer;

/**
 * The pages' rules over plain HTTP (no browser needed): sign-in and each role's pages, the API
 * unchanged beside them, the language, and refusals shown at the form with the API's codes.
 */
class PageRulesTest extends HubPagesTest {

  private PageSession session() {
    return new PageSession(base());
  }

  private static void assertFieldError(HttpResponse<String> page, String input, String code) {
    assertThat(page.body())
        .as("the error under " + input)
        .containsPattern("id=\"" + input + "-error\"[^>]*data-code=\"" + code + "\"");
  }

  @Test
  void pagesAskForASignInWhileTheApiStillAnswersWithProblems() {
    PageSession anonymous = session();
    HttpResponse<String> window = anonymous.get("/window");
    assertThat(window.statusCode()).isEqualTo(302);
    assertThat(PageSession.location(window)).endsWith("/login");

    HttpResponse<String> refresh = anonymous.get("/window/board", "HX-Request", "true");
    assertThat(refresh.statusCode()).isEqualTo(401);
    assertThat(refresh.headers().firstValue("HX-Redirect")).hasValue("/login");

    HttpResponse<String> api = anonymous.get("/api/v1/proof-types");
    assertThat(api.statusCode()).isEqualTo(401);
    assertThat(api.headers().firstValue("Content-Type").orElseThrow())
        .startsWith("application/problem+json");
    assertThat(api.headers().firstValue("WWW-Authenticate").orElseThrow()).startsWith("Basic");

    Answer basic = api().get("window.clerk", "/api/v1/proof-types");
    assertThat(basic.status()).isEqualTo(200);
    assertThat(basic.header("Set-Cookie")).as("the API stays stateless").isNull();

    HttpResponse<String> script = anonymous.get("/webjars/htmx.org/dist/htmx.min.js");
    assertThat(script.statusCode()).as("htmx from its WebJar").isEqualTo(200);
  }

  @Test
  void eachRoleLandsOnItsOwnStartPage() {
    Map<String, String> homes =
        Map.of(
            "window.clerk", "/window",
            "shuibu.officer", "/station",
            "gulou.supervisor", "/station",
            "auditor", "/audit");
    homes.forEach(
        (user, home) -> {
          PageSession session = session();
          HttpResponse<String> signedIn = session.signIn(user, "demo");
          assertThat(signedIn.statusCode()).isEqualTo(302);
          HttpResponse<String> root = session.get("/");
          assertThat(PageSession.location(root)).as(user).isEqualTo(home);
          HttpResponse<String> page = session.get(home);
          assertThat(page.statusCode()).as(user).isEqualTo(200);
          assertThat(page.body()).contains("<html lang=\"zh-CN\"");
          assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow())
              .contains("script-src 'self'");
        });
    HttpResponse<String> audit = session().signedIn("auditor").get("/audit");
    assertThat(audit.body()).contains("蔡振宇").contains("id=\"search-form\"");
  }

  @Test
  void wrongPasswordsAndFormsWithoutATokenAreRefused() {
    PageSession session = session();
    HttpResponse<String> wrong = session.signIn("window.clerk", "not-the-password");
    assertThat(PageSession.location(wrong)).endsWith("/login?error");
    assertThat(session.get("/login?error").body()).contains("id=\"login-error\"");

    HttpResponse<String> noToken =
        session()
            .postWithoutToken("/login", Map.of("username", "window.clerk", "password", "demo"));
    assertThat(noToken.statusCode()).isEqualTo(403);
  }

  @Test
  void aRoleCannotOpenAnotherRolesPages() {
    HttpResponse<String> clerkAtStation = session().signedIn("window.clerk").get("/station");
    assertThat(clerkAtStation.statusCode()).isEqualTo(403);
    assertThat(clerkAtStation.body()).contains("data-error=\"denied\"");
    assertThat(session().signedIn("shuibu.officer").get("/window").statusCode()).isEqualTo(403);
    PageSession auditor = session().signedIn("auditor");
    assertThat(auditor.get("/window/requests/new").statusCode()).isEqualTo(403);
    assertThat(
            auditor
                .post("/requests/VR-0000000000000000000A/accept", Map.of(), "/audit")
                .statusCode())
        .isEqualTo(403);
  }

  @Test
  void chineseByDefaultEnglishOnRequestAndTheApiIsNotAffected() {
    PageSession session = session();
    assertThat(session.get("/login").body()).contains("lang=\"zh-CN\"").contains("登录");
    HttpResponse<String> english = session.get("/login?lang=en");
    assertThat(english.body()).contains("<html lang=\"en\"").contains("Sign in");
    assertThat(english.headers().allValues("Set-Cookie"))
        .anySatisfy(cookie -> assertThat(cookie).startsWith(PageLocaleResolver.COOKIE + "=en"));
    assertThat(session.get("/login").body()).as("remembered").contains("<html lang=\"en\"");
    assertThat(session.get("/login?lang=zh-CN").body()).contains("<html lang=\"zh-CN\"");

    // The API's validation messages do not follow a page visitor's language cookie.
    String body =
        "{\"proofType\":\"SAME_PERSON\",\"subject\":{\"name\":\"林某某\",\"idNumber\":\""
            + MrLinStoryBrowserTest.ID_NUMBER
            + "\"}}";
    Answer plain =
        api()
            .send(
                "window.clerk",
                post("/api/v1/requests", body),
                Map.of("Content-Type", "application/json", "Accept-Language", "en"));
    Answer withCookie =
        api()
            .send(
                "window.clerk",
                post("/api/v1/requests", body),
                Map.of(
                    "Content-Type",
                    "application/json",
                    "Accept-Language",
                    "en",
                    "Cookie",
                    PageLocaleResolver.COOKIE + "=zh-CN"));
    assertThat(plain.status()).isEqualTo(400);
    assertThat(plain.text("/field")).isEqualTo("matter");
    assertThat(plain.text("/detail")).isEqualTo("matter must not be null");
    assertThat(withCookie.text("/detail")).isEqualTo(plain.text("/detail"));
    assertThat(withCookie.header("Set-Cookie")).isNull();
  }

  private java.net.http.HttpRequest.Builder post(String path, String json) {
    return java.net.http.HttpRequest.newBuilder(java.net.URI.create(base() + path))
        .POST(java.net.http.HttpRequest.BodyPublishers.ofString(json));
  }

  @Test
  void signingOutEndsTheSession() {
    PageSession session = session().signedIn("window.clerk");
    assertThat(session.get("/window").statusCode()).isEqualTo(200);
    HttpResponse<String> out = session.post("/logout", Map.of(), "/window");
    assertThat(PageSession.location(out)).endsWith("/login?signedOut");
    assertThat(session.get("/window").statusCode()).isEqualTo(302);
  }

  @Test
  void theRaiseFormShowsTheRequestsRefusalsAtTheirInputs() {
    PageSession clerk = session().signedIn("window.clerk");
    Map<String, String> form =
        Map.of(
            "proofType", "SAME_PERSON",
            "name", "林某某",
            "idNumber", MrLinStoryBrowserTest.ID_NUMBER,
            "householdDivision", "350102008",
            "matterCode", "REAL_ESTATE_DEREGISTRATION",
            "idempotencyKey", unique());

    // the proof type needs the other numbers: the aggregate says so, the form shows it there
    HttpResponse<String> missing = clerk.post("/window/requests", form, "/window/requests/new");
    assertThat(missing.statusCode()).isEqualTo(422);
    assertFieldError(missing, "otherIdNumbers", "FIELD_REQUIRED_BY_PROOF_TYPE");
    assertThat(missing.body()).contains("此证明事项需要填写此项");

    Map<String, String> sameNumber = new java.util.HashMap<>(form);
    sameNumber.put("otherIdNumbers", "350102680512123, " + MrLinStoryBrowserTest.ID_NUMBER);
    assertFieldError(
        clerk.post("/window/requests", sameNumber, "/window/requests/new"),
        "otherIdNumbers",
        "SAME_NUMBER");

    Map<String, String> badSecond = new java.util.HashMap<>(form);
    badSecond.put("otherIdNumbers", "350102680512123 350102196805121237");
    HttpResponse<String> second = clerk.post("/window/requests", badSecond, "/window/requests/new");
    assertFieldError(second, "otherIdNumbers", "ID_NUMBER_CHECK_DIGIT");
    assertThat(second.body()).contains("第 2 个号码");

    Map<String, String> blank = Map.of("idempotencyKey", unique());
    HttpResponse<String> empty = clerk.post("/window/requests", blank, "/window/requests/new");
    assertThat(empty.statusCode()).isEqualTo(400);
    for (String input : List.of("proofType", "name", "idNumber", "matterCode")) {
      assertFieldError(empty, input, "NotBlank");
      assertThat(empty.body()).contains("href=\"#" + input + "\"");
    }

    // a form sent twice raises one request
    Map<String, String> good = new java.util.HashMap<>(form);
    good.put("otherIdNumbers", MrLinStoryBrowserTest.LEGACY_NUMBER);
    HttpResponse<String> first = clerk.post("/window/requests", good, "/window/requests/new");
    HttpResponse<String> again = clerk.post("/window/requests", good, "/window/requests/new");
    assertThat(first.statusCode()).isEqualTo(302);
    assertThat(PageSession.location(first)).startsWith("/requests/VR-");
    assertThat(PageSession.location(again)).isEqualTo(PageSession.location(first));
  }

  @Test
  void theRequestPageShowsRefusedCommandsAtTheirForm() {
    Answer raised =
        api()
            .post(
                "window.clerk",
                "/api/v1/requests",
                Map.of(
                    "proofType", "NO_CRIMINAL_RECORD",
                    "subject", Map.of("name", "林某某", "idNumber", MrLinStoryBrowserTest.ID_NUMBER),
                    "matter", Map.of("code", "EMPLOYMENT")),
                Map.of("Idempotency-Key", unique()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    String page = "/requests/" + raised.text("/id");
    PageSession clerk = session().signedIn("window.clerk");

    HttpResponse<String> early = clerk.post(page + "/acknowledge", Map.of(), page);
    assertThat(early.statusCode()).as("as the API: 409").isEqualTo(409);
    assertThat(early.body())
        .contains("id=\"acknowledge-problems\"")
        .contains("data-code=\"ILLEGAL_TRANSITION\"");

    HttpResponse<String> noReason = clerk.post(page + "/withdraw", Map.of("reason", " "), page);
    assertThat(noReason.statusCode()).isEqualTo(400);
    assertFieldError(noReason, "withdraw-reason", "NotBlank");

    HttpResponse<String> withdrawn =
        clerk.post(page + "/withdraw", Map.of("reason", "申请人撤回申请"), page);
    assertThat(PageSession.location(withdrawn)).isEqualTo(page);
    assertThat(api().get("window.clerk", "/api/v1/requests/" + raised.text("/id")).text("/status"))
        .isEqualTo("WITHDRAWN");
    Matcher status =
        Pattern.compile("id=\"request-status\">([^<]+)<").matcher(clerk.get(page).body());
    assertThat(status.find()).isTrue();
    assertThat(status.group(1)).isEqualTo("已撤回");
  }
}
