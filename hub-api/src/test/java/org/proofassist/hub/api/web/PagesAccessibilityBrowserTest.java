package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.proofassist.hub.api.HubClient.Answer;
import org.proofassist.hub.core.citizen.CitizenIdNumber;
import org.proofassist.hub.core.common.InvalidValueException;
import org.proofassist.hub.fixtures.Citizen;
import org.proofassist.hub.fixtures.SyntheticCitizens;

/**
 * The pages pass axe-core with no serious or critical violation (the waiting list, the raise form
 * with and without errors, the request page with its forms, the inbox, the sign-in page, and a page
 * in English); sign-in and the raise form work from the keyboard alone; the page's ID-number check
 * agrees with the server's.
 */
class PagesAccessibilityBrowserTest extends BrowserTest {

  @Test
  void pagesHaveNoSeriousAccessibilityViolations(TestInfo test) throws Exception {
    String id = raisedByApi();
    WebDriver clerk = browser();
    clerk.get(base() + "/login");
    assertAccessible(clerk, "sign-in");
    signIn(clerk, "window.clerk");

    waitIn(clerk).until(d -> d.findElement(MrLinStoryBrowserTest.rowOf(id)));
    assertAccessible(clerk, "waiting list");

    clerk.get(base() + "/window/requests/new");
    assertAccessible(clerk, "raise form");
    byId(clerk, "raise-submit").click();
    waitIn(clerk).until(ExpectedConditions.presenceOfElementLocated(By.id("raise-problems")));
    assertAccessible(clerk, "raise form with errors");

    clerk.get(base() + "/requests/" + id);
    assertAccessible(clerk, "request page (window)");
    clerk.get(base() + "/requests/" + id + "?lang=en");
    assertThat(clerk.findElement(By.tagName("html")).getDomAttribute("lang")).isEqualTo("en");
    assertThat(byId(clerk, "request-status").getText()).isEqualTo("Routed");
    assertNoMissingMessages(clerk);
    assertAccessible(clerk, "request page in English");
    clerk.get(base() + "/window?lang=zh-CN");

    WebDriver officer = browser();
    signIn(officer, "shuibu.officer");
    waitIn(officer).until(d -> d.findElement(MrLinStoryBrowserTest.rowOf(id)));
    assertAccessible(officer, "inbox");
    officer.get(base() + "/requests/" + id);
    assertAccessible(officer, "request page (station, with its forms)");
    // a refused form: the errors are linked to their inputs
    byId(officer, "forward-submit").click();
    waitIn(officer).until(ExpectedConditions.presenceOfElementLocated(By.id("forward-problems")));
    assertThat(byId(officer, "forward-reason").getDomAttribute("aria-describedby"))
        .isEqualTo("forward-reason-error");
    assertThat(byId(officer, "forward-reason-error").getDomAttribute("data-code"))
        .isEqualTo("NotBlank");
    assertThat(byId(officer, "forward-to-error").getDomAttribute("data-code"))
        .isEqualTo("NotBlank");
    assertAccessible(officer, "request page with a refused form");
    screenshot(officer, testName(test));
  }

  @Test
  void signInAndRaiseWithTheKeyboardAlone(TestInfo test) throws Exception {
    WebDriver clerk = browser();
    clerk.get(base() + "/login");
    // the first stop of the Tab key is the skip link, then the form (the user name has focus)
    WebElement username = byId(clerk, "username");
    assertThat(active(clerk)).isEqualTo(username);
    username.sendKeys("window.clerk", Keys.TAB, "demo", Keys.ENTER);
    waitIn(clerk).until(d -> "/window".equals(path(d)));

    clerk.get(base() + "/window/requests/new");
    clerk.findElement(By.tagName("body")).sendKeys(Keys.TAB);
    assertThat(active(clerk).getDomAttribute("class")).isEqualTo("skip-link");
    active(clerk).sendKeys(Keys.ENTER);
    // from the main content on, Tab, arrows and typing only
    active(clerk).sendKeys(Keys.TAB);
    assertThat(active(clerk).getDomAttribute("id")).isEqualTo("proofType");
    active(clerk).sendKeys(Keys.ARROW_DOWN);
    assertThat(byId(clerk, "proofType").getDomProperty("value")).isEqualTo("SAME_PERSON");
    String legacy = MrLinStoryBrowserTest.LEGACY_NUMBER;
    active(clerk).sendKeys(Keys.TAB);
    active(clerk).sendKeys("林某某", Keys.TAB);
    active(clerk).sendKeys(MrLinStoryBrowserTest.ID_NUMBER, Keys.TAB);
    active(clerk).sendKeys(legacy, Keys.TAB);
    assertThat(active(clerk).getDomAttribute("id")).isEqualTo("householdDivision");
    // 水部街道, the eighth street of 鼓楼区
    for (int i = 0; i < 8; i++) {
      active(clerk).sendKeys(Keys.ARROW_DOWN);
    }
    assertThat(active(clerk).getDomProperty("value")).isEqualTo("350102008");
    active(clerk).sendKeys(Keys.TAB, Keys.TAB);
    assertThat(active(clerk).getDomAttribute("id")).isEqualTo("matterCode");
    active(clerk).sendKeys("REAL_ESTATE_DEREGISTRATION", Keys.TAB, Keys.TAB, Keys.TAB);
    assertThat(active(clerk).getDomAttribute("id")).isEqualTo("raise-submit");
    active(clerk).sendKeys(Keys.ENTER);
    waitIn(clerk).until(d -> path(d).startsWith("/requests/VR-"));
    assertThat(byId(clerk, "subject-id-number").getText())
        .isEqualTo(MrLinStoryBrowserTest.ID_NUMBER);
    screenshot(clerk, testName(test));
  }

