package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.proofassist.hub.api.HubClient.Answer;

/**
 * The README's demo in two browsers: the service centre's clerk raises the same-person request for
 * 林某某 through the form (a wrong check digit is caught as it is typed and again by the server), the
 * Shuibu officer accepts and replies in another browser, the clerk's waiting list shows the reply
 * without a reload, the clerk sees the seal intact, downloads the sealed letter and acknowledges.
 */
class MrLinStoryBrowserTest extends BrowserTest {

  static final String ID_NUMBER = "350102196805121236";
  static final String WRONG_CHECK_DIGIT = "350102196805121237";
  static final String LEGACY_NUMBER = "350102680512123";

  @Test
  void clerkRaisesOfficerAnswersAndTheWaitingListChangesWithoutAReload(TestInfo test)
      throws Exception {
    WebDriver clerk = browser();
    signIn(clerk, "window.clerk");
    assertThat(path(clerk)).isEqualTo("/window");
    assertThat(byId(clerk, "who").getText()).contains("陈晓燕").contains("福州市行政服务中心");
    assertThat(clerk.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("zh-CN");

    // The raise form follows the catalogue: the same-person proof needs the other numbers and the
    // household division.
    clerk.findElement(By.cssSelector("a[href='/window/requests/new']")).click();
    waitIn(clerk).until(ExpectedConditions.presenceOfElementLocated(By.id("raise-form")));
    new Select(byId(clerk, "proofType")).selectByValue("NO_CRIMINAL_RECORD");
    assertThat(byId(clerk, "otherIdNumbers").isDisplayed()).isFalse();
    new Select(byId(clerk, "proofType")).selectByValue("SAME_PERSON");
    assertThat(byId(clerk, "otherIdNumbers").isDisplayed()).isTrue();
    assertThat(byId(clerk, "householdDivision").isDisplayed()).isTrue();

    // A wrong check digit, seen as it is typed, next to the ID number field.
    WebElement idNumber = byId(clerk, "idNumber");
    idNumber.sendKeys(WRONG_CHECK_DIGIT);
    WebElement idError = byId(clerk, "idNumber-error");
    waitIn(clerk).until(d -> !idError.getText().isBlank());
    assertThat(idError.getDomAttribute("data-code")).isEqualTo("ID_NUMBER_CHECK_DIGIT");
    assertThat(idError.getText()).contains("校验位");
    assertThat(idNumber.getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(idNumber.getDomAttribute("aria-describedby")).contains("idNumber-error");

    byId(clerk, "name").sendKeys("林某某");
    byId(clerk, "otherIdNumbers").sendKeys(LEGACY_NUMBER);
    new Select(byId(clerk, "householdDivision")).selectByValue("350102008");
    assertThat(new Select(byId(clerk, "householdDivision")).getFirstSelectedOption().getText())
        .contains("水部街道");
    byId(clerk, "address").sendKeys("福州市鼓楼区水部街道古田路88号");
    byId(clerk, "matterCode").sendKeys("REAL_ESTATE_DEREGISTRATION");
    byId(clerk, "caseNumber").sendKeys("FZ-2026-000123");
    byId(clerk, "question").sendKeys("请核实上述两个身份证号码是否为同一人");
    String key = clerk.findElement(By.name("idempotencyKey")).getDomProperty("value");

    // Sent anyway: the server refuses it with the same code, at the same field.
    byId(clerk, "raise-submit").click();
    WebElement summary =
        waitIn(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("raise-problems")));
    assertThat(summary.getDomAttribute("role")).isEqualTo("alert");
    assertThat(
            summary.findElement(By.cssSelector("a[href='#idNumber']")).getDomAttribute("data-code"))
        .isEqualTo("ID_NUMBER_CHECK_DIGIT");
    assertThat(byId(clerk, "idNumber-error").getDomAttribute("data-code"))
        .isEqualTo("ID_NUMBER_CHECK_DIGIT");
    assertThat(byId(clerk, "idNumber-error").getText()).contains("校验位");
    assertThat(byId(clerk, "idNumber").getDomAttribute("aria-invalid")).isEqualTo("true");
    assertThat(byId(clerk, "name").getDomProperty("value")).isEqualTo("林某某");
    assertThat(clerk.findElement(By.name("idempotencyKey")).getDomProperty("value")).isEqualTo(key);
    assertNoMissingMessages(clerk);

    // Corrected: the message goes as the right number is typed; sent, the request page opens.
    idNumber = byId(clerk, "idNumber");
    idNumber.clear();
    idNumber.sendKeys(ID_NUMBER);
    WebElement cleared = byId(clerk, "idNumber-error");
    waitIn(clerk).until(d -> cleared.getText().isBlank());
    byId(clerk, "raise-submit").click();
    waitIn(clerk).until(d -> path(d).startsWith("/requests/VR-"));
    String id = path(clerk).substring("/requests/".length());
    assertThat(byId(clerk, "done").getText()).isEqualTo("协查已发起。");
    assertThat(byId(clerk, "subject-id-number").getText()).isEqualTo(ID_NUMBER);
    assertThat(byId(clerk, "request-status").getText()).isEqualTo("已分派");

    // The same request the API sees, routed to Shuibu.
    Answer viaApi = api().get("window.clerk", "/api/v1/requests/" + id);
    assertThat(viaApi.status()).isEqualTo(200);
    assertThat(viaApi.text("/routedTo/unit")).isEqualTo("FZ-PSB-GULOU-SHUIBU");
    assertThat(viaApi.json().at("/subject/otherIdNumbers/0").asText()).isEqualTo(LEGACY_NUMBER);

    // The waiting list shows it, masked as the API's list does.
    clerk.findElement(By.cssSelector("a[href='/window']")).click();
    String row = textOf(clerk, rowOf(id));
    JsonNode listed = item(api().get("window.clerk", "/api/v1/requests?view=waiting&size=100"), id);
    assertThat(row)
        .contains(listed.at("/subject/name").asText())
        .contains(listed.at("/subject/idNumber").asText())
        .contains("同一人证明")
        .contains("水部派出所")
        .doesNotContain(ID_NUMBER);
    String replyReady =
        waitIn(clerk).until(d -> d.findElement(rowOf(id)).getDomAttribute("data-reply-ready"));
    assertThat(replyReady).isEqualTo("false");
    ((JavascriptExecutor) clerk).executeScript("window.hubNotReloaded = 'still the same page';");

    // Another browser: the Shuibu officer accepts and replies.
    WebDriver officer = browser();
    signIn(officer, "shuibu.officer");
    assertThat(path(officer)).isEqualTo("/station");
    waitIn(officer).until(d -> d.findElement(rowOf(id)));
    screenshot(officer, testName(test) + "-inbox");
    click(officer, By.id("open-" + id));
    waitIn(officer).until(ExpectedConditions.elementToBeClickable(By.id("accept-submit"))).click();
    waitIn(officer).until(d -> byId(d, "done").getText().startsWith("已受理"));
    byId(officer, "reply-outcome-CONFIRMED").click();
    byId(officer, "reply-statement").sendKeys("经核查，350102196805121236与350102680512123系同一人。");
    byId(officer, "reply-fact-name-0").sendKeys("legacyNumberConvertsTo");
    byId(officer, "reply-fact-value-0").sendKeys(ID_NUMBER);
    byId(officer, "reply-submit").click();
    waitIn(officer).until(d -> "ANSWERED".equals(byId(d, "main").getDomAttribute("data-status")));
    assertThat(byId(officer, "reply-outcome").getText()).isEqualTo("属实");

    // Back at the window, without a reload: the list shows the reply within a few seconds.
    long before = System.nanoTime();
    waitIn(clerk)
        .until(d -> "true".equals(d.findElement(rowOf(id)).getDomAttribute("data-reply-ready")));
    System.out.printf(
        "reply shown in the waiting list %d ms after it was sent%n",
        (System.nanoTime() - before) / 1_000_000);
    assertThat(((JavascriptExecutor) clerk).executeScript("return window.hubNotReloaded;"))
        .as("the waiting list changed without reloading the page")
        .isEqualTo("still the same page");
    assertThat(textOf(clerk, rowOf(id))).contains("回复已到");
    screenshot(clerk, testName(test) + "-waiting-list");

    // The request: seal intact, the sealed letter, acknowledged.
    click(clerk, By.id("open-" + id));
    WebElement verdict =
        waitIn(clerk).until(ExpectedConditions.visibilityOfElementLocated(By.id("seal-verdict")));
    assertThat(verdict.getDomAttribute("data-verdict")).isEqualTo("INTACT");
    assertThat(verdict.getText()).contains("INTACT").contains("水部派出所");
    String letter = byId(clerk, "reply-pdf").getDomProperty("href");
    HttpResponse<byte[]> pdf = fetchAs(clerk, letter);
    assertThat(pdf.statusCode()).isEqualTo(200);
    assertThat(pdf.headers().firstValue("Content-Type")).hasValue("application/pdf");
    assertThat(new String(Arrays.copyOf(pdf.body(), 5), StandardCharsets.US_ASCII))
        .isEqualTo("%PDF-");
    assertThat(pdf.body())
        .as("the same letter as the API's")
        .isEqualTo(api().download("window.clerk", "/api/v1/requests/" + id + "/reply.pdf").body());
    byId(clerk, "acknowledge-submit").click();
    waitIn(clerk).until(d -> "CLOSED".equals(byId(d, "main").getDomAttribute("data-status")));
    assertThat(byId(clerk, "request-status").getText()).isEqualTo("已办结");
    assertThat(clerk.findElements(By.id("acknowledge-submit"))).isEmpty();
    assertThat(byId(clerk, "history").getText()).contains("盖章回复").contains("确认收悉");
    assertNoMissingMessages(clerk);

    // Every look at the personal data was recorded, as the API records it.
    Answer readLog =
        api()
            .get(
                "auditor",
                "/api/v1/audit/reads?idNumber=" + ID_NUMBER + "&purpose=browser-test&size=200");
    assertThat(readLog.status()).as(readLog.raw().body()).isEqualTo(200);
    assertThat(readLog.raw().body()).contains("window.clerk").contains("shuibu.officer");
    assertThat(readLog.raw().body()).contains("reply.pdf");

    screenshot(officer, testName(test) + "-officer");
    screenshot(clerk, testName(test));
  }

  static By rowOf(String id) {
    return By.cssSelector("tr[data-request-id='" + id + "']");
  }

  static JsonNode item(Answer list, String id) {
    assertThat(list.status()).as(list.raw().body()).isEqualTo(200);
    for (JsonNode item : list.json().at("/items")) {
      if (id.equals(item.at("/id").asText())) {
        return item;
      }
    }
    throw new AssertionError(id + " is not in " + list.raw().body());
  }
}
