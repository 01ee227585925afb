package io.vigil.server;

import static io.vigil.server.DashboardFixtures.BAND_PROBE;
import static io.vigil.server.DashboardFixtures.MINUTE;
import static io.vigil.server.DashboardFixtures.hosts;
import static io.vigil.server.DashboardFixtures.nab;
import static io.vigil.server.DashboardFixtures.web3AlertFrom;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.vigil.server.config.AlertRule;
import io.vigil.server.config.NotifierTarget;
import io.vigil.server.config.SeriesSelector;
import io.vigil.server.config.ServerConfig;
import io.vigil.server.config.VigilConfig;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The dashboard in a real browser (Debian's chromium, headless, through chromedriver) against
 * a real {@code vigil serve} fed with a NAB series and a few generated hosts. Screenshots go
 * to {@code target/screenshots}. Skipped, saying why, where chromium cannot be had
 * ({@code scripts/install-test-servers.sh} installs it).
 */
class DashboardBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  /** How long a page may take to draw: generous, for a loaded 2-core CI machine. */
  private static final Duration WAIT = Duration.ofSeconds(45);

  @TempDir Path dir;
  private WebDriver browser;

  @BeforeEach
  void browser() {
    assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
        "chromium and chromedriver are not installed (scripts/install-test-servers.sh)");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    // The flags that keep chromium off the network it cannot reach here.
    options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu",
        "--disable-dev-shm-usage", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--window-size=1400,1000", "--user-data-dir=" + dir.resolve("chromium"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void close() {
    if (browser != null) {
      browser.quit();
    }
  }

  /** Opens a dashboard page and waits until it has drawn ({@code body[data-ready]}). */
  private void open(int port, String hash, String page) {
    ((JavascriptExecutor) browser).executeScript("document.body && delete document.body.dataset.ready");
    browser.get("http://127.0.0.1:" + port + "/" + hash);
    new WebDriverWait(browser, WAIT).until(b -> page.equals(
        ((JavascriptExecutor) b).executeScript("return document.body.dataset.ready")));
  }

  private void screenshot(String name) throws Exception {
    Files.createDirectories(SCREENSHOTS);
    Files.write(SCREENSHOTS.resolve(name + ".png"),
        ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
  }

  @Test
  void theNowListRanksTheInjectedAnomalyFirst_andTheSeriesViewDrawsItsBand()
      throws Exception {
    long now = System.currentTimeMillis() / MINUTE * MINUTE;
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir.resolve("data")))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      assertThat(http.post("/api/v1/points", nab(now - 3 * 60 * MINUTE)).status())
          .isEqualTo(200);
      assertThat(http.post("/api/v1/points", hosts(now, 20)).status()).isEqualTo(200);
      JsonNode ranked = http.get("/api/v1/now?window=6h").json();
      assertThat(ranked.get("total").asInt()).isGreaterThanOrEqualTo(1);
      long injected = ranked.get("entries").get(0).get("id").asLong();

      open(server.port(), "#/now?window=6h&groupBy=host", "now");
      List<WebElement> rows = browser.findElements(By.cssSelector("#now-table tbody tr"));
      assertThat(rows).hasSize(ranked.get("entries").size());
      assertThat(rows.get(0).getText()).startsWith("1 cpu_percent {host=\"web3\"}");
      assertThat(rows.get(0).getAttribute("data-series")).isEqualTo(Long.toString(injected));
      assertThat(nonBlankPixels("#swimlane")).isGreaterThan(100);
      screenshot("now");
      // The swim lane by keyboard: focus starts on the hottest cell, Enter opens its series.
      WebElement lane = browser.findElement(By.id("swimlane"));
      lane.sendKeys(org.openqa.selenium.Keys.ARROW_RIGHT);
      assertThat(lane.getAttribute("aria-label")).startsWith("web3, ")
          .contains("probability 0.99");
      lane.sendKeys(org.openqa.selenium.Keys.ARROW_LEFT, org.openqa.selenium.Keys.ENTER);
      new WebDriverWait(browser, WAIT).until(b -> b.getCurrentUrl()
          .contains("#/series/" + injected));
      open(server.port(), "#/now?window=6h&groupBy=host", "now");
      rows = browser.findElements(By.cssSelector("#now-table tbody tr"));

      rows.get(0).findElement(By.tagName("a")).click();
      new WebDriverWait(browser, WAIT).until(b -> "series".equals(
          ((JavascriptExecutor) b).executeScript("return document.body.dataset.ready")));
      assertThat(browser.findElement(By.tagName("h1")).getText())
          .isEqualTo("cpu_percent {host=\"web3\"}");
      // The band: in most columns of the plot, a run of rows in the band's colour.
      Map<?, ?> band = (Map<?, ?>) ((JavascriptExecutor) browser).executeScript(BAND_PROBE);
      assertThat(((Number) band.get("nonBlank")).longValue()).isGreaterThan(5_000);
      assertThat(((Number) band.get("columnsWithBand")).longValue())
          .isGreaterThan(((Number) band.get("columns")).longValue() / 2);
      assertThat(((Number) band.get("redPixels")).longValue()).isGreaterThan(10);
      // Pan: Earlier moves the window back by half of it.
      String shownBefore = browser.findElement(By.cssSelector("dl.facts")).getText();
      browser.findElement(By.id("earlier")).click();
      new WebDriverWait(browser, WAIT).until(b -> !b.findElement(
          By.cssSelector("dl.facts")).getText().equals(shownBefore)
          && b.getCurrentUrl().contains("from="));
      browser.findElement(By.id("later")).click();
      new WebDriverWait(browser, WAIT).until(b -> b.findElement(
          By.cssSelector("dl.facts")).getText().equals(shownBefore));
      // Which other series were anomalous around the jump: none here, said in words.
      new WebDriverWait(browser, WAIT).until(b -> !b.findElements(
          By.cssSelector("#related li")).isEmpty());
      assertThat(browser.findElement(By.id("related")).getText())
          .startsWith("No other series was anomalous within 30 minutes of");
      screenshot("series");

      // The threshold manager shows what the API computes, wherever the slider is.
      for (String nines : new String[] {null, "5"}) {
        JavascriptExecutor js = (JavascriptExecutor) browser;
        if (nines != null) {
          js.executeScript("const s = document.getElementById('threshold-slider');"
              + "s.value = arguments[0]; s.dispatchEvent(new Event('input'));", nines);
        }
        new WebDriverWait(browser, WAIT).until(b -> {
          WebElement p = b.findElement(By.id("threshold-preview"));
          return p.getAttribute("data-alerts") != null && (nines == null
              || "0.99999".equals(p.getAttribute("data-probability")));
        });
        WebElement preview = browser.findElement(By.id("threshold-preview"));
        String probability = preview.getAttribute("data-probability");
        JsonNode computed = http.get("/api/v1/series/" + injected + "/threshold?probability="
            + probability).json();
        assertThat(preview.getAttribute("data-alerts"))
            .isEqualTo(computed.get("proposed").get("alerts").asText());
        assertThat(preview.getText()).contains(computed.get("proposed").get("alerts").asText()
            + " alert");
      }
      browser.findElement(By.id("threshold-save")).click();
      new WebDriverWait(browser, WAIT).until(b -> b.findElement(
          By.id("threshold-saved")).getText().startsWith("Version 1 (threshold 0.99999)"));
      assertThat(http.get("/api/v1/series/" + injected + "/models").json().get("models")
          .get(0).get("status").asText()).isEqualTo("champion");
      new WebDriverWait(browser, WAIT).until(b -> b.findElement(
          By.id("models-panel")).getText().contains("chosen-by-hand"));
      ((JavascriptExecutor) browser).executeScript(
          "document.getElementById('threshold-panel').scrollIntoView()");
      screenshot("threshold");

      // An incident Vigil missed, drawn on the chart, reaches the store as a label.
      ((JavascriptExecutor) browser).executeScript("window.scrollTo(0, 0)");
      browser.findElement(By.id("mark-missed")).click();
      WebElement over = browser.findElement(By.cssSelector("#chart .u-over"));
      new org.openqa.selenium.interactions.Actions(browser).moveToElement(over, -200, 0)
          .clickAndHold().moveByOffset(60, 0).release().perform();
      new WebDriverWait(browser, WAIT).until(b -> b.findElement(
          By.id("mark-message")).getText().startsWith("Recorded a missed incident"));
      JsonNode labels = http.get("/api/v1/feedback?series=" + injected).json().get("labels");
      assertThat(labels).hasSize(1);
      assertThat(labels.get(0).get("verdict").asText()).isEqualTo("missed");
      assertThat(labels.get(0).get("anomalous").asBoolean()).isTrue();
      // The threshold manager counts the new incident.
      new WebDriverWait(browser, WAIT).until(b -> b.findElement(
          By.id("threshold-preview")).getText().contains("of 1 labelled incidents"));
      Thread.sleep(300); // the chart redraws with the label shaded
      screenshot("missed");

      // Models: the champion's health; a trained candidate run in its shadow and compared.
      new WebDriverWait(browser, WAIT).until(b -> b.findElement(
          By.id("model-health")).getText().startsWith("Champion v1: ok"));
      browser.findElement(By.id("train")).click();
      new WebDriverWait(browser, Duration.ofSeconds(60)).until(b -> b.findElement(
          By.id("models-message")).getText().startsWith("Trained version 2"));
      new WebDriverWait(browser, WAIT).until(b -> !b.findElements(
          By.xpath("//section[@id='models-panel']//button[text()='Shadow']")).isEmpty());
      browser.findElement(By.xpath("//section[@id='models-panel']//button[text()='Shadow']"))
          .click();
      new WebDriverWait(browser, WAIT).until(b -> b.findElement(
          By.id("models-panel")).getText().contains("in shadow: "));
      assertThat(http.get("/api/v1/series/" + injected + "/models").json().get("models")
          .get(0).has("shadowFromSeq")).isTrue();
      ((JavascriptExecutor) browser).executeScript(
          "document.getElementById('models-panel').scrollIntoView()");
      screenshot("models");
    }
  }

  /** Pixels drawn (not transparent) on the canvas {@code selector} names. */
  private long nonBlankPixels(String selector) {
    return ((Number) ((JavascriptExecutor) browser).executeScript(
        "const c = document.querySelector(arguments[0]);"
            + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
            + "let n = 0; for (let i = 3; i < d.length; i += 4) if (d[i] > 0) n++; return n;",
        selector)).longValue();
  }

  @Test
  void feedbackAndASilenceGivenInThePages_reachTheStoreAndMuteTheNextNotification()
      throws Exception {
    long now = System.currentTimeMillis() / MINUTE * MINUTE;
    try (WebhookReceiver hook = new WebhookReceiver(0)) {
      VigilConfig config = new VigilConfig(ServerConfig.defaults().withAddress("127.0.0.1", 0)
          .withDataDir(dir.resolve("data")), List.of(), List.of(new AlertRule("cpu-anomaly",
              new SeriesSelector("cpu_percent", Map.of()), 0.999, Duration.ZERO, null,
              Duration.ofMinutes(15))),
          List.of(new NotifierTarget(NotifierTarget.Kind.WEBHOOK, URI.create(hook.url("/")),
              1)));
      try (VigilServer server = VigilServer.start(config)) {
        HttpClientSupport http = new HttpClientSupport(server.port());
        assertThat(http.post("/api/v1/points", hosts(now - 120 * MINUTE, 5)).status())
            .isEqualTo(200);
        // The alert of web3's jump (noise elsewhere in two days may raise others).
        JsonNode spike = web3AlertFrom(http, now - 125 * MINUTE);
        long alertId = spike.get("id").asLong();
        assertThat(hook.await("\"id\":" + alertId + ",", 10_000)).isNotNull();

        open(server.port(), "#/alerts/" + alertId, "alerts");
        assertThat(browser.findElement(By.tagName("h1")).getText())
            .startsWith("Alert #" + alertId);
        assertThat(nonBlankPixels("#chart canvas")).isGreaterThan(1_000); // the incident's chart
        browser.findElement(By.id("false-positive")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.findElement(
            By.id("alert-message")).getText().startsWith("Recorded as false positive"));
        long seriesId = http.get("/api/v1/alerts/" + alertId + "/series").json()
            .get("series").get(0).get("id").asLong();
        JsonNode labels = http.get("/api/v1/feedback?series=" + seriesId).json()
            .get("labels");
        assertThat(labels).hasSize(1);
        assertThat(labels.get(0).toString()).contains("\"anomalous\":false");

        browser.findElement(By.id("silence-comment")).sendKeys("load test");
        browser.findElement(By.id("silence")).click();
        new WebDriverWait(browser, Duration.ofSeconds(10)).until(b -> b.findElement(
            By.id("silence-message")).getText().startsWith("Silenced until"));
        screenshot("alert");
        JsonNode silences = http.get("/api/v1/silences").json().get("silences");
        assertThat(silences).hasSize(1);
        assertThat(silences.get(0).get("comment").asText()).isEqualTo("load test");

        // Later, quiet for an hour, then the same host's CPU jumps again: a new alert,
        // recorded, but its notification muted.
        int before = hook.bodies().size();
        StringBuilder later = new StringBuilder("[");
        Random random = new Random(9);
        for (int i = 1; i <= 60; i++) {
          later.append(i == 1 ? "" : ",").append("{\"series\":\"cpu_percent\",\"labels\":"
              + "{\"host\":\"web3\"},\"timestamp\":").append(now - 120 * MINUTE + i * MINUTE)
              .append(",\"value\":").append(i < 50 ? 40 + random.nextGaussian() : 99.5)
              .append('}');
        }
        assertThat(http.post("/api/v1/points", later.append(']').toString()).status())
            .isEqualTo(200);
        JsonNode newest = web3AlertFrom(http, now - 120 * MINUTE + 50 * MINUTE);
        for (int i = 0; i < 100 && http.get("/api/v1/alerts/" + newest.get("id").asLong())
            .json().get("deliveries").isEmpty(); i++) {
          Thread.sleep(100);
        }
        assertThat(http.get("/api/v1/alerts/" + newest.get("id").asLong()).json()
            .get("deliveries")).allMatch(d -> d.get("outcome").asText().equals("silenced"));
        assertThat(hook.bodies().subList(before, hook.bodies().size()))
            .noneMatch(body -> body.contains("web3"));

        open(server.port(), "#/alerts", "alerts");
        assertThat(browser.findElement(By.id("silences-table")).getText())
            .contains("load test");
        screenshot("alerts");

        // The week's report counts the false positive, in the API and on its page.
        JsonNode report = http.get("/api/v1/report?since=7d").json();
        assertThat(report.get("feedback").get("falsePositives").asInt()).isEqualTo(1);
        assertThat(report.get("feedback").get("precision").asDouble()).isZero();
        assertThat(report.get("incidents")).anyMatch(i -> i.get("id").asLong() == alertId
            && i.get("verdict").asText().equals("false-positive"));
        open(server.port(), "#/report?since=7d", "report");
        browser.switchTo().frame("report-frame");
        assertThat(browser.findElement(By.tagName("body")).getText())
            .contains("precision from feedback (0 true, 1 false)", "cpu-anomaly");
        browser.switchTo().defaultContent();
        screenshot("report");
      }
    }
  }

  @Test
  void theBehaviourPageRanksTheUserWhoBrokeTheirHabits_withItsReasons() throws Exception {
    try (VigilServer server = VigilServer.start(ServerConfig.defaults()
        .withAddress("127.0.0.1", 0).withDataDir(dir.resolve("data")))) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      String logins = Files.readString(Path.of(System.getProperty("vigil.datasets",
          "../datasets"), "examples", "logins.csv"));
      assertThat(http.post("/api/v1/events", logins, "text/csv").status()).isEqualTo(200);
      open(server.port(), "#/behaviour?entity=user&recent=20h&baseline=30d", "behaviour");
      List<WebElement> rows = browser.findElements(By.cssSelector("#behaviour-table tbody tr"));
      JsonNode ranked = http.get("/api/v1/behaviour?entity=user&recent=20h&baseline=30d")
          .json().get("ranked");
      assertThat(rows).hasSize(ranked.size()).isNotEmpty();
      assertThat(rows.get(0).getText()).startsWith("1 " + ranked.get(0).get("entity").asText())
          .contains(ranked.get(0).get("findings").get(0).get("reason").asText());
      screenshot("behaviour");
    }
  }

  @Test
  void withTokens_thePageAsksForOne_andOffersOnlyWhatItsRoleMayDo() throws Exception {
    Path data = dir.resolve("data");
    String viewer;
    String operator;
    String writer;
    try (var store = io.vigil.server.store.sql.SqlStores.open(data)) {
      var tokens = new io.vigil.server.security.ApiTokens(
          store.tokens(), System::currentTimeMillis);
      viewer = tokens.create("wall-screen", io.vigil.server.security.Role.VIEWER);
      operator = tokens.create("on-call", io.vigil.server.security.Role.OPERATOR);
      writer = tokens.create("loader", io.vigil.server.security.Role.WRITER);
    }
    long now = System.currentTimeMillis() / MINUTE * MINUTE;
    VigilConfig config = new VigilConfig(ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(data), List.of(), List.of(new AlertRule("cpu-anomaly",
            new SeriesSelector("cpu_percent", Map.of()), 0.999, Duration.ZERO, null,
            Duration.ofMinutes(15))), List.of());
    try (VigilServer server = VigilServer.start(config)) {
      java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
      var loaded = client.send(java.net.http.HttpRequest.newBuilder(URI.create(
          "http://127.0.0.1:" + server.port() + "/api/v1/points"))
          .header("Content-Type", "application/json").header("Authorization", "Bearer "
              + writer).POST(java.net.http.HttpRequest.BodyPublishers.ofString(
                  hosts(now, 5))).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
      assertThat(loaded.statusCode()).as(loaded.body()).isEqualTo(200);

      browser.get("http://127.0.0.1:" + server.port() + "/#/alerts");
      WebElement token = new WebDriverWait(browser, WAIT).until(b -> {
        WebElement t = b.findElement(By.id("token"));
        return t.isDisplayed() ? t : null;
      });
      token.sendKeys(viewer);
      token.submit();
      new WebDriverWait(browser, WAIT).until(b -> "alerts".equals(
          ((JavascriptExecutor) b).executeScript("return document.body.dataset.ready")));
      assertThat(browser.findElement(By.id("who")).getText())
          .isEqualTo("wall-screen (viewer)");
      WebElement first = browser.findElement(By.cssSelector("#alerts-table tbody tr a"));
      first.click();
      new WebDriverWait(browser, WAIT).until(b -> !b.findElements(
          By.id("read-only")).isEmpty());
      assertThat(browser.findElements(By.id("silence"))).isEmpty();
      assertThat(browser.findElements(By.id("false-positive"))).isEmpty();
      assertThat(browser.findElement(By.id("main")).getText()).doesNotContain("null");
      screenshot("viewer");

      browser.findElement(By.id("logout")).click();
      token = new WebDriverWait(browser, WAIT).until(b -> {
        WebElement t = b.findElement(By.id("token"));
        return t.isDisplayed() ? t : null;
      });
      token.sendKeys(operator);
      token.submit();
      new WebDriverWait(browser, WAIT).until(b -> !b.findElements(
          By.id("silence")).isEmpty());
      assertThat(browser.findElement(By.id("who")).getText()).isEqualTo("on-call (operator)");
    }
  }

  @Test
  void aSeriesAPredictionRuleCovers_showsItsForecastAndWhenItReachesTheLimit() throws Exception {
    long start = (System.currentTimeMillis() - 2000 * 300_000L) / 3_600_000L * 3_600_000L;
    VigilConfig config = new VigilConfig(ServerConfig.defaults().withAddress("127.0.0.1", 0)
        .withDataDir(dir.resolve("data")), List.of(), List.of(), List.of(), List.of(),
        List.of(new io.vigil.server.config.PredictionRule("disk-full",
            new SeriesSelector("disk_.*", Map.of()), 95, true, Duration.ofDays(14),
            Duration.ofDays(28), "linear-trend", 0.8, Duration.ofHours(1), Duration.ZERO)));
    try (VigilServer server = VigilServer.start(config)) {
      HttpClientSupport http = new HttpClientSupport(server.port());
      StringBuilder b = new StringBuilder("[");
      for (int i = 0; i < 2000; i++) {
        b.append(i == 0 ? "" : ",").append("{\"series\":\"disk_used\",\"timestamp\":")
            .append(start + i * 300_000L).append(",\"value\":").append(40 + 0.01 * i)
            .append('}');
      }
      assertThat(http.post("/api/v1/points", b.append(']').toString()).status())
          .isEqualTo(200);
      // The rule is evaluated in the background, hour by hour of the series' time; the last
      // evaluations see the limit 12 days ahead, within the rule's 14.
      JsonNode estimate = null;
      for (int i = 0; i < 200; i++) {
        JsonNode p = http.get("/api/v1/predictions").json();
        if (p.get("pending").asInt() == 0 && !p.get("predictions").isEmpty()
            && p.get("predictions").get(0).path("crossing").path("withinHorizon").asBoolean()) {
          estimate = p.get("predictions").get(0);
          break;
        }
        Thread.sleep(100);
      }
      assertThat(estimate).isNotNull();
      String expected = estimate.get("crossing").get("expected").asText();

      open(server.port(), "#/series/1", "series");
      WebElement note = browser.findElement(By.id("forecast-note"));
      assertThat(note.getText()).startsWith("Forecast by linear-trend")
          .contains("Prediction rule disk-full: limit 95 expected at " + expected);
      long orange = ((Number) ((JavascriptExecutor) browser).executeScript(
          "const c = document.querySelector('#chart canvas');"
              + "const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
              + "let n = 0; for (let i = 0; i < d.length; i += 4)"
              + " if (d[i] > 180 && d[i+1] > 90 && d[i+1] < 150 && d[i+2] < 60 && d[i+3] > 200) n++;"
              + " return n;")).longValue();
      assertThat(orange).as("pixels of the forecast line").isGreaterThan(50);
      screenshot("forecast");
    }
  }
}
