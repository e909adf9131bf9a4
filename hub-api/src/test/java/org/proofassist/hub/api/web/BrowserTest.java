package org.proofassist.hub.api.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.webjars.WebJarVersionLocator;

/**
 * The browser tests' browsers: Debian's headless Chromium driven through its own chromedriver
 * (Selenium Manager never downloads anything), skipped with a message where either is missing. The
 * hub is {@link HubPagesTest}'s, shared by every class of pages tests.
 */
abstract class BrowserTest extends HubPagesTest {

  static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  static final Duration WAIT = Duration.ofSeconds(15);

  private final List<WebDriver> browsers = new ArrayList<>();
  private final List<Path> profiles = new ArrayList<>();

  @BeforeAll
  static void browserInstalled() {
    Assumptions.assumeTrue(
        Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "browser tests skipped: they need Debian's chromium and chromium-driver"
            + " (/usr/bin/chromium, /usr/bin/chromedriver; apt-get install chromium"
            + " chromium-driver, as .ci/run does)");
  }

  /** A new browser with a fresh profile: its own cookies, so its own session. */
  WebDriver browser() {
    System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
    Path profile;
    try {
      profile = Files.createTempDirectory("hub-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-extensions",
        "--window-size=1280,1024",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder()
            .usingDriverExecutable(CHROMEDRIVER.toFile())
            .usingAnyFreePort()
            .build();
    WebDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
    browsers.add(driver);
    profiles.add(profile);
    return driver;
  }

  @AfterEach
  void closeBrowsers() throws IOException {
    for (WebDriver driver : browsers) {
      driver.quit();
    }
    browsers.clear();
    for (Path profile : profiles) {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(java.io.File::delete);
      }
    }
    profiles.clear();
  }

  /**
   * Waits up to {@link #WAIT}, looking every 100 ms; an element replaced meanwhile (a list
   * refreshed by htmx) is looked up again.
   */
  static WebDriverWait waitIn(WebDriver driver) {
    WebDriverWait wait = new WebDriverWait(driver, WAIT);
    wait.pollingEvery(Duration.ofMillis(100));
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Clicks an element of a list that htmx may be refreshing: looked up again if replaced. */
  static void click(WebDriver driver, By element) {
    waitIn(driver)
        .until(
            d -> {
              d.findElement(element).click();
              return true;
            });
  }

  /** The text of an element of a list that htmx may be refreshing. */
  static String textOf(WebDriver driver, By element) {
    return waitIn(driver).until(d -> d.findElement(element).getText());
  }

  /** Signs in through the form; the browser is then on the user's start page. */
  void signIn(WebDriver driver, String user) {
    driver.get(base() + "/login");
    fillSignIn(driver, user);
    waitIn(driver).until(d -> !d.getCurrentUrl().contains("/login"));
  }

  static void fillSignIn(WebDriver driver, String user) {
    driver.findElement(By.id("username")).sendKeys(user);
    driver.findElement(By.id("password")).sendKeys("demo");
    driver.findElement(By.id("login-submit")).click();
  }

  static String path(WebDriver driver) {
    return URI.create(driver.getCurrentUrl()).getPath();
  }

  /** Saves the whole page the browser shows as {@code target/screenshots/<name>.png}. */
  static void screenshot(WebDriver driver, String name) throws IOException {
    Object height =
        ((JavascriptExecutor) driver)
            .executeScript("return document.documentElement.scrollHeight;");
    if (height instanceof Number pixels) {
      driver
          .manage()
          .window()
          .setSize(new Dimension(1280, Math.max(600, Math.min(pixels.intValue() + 40, 8000))));
    }
    Path file = Path.of("target", "screenshots", name + ".png");
    Files.createDirectories(file.getParent());
    Files.write(file, ((TakesScreenshot) driver).getScreenshotAs(OutputType.BYTES));
  }

  static String testName(TestInfo test) {
    return test.getTestClass().map(Class::getSimpleName).orElse("browser")
        + test.getTestMethod().map(m -> "-" + m.getName()).orElse("");
  }

  /** A page fetched with the browser's session cookie, as the browser would fetch it. */
  HttpResponse<byte[]> fetchAs(WebDriver driver, String pathOrUrl) {
    Cookie session = driver.manage().getCookieNamed("JSESSIONID");
    assertThat(session).as("a session cookie").isNotNull();
    String url = pathOrUrl.startsWith("http") ? pathOrUrl : base() + pathOrUrl;
    try {
      return HttpClient.newHttpClient()
          .send(
              HttpRequest.newBuilder(URI.create(url))
                  .header("Cookie", "JSESSIONID=" + session.getValue())
                  .GET()
                  .build(),
              HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** Whether the page's text has a message key Thymeleaf could not find ({@code ??key_zh_CN??}). */
  static void assertNoMissingMessages(WebDriver driver) {
    assertThat(driver.getPageSource())
        .as("message keys missing from the bundles")
        .doesNotContain("??");
  }

  private static String axeSource;

  private static synchronized String axe() throws IOException {
    if (axeSource == null) {
      String path = new WebJarVersionLocator().fullPath("axe-core", "axe.min.js");
      assertThat(path).as("the axe-core WebJar on the test classpath").isNotNull();
      String resource = path.startsWith("META-INF/") ? path : "META-INF/resources/webjars/" + path;
      try (InputStream in = BrowserTest.class.getClassLoader().getResourceAsStream(resource)) {
        assertThat(in).as(path).isNotNull();
        axeSource = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      }
    }
    return axeSource;
  }

  /**
   * Runs axe-core on the page the browser shows and fails on any serious or critical violation,
   * printing each with the elements it concerns.
   */
  @SuppressWarnings("unchecked")
  static void assertAccessible(WebDriver driver, String page) throws IOException {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    js.executeScript(axe());
    Object result =
        js.executeAsyncScript(
            "var done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']})"
                + ".then(function (r) { done(r.violations.map(function (v) {"
                + "  return {id: v.id, impact: v.impact || '', help: v.help,"
                + "    nodes: v.nodes.map(function (n) { return n.target.join(' ') + ' :: '"
                + "      + (n.failureSummary || ''); })}; })); })"
                + ".catch(function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e),"
                + "  nodes: []}]); });");
    List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
    List<String> serious = new ArrayList<>();
    for (Map<String, Object> violation : violations) {
      String line =
          page
              + ": "
              + violation.get("impact")
              + " "
              + violation.get("id")
              + " — "
              + violation.get("help")
              + " "
              + violation.get("nodes");
      System.out.println("axe " + line);
      if ("serious".equals(violation.get("impact")) || "critical".equals(violation.get("impact"))) {
        serious.add(line);
      }
    }
    assertThat(serious).as("serious or critical accessibility violations on " + page).isEmpty();
  }

  static WebElement byId(WebDriver driver, String id) {
    return driver.findElement(By.id(id));
  }
}
