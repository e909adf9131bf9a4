package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.proofassist.hub.api.HubClient.Answer;

/**
 * An officer of another station (东街, Dongjie) cannot reach a request routed to Shuibu: it is not in
 * the inbox, and its address, typed before or after signing in, shows the not-found page (as the
 * API answers 404), and a form sent to it by hand changes nothing.
 */
class OtherStationCannotReachTheRequestBrowserTest extends BrowserTest {

  @Test
  void dongjieOfficerGetsTheNotFoundPageAndAnEmptyInbox(TestInfo test) throws Exception {
    Answer raised =
        api()
            .post(
                "window.clerk",
                "/api/v1/requests",
                Map.of(
                    "proofType", "SAME_PERSON",
                    "subject",
                        Map.of(
                            "name",
                            "林某某",
                            "idNumber",
                            MrLinStoryBrowserTest.ID_NUMBER,
                            "otherIdNumbers",
                            java.util.List.of(MrLinStoryBrowserTest.LEGACY_NUMBER),
                            "householdDivision",
                            "350102008"),
                    "matter", Map.of("code", "REAL_ESTATE_DEREGISTRATION")),
                Map.of("Idempotency-Key", unique()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    String id = raised.text("/id");
    assertThat(raised.text("/routedTo/unit")).isEqualTo("FZ-PSB-GULOU-SHUIBU");
    assertThat(api().get("shuibu.officer", "/api/v1/requests?view=inbox&size=100").raw().body())
        .as("the Shuibu station has it")
        .contains(id);

    // The address typed before signing in: the sign-in form, then the not-found page.
    WebDriver officer = browser();
    officer.get(base() + "/requests/" + id);
    waitIn(officer).until(ExpectedConditions.presenceOfElementLocated(By.id("login-form")));
    fillSignIn(officer, "dongjie.officer");
    waitIn(officer).until(d -> !path(d).equals("/login"));
    assertThat(path(officer)).isEqualTo("/requests/" + id);
    assertNotFoundPage(officer, id);

    // Not in the inbox.
    officer.get(base() + "/station");
    waitIn(officer).until(ExpectedConditions.presenceOfElementLocated(By.id("board")));
    assertThat(byId(officer, "who").getText()).contains("王海燕").contains("东街派出所");
    assertThat(officer.findElements(MrLinStoryBrowserTest.rowOf(id))).isEmpty();
    assertThat(officer.getPageSource()).doesNotContain(id);

    // The address typed again, signed in, and the letter's address: not found either.
    officer.get(base() + "/requests/" + id);
    assertNotFoundPage(officer, id);
    assertThat(fetchAs(officer, "/requests/" + id).statusCode()).isEqualTo(404);
    assertThat(fetchAs(officer, "/requests/" + id + "/reply.pdf").statusCode()).isEqualTo(404);

    // A form sent by hand, with a valid CSRF token, is refused the same way and changes nothing.
    officer.get(base() + "/station");
    String token =
        officer.findElement(By.cssSelector("meta[name='csrf-token']")).getDomAttribute("content");
    String header =
        officer.findElement(By.cssSelector("meta[name='csrf-header']")).getDomAttribute("content");
    HttpResponse<String> accept = post(officer, "/requests/" + id + "/accept", header, token);
    assertThat(accept.statusCode()).isEqualTo(404);
    assertThat(accept.body()).contains("data-error=\"not-found\"").doesNotContain("林某某");
    assertThat(api().get("window.clerk", "/api/v1/requests/" + id).text("/status"))
        .isEqualTo("ROUTED");

    officer.get(base() + "/requests/" + id);
    assertNotFoundPage(officer, id);
    screenshot(officer, testName(test));
  }

  private static void assertNotFoundPage(WebDriver driver, String id) {
    assertThat(driver.findElement(By.id("main")).getDomAttribute("data-error"))
        .isEqualTo("not-found");
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("未找到");
    assertThat(driver.getPageSource())
        .doesNotContain("林某某")
        .doesNotContain(MrLinStoryBrowserTest.ID_NUMBER);
  }

  private HttpResponse<String> post(WebDriver driver, String path, String header, String token)
      throws IOException, InterruptedException {
    String session = driver.manage().getCookieNamed("JSESSIONID").getValue();
    return HttpClient.newHttpClient()
        .send(
            HttpRequest.newBuilder(URI.create(base() + path))
                .header("Cookie", "JSESSIONID=" + session)
                .header(header, token)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.noBody())
                .build(),
            HttpResponse.BodyHandlers.ofString());
  }
}
