package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.proofassist.hub.fixtures.Citizen;

/**
 * The audit office in a real browser: a search refused without a purpose, then with one; a
 * request's timeline with the seal's certificate and digest, and as of a moment; the audit chain
 * verified; the read log; the statistics charts. axe-core on each page, and on the supervisor's
 * pages (the request page with the extension form, the statistics).
 */
class AuditOfficeBrowserTest extends BrowserTest {

  private static final DateTimeFormatter LOCAL =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm").withZone(ZoneId.of("Asia/Shanghai"));

  @Test
  void anAuditorSearchesReadsATimelineVerifiesTheChainAndSeesTheCharts(TestInfo test)
      throws Exception {
    Citizen citizen = AuditTestRequests.aNewCitizen();
    String id = AuditTestRequests.raise(api(), citizen, AuditTestRequests.SHUIBU_STREET);
    assertThat(api().post("shuibu.officer", "/api/v1/requests/" + id + "/accept", "").status())
        .isEqualTo(200);
    assertThat(
            api()
                .post(
                    "shuibu.officer",
                    "/api/v1/requests/" + id + "/reply",
                    Map.of(
                        "outcome", "CONFIRMED",
                        "statement", "经核查，该公民户籍登记在水部街道。",
                        "facts", Map.of()))
                .status())
        .isEqualTo(200);
    AuditTestRequests.awaitSearchable(api(), citizen, id);

    WebDriver auditor = browser();
    signIn(auditor, "auditor");
    assertThat(path(auditor)).isEqualTo("/audit");
    assertAccessible(auditor, "audit search");

    // without a purpose: refused at the purpose, nothing listed
    byId(auditor, "search-idNumber").sendKeys(citizen.idNumber().value());
    byId(auditor, "search-submit").click();
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(By.id("search-problems")));
    assertThat(byId(auditor, "search-purpose-error").getDomAttribute("data-code"))
        .isEqualTo("PURPOSE_REQUIRED");
    assertThat(auditor.findElements(By.id("results"))).isEmpty();
    assertAccessible(auditor, "audit search refused");

    byId(auditor, "search-purpose").sendKeys("信访件核查");
    byId(auditor, "search-submit").click();
    By row = By.cssSelector("#results-table tr[data-request-id='" + id + "']");
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(row));
    assertThat(auditor.findElement(row).getText())
        .contains(citizen.idNumber().masked())
        .doesNotContain(citizen.idNumber().value());
    assertAccessible(auditor, "audit search results");

    byId(auditor, "timeline-" + id).click();
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(By.id("timeline")));
    By reply = By.cssSelector("#timeline tr[data-event='ReplyIssued']");
    assertThat(auditor.findElement(reply).findElement(By.className("certificate-serial")).getText())
        .isNotBlank();
    assertThat(auditor.findElement(reply).findElement(By.className("content-digest")).getText())
        .matches("[0-9a-f]{64}");
    ((JavascriptExecutor) auditor)
        .executeScript(
            "document.getElementById('timeline-asOf').value = arguments[0];",
            LOCAL.format(Instant.now()));
    byId(auditor, "as-of-submit").click();
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(By.id("as-of-result")));
    assertNoMissingMessages(auditor);
    assertAccessible(auditor, "a request's timeline, as of a moment");

    byId(auditor, "audit-nav-chain").click();
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(By.id("verify-submit")));
    byId(auditor, "verify-submit").click();
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(By.id("verification")));
    assertThat(byId(auditor, "verification").getDomAttribute("data-intact")).isEqualTo("true");
    assertThat(Long.parseLong(byId(auditor, "verification-entries").getText())).isPositive();
    assertAccessible(auditor, "audit chain verified");

    byId(auditor, "audit-nav-reads").click();
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(By.id("reads-form")));
    byId(auditor, "reads-idNumber").sendKeys(citizen.idNumber().value());
    byId(auditor, "reads-purpose").sendKeys("信访件核查");
    byId(auditor, "reads-submit").click();
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(By.id("reads-table")));
    assertThat(
            auditor.findElements(
                By.cssSelector("#reads-table tr[data-user='auditor'][data-what='search']")))
        .isNotEmpty();
    assertAccessible(auditor, "read log");

    byId(auditor, "audit-nav-statistics").click();
    waitIn(auditor).until(ExpectedConditions.presenceOfElementLocated(By.id("chart-timeouts")));
    assertThat(byId(auditor, "chart-timeouts").getDomAttribute("data-bars")).isEqualTo("12");
    assertThat(auditor.findElements(By.cssSelector("#chart-response rect.chart-bar"))).isNotEmpty();
    assertThat(auditor.findElements(By.cssSelector("#table-timeouts tbody tr"))).hasSize(12);
    assertNoMissingMessages(auditor);
    assertAccessible(auditor, "statistics charts");
    screenshot(auditor, testName(test));
  }

  @Test
  void theSupervisorsAndTheWindowsNewPagesAreAccessible(TestInfo test) throws Exception {
    String id =
        AuditTestRequests.raise(
            api(), AuditTestRequests.aNewCitizen(), AuditTestRequests.SHUIBU_STREET);
    WebDriver supervisor = browser();
    signIn(supervisor, "gulou.supervisor");
    supervisor.get(base() + "/requests/" + id);
    waitIn(supervisor).until(ExpectedConditions.presenceOfElementLocated(By.id("action-extend")));
    byId(supervisor, "extend-submit").click();
    waitIn(supervisor).until(ExpectedConditions.presenceOfElementLocated(By.id("extend-problems")));
    assertThat(byId(supervisor, "extend-until").getDomAttribute("aria-describedby"))
        .contains("extend-until-error");
    assertAccessible(supervisor, "request page (supervisor, refused extension)");
    supervisor.get(base() + "/station/statistics?lang=en");
    waitIn(supervisor).until(ExpectedConditions.presenceOfElementLocated(By.id("chart-timeouts")));
    assertNoMissingMessages(supervisor);
    assertAccessible(supervisor, "statistics (supervisor, English)");
    supervisor.get(base() + "/station?lang=zh-CN");

    WebDriver clerk = browser();
    signIn(clerk, "window.clerk");
    clerk.get(base() + "/requests/" + id);
    waitIn(clerk).until(ExpectedConditions.presenceOfElementLocated(By.id("deadline")));
    assertAccessible(clerk, "request page with the deadline explanation");
    screenshot(supervisor, testName(test) + "-supervisor");
    screenshot(clerk, testName(test));
  }
}