  @Test
  void anOfficerAcceptsAndAnswersWithTheKeyboardAlone(TestInfo test) throws Exception {
    String id = raisedByApi();
    WebDriver officer = browser();
    officer.get(base() + "/login");
    active(officer).sendKeys("shuibu.officer", Keys.TAB, "demo", Keys.ENTER);
    waitIn(officer).until(d -> "/station".equals(path(d)));

    // from the inbox to the request: Tab to its link, Enter
    waitIn(officer).until(d -> d.findElement(MrLinStoryBrowserTest.rowOf(id)));
    tabUntil(officer, element -> ("/requests/" + id).equals(element.getDomAttribute("href")));
    active(officer).sendKeys(Keys.ENTER);
    waitIn(officer).until(d -> path(d).equals("/requests/" + id));

    tabUntil(officer, element -> "accept-submit".equals(element.getDomAttribute("id")));
    active(officer).sendKeys(Keys.ENTER);
    waitIn(officer).until(d -> "ACCEPTED".equals(byId(d, "main").getDomAttribute("data-status")));

    // the reply form: the first outcome by arrow keys, the statement, one fact, Enter on send
    tabUntil(officer, element -> "radio".equals(element.getDomAttribute("type")));
    active(officer).sendKeys(Keys.SPACE);
    assertThat(active(officer).getDomAttribute("name")).isEqualTo("outcome");
    tabUntil(officer, element -> "reply-statement".equals(element.getDomAttribute("id")));
    active(officer).sendKeys("经核查，两个号码系同一人。");
    tabUntil(officer, element -> "reply-fact-name-0".equals(element.getDomAttribute("id")));
    active(officer).sendKeys("checkedRegister", Keys.TAB, "常住人口信息系统");
    tabUntil(officer, element -> "reply-submit".equals(element.getDomAttribute("id")));
    active(officer).sendKeys(Keys.ENTER);
    waitIn(officer).until(d -> "ANSWERED".equals(byId(d, "main").getDomAttribute("data-status")));
    assertThat(byId(officer, "reply").getText()).contains("经核查，两个号码系同一人。");
    screenshot(officer, testName(test));
  }

  /** Presses Tab, as a keyboard user does, until the focused element is the one wanted. */
  private static void tabUntil(WebDriver driver, java.util.function.Predicate<WebElement> wanted) {
    for (int presses = 0; presses < 200; presses++) {
      if (wanted.test(active(driver))) {
        return;
      }
      active(driver).sendKeys(Keys.TAB);
    }
    throw new AssertionError(
        "never reached by the Tab key; stopped at "
            + active(driver).getTagName()
            + " "
            + active(driver).getDomAttribute("id"));
  }

  @Test
  void thePagesIdNumberCheckAgreesWithTheServers(TestInfo test) throws Exception {
    WebDriver browser = browser();
    browser.get(base() + "/login"); // every page loads the check
    List<String> numbers = new ArrayList<>();
    for (Citizen citizen : SyntheticCitizens.withSeed(20261103L, 0.5).next(100)) {
      String number = citizen.idNumber().value();
      numbers.add(number);
      numbers.add(number.substring(0, 17) + (number.charAt(17) == '0' ? '1' : '0'));
      if (citizen.legacyIdNumber() != null) {
        numbers.add(citizen.legacyIdNumber().value());
      }
    }
    numbers.addAll(
        List.of(
            "",
            "3501021968051212",
            "35010219680512123X",
            "350102196802301236",
            "350102180001011234",
            "350102681332123",
            "35010219680512123x",
            "abc"));
    @SuppressWarnings("unchecked")
    List<Object> verdicts =
        (List<Object>)
            ((JavascriptExecutor) browser)
                .executeScript(
                    "return arguments[0].map(function (n) { return HubIdNumber.check(n); });",
                    numbers);
    for (int i = 0; i < numbers.size(); i++) {
      assertThat(verdicts.get(i))
          .as("the page's verdict on '%s'", numbers.get(i))
          .isEqualTo(serversCode(numbers.get(i)));
    }
    assertThat(verdicts).contains("ID_NUMBER_CHECK_DIGIT", "ID_NUMBER_BIRTH_DATE").containsNull();
    screenshot(browser, testName(test));
  }

  private static String serversCode(String number) {
    try {
      CitizenIdNumber.of(number);
      return null;
    } catch (InvalidValueException e) {
      return e.code();
    }
  }

  private static WebElement active(WebDriver driver) {
    return driver.switchTo().activeElement();
  }

  private String raisedByApi() {
    Answer raised =
        api()
            .post(
                "window.clerk",
                "/api/v1/requests",
                Map.of(
                    "proofType",
                    "SAME_PERSON",
                    "subject",
                    Map.of(
                        "name", "林某某",
                        "idNumber", MrLinStoryBrowserTest.ID_NUMBER,
                        "otherIdNumbers", List.of(MrLinStoryBrowserTest.LEGACY_NUMBER),
                        "householdDivision", "350102008",
                        "address", "福州市鼓楼区水部街道古田路88号"),
                    "matter",
                    Map.of("code", "REAL_ESTATE_DEREGISTRATION", "caseNumber", "FZ-1"),
                    "question",
                    "请核实上述两个身份证号码是否为同一人"),
                Map.of("Idempotency-Key", unique()));
    assertThat(raised.status()).as(raised.raw().body()).isEqualTo(201);
    return raised.text("/id");
  }
}
