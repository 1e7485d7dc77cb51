package org.migstat.testing;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real browser for page tests: Debian's Chromium, headless, driven by Debian's chromedriver through Selenium
 * (both binaries given explicitly, so Selenium Manager never downloads anything), with the network switched off
 * before the first page loads. What a page does wrong is recorded rather than lost: uncaught errors, console
 * errors and warnings, CSP violations and alerts (by {@link #TRAP}, which runs before any page script), the
 * browser's own console log, and every request the browser sends. Fails — does not skip — when Chromium is
 * missing: CI installs it (.ci/run).
 */
public final class Chromium implements AutoCloseable {
  public static final Path BINARY = Path.of("/usr/bin/chromium");
  public static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  /** Screenshots (and the pages they show) are kept here as test artifacts. */
  public static final Path SHOTS = Path.of(System.getProperty("basedir", "."), "target", "dashboard-screenshots");

  /** Runs before any page script: records alerts, errors and CSP violations instead of letting them pass unseen. */
  static final String TRAP = String.join("\n",
      "window.__alerts = []; window.__errors = [];",
      "['alert', 'confirm', 'prompt'].forEach(function (n) {",
      "  window[n] = function (m) { window.__alerts.push(n + ': ' + m); };",
      "});",
      "window.addEventListener('error', function (e) {",
      "  window.__errors.push('error: ' + (e.message || (e.target && (e.target.src || e.target.tagName)) || e.type));",
      "}, true);",
      "window.addEventListener('securitypolicyviolation', function (e) {",
      "  window.__errors.push('csp: ' + e.violatedDirective + ' ' + e.blockedURI);",
      "});",
      "(function () { var ce = console.error, cw = console.warn;",
      "  console.error = function () { window.__errors.push('console.error: ' + Array.prototype.join.call(arguments, ' ')); return ce.apply(console, arguments); };",
      "  console.warn = function () { window.__errors.push('console.warn: ' + Array.prototype.join.call(arguments, ' ')); return cw.apply(console, arguments); };",
      "}());");

  private final ChromeDriverService service;
  private final ChromeDriver driver;
  private final Path profile;

  private Chromium(ChromeDriverService service, ChromeDriver driver, Path profile) {
    this.service = service;
    this.driver = driver;
    this.profile = profile;
  }

  /** A fresh headless browser (own temporary profile), offline, with the trap installed for every page. */
  public static Chromium start() throws IOException {
    assertTrue(Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
        "Chromium is not installed (" + BINARY + ", " + DRIVER + "): the dashboard tests need a real browser. "
            + "Install it with `apt-get update && apt-get install -y chromium chromium-driver` (.ci/run does this in CI).");
    Path profile = Files.createTempDirectory("migstat-chromium-profile");
    ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
        .usingAnyFreePort().build();
    ChromeOptions options = new ChromeOptions();
    options.setBinary(BINARY.toFile());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-dev-shm-usage",
        "--user-data-dir=" + profile, "--window-size=1400,1000");
    LoggingPreferences logs = new LoggingPreferences();
    logs.enable(LogType.BROWSER, Level.ALL);
    logs.enable(LogType.PERFORMANCE, Level.ALL);
    options.setCapability("goog:loggingPrefs", logs);
    ChromeDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      service.stop();
      deleteQuietly(profile);
      throw e;
    }
    Chromium c = new Chromium(service, driver, profile);
    driver.executeCdpCommand("Network.enable", Map.of());
    driver.executeCdpCommand("Network.emulateNetworkConditions",
        Map.of("offline", true, "latency", 0, "downloadThroughput", -1, "uploadThroughput", -1));
    driver.executeCdpCommand("Page.addScriptToEvaluateOnNewDocument", Map.of("source", TRAP));
    return c;
  }

  public ChromeDriver driver() {
    return driver;
  }

  /** Opens a local file (file:// URL). */
  public void open(Path file) {
    driver.get(file.toAbsolutePath().toUri().toString());
  }

  /** Waits until {@code script} returns {@code expected} (compared with equals). */
  public void waitUntil(String script, Object expected, Duration timeout) {
    new WebDriverWait(driver, timeout).until(d -> expected.equals(((ChromeDriver) d).executeScript(script)));
  }

  public Object js(String script, Object... args) {
    return driver.executeScript(script, args);
  }

  /** What the trap recorded on the current page: uncaught errors, console errors and warnings, CSP violations. */
  @SuppressWarnings("unchecked")
  public List<String> pageErrors() {
    return (List<String>) js("return window.__errors || ['trap not installed']");
  }

  /** Alerts, confirms and prompts the current page tried to open. */
  @SuppressWarnings("unchecked")
  public List<String> alerts() {
    return (List<String>) js("return window.__alerts || ['trap not installed']");
  }

  /** Forgets the browser's log so far (its own start-up requests): goes to about:blank and drains both logs. */
  public void resetLogs() {
    driver.get("about:blank");
    driver.manage().logs().get(LogType.PERFORMANCE);
    driver.manage().logs().get(LogType.BROWSER);
  }

  /** Browser console messages at WARNING or above since the last call (the log is drained by reading it). */
  public List<String> consoleProblems() {
    List<String> out = new ArrayList<>();
    for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
      if (e.getLevel().intValue() >= Level.WARNING.intValue()) {
        out.add(e.getMessage());
      }
    }
    return out;
  }

  /** URLs of every request the browser sent since the last call (from the performance log, drained by reading). */
  public List<String> requests() {
    List<String> out = new ArrayList<>();
    ObjectMapper om = new ObjectMapper();
    for (LogEntry e : driver.manage().logs().get(LogType.PERFORMANCE)) {
      try {
        JsonNode m = om.readTree(e.getMessage()).path("message");
        if (m.path("method").asText().equals("Network.requestWillBeSent")) {
          out.add(m.path("params").path("request").path("url").asText());
        }
      } catch (IOException ex) {
        throw new UncheckedIOException(ex);
      }
    }
    return out;
  }

  /** Resources the current page loaded, as the page itself saw them (Resource Timing). */
  @SuppressWarnings("unchecked")
  public List<String> pageResources() {
    return ((List<Object>) js("return performance.getEntriesByType('resource').map(function (e) { return e.name; })"))
        .stream().map(String::valueOf).toList();
  }

  /** axe-core's script, from the test classpath (Deque's jar; see pom.xml): no network at test time. */
  static final String AXE = "axe.min.js";

  /** The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA, as axe-core tags them. */
  public static final List<String> WCAG22_AA = List.of("wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa");

  /**
   * Runs axe-core on the current page (injected into it for this check only) with the rules of {@code tags}
   * and returns its violations, one line each: rule, impact, help and the first elements that fail it with
   * axe's own summary of why. Content in closed {@code <details>} is not rendered, so callers open them first.
   */
  public List<String> axeViolations(List<String> tags) throws IOException {
    String axe;
    try (var in = Chromium.class.getClassLoader().getResourceAsStream(AXE)) {
      assertTrue(in != null, AXE + " is missing from the test classpath (test dependency com.deque.html.axe-core:selenium)");
      axe = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    }
    js(axe + "\n;window.__axeVersion = axe.version;");
    driver.manage().timeouts().scriptTimeout(Duration.ofMinutes(3));
    Object json = driver.executeAsyncScript(String.join("\n",
        "var done = arguments[arguments.length - 1];",
        "axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}, resultTypes: ['violations']})",
        "  .then(function (r) { done(JSON.stringify(r.violations.map(function (v) {",
        "    return v.id + ' (' + v.impact + '): ' + v.help + ' — ' + v.nodes.length + ' element(s), e.g. ' +",
        "      v.nodes.slice(0, 3).map(function (n) { return n.target.join(' ') + ' [' + (n.failureSummary || '').replace(/\\s+/g, ' ') + ']'; }).join('; ');",
        "  }))); }, function (e) { done(JSON.stringify(['axe failed to run: ' + e])); });"), tags);
    List<String> out = new ArrayList<>();
    new ObjectMapper().readTree(String.valueOf(json)).forEach(n -> out.add(n.asText()));
    return out;
  }

  /** The whole page (up to 16,000 px high) as a PNG under {@link #SHOTS}; asserts it holds a real picture. */
  public Path screenshot(String name) throws IOException {
    @SuppressWarnings("unchecked")
    Map<String, Object> metrics = (Map<String, Object>) driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
    @SuppressWarnings("unchecked")
    Map<String, Object> size = (Map<String, Object>) metrics.get("cssContentSize");
    double w = ((Number) size.get("width")).doubleValue();
    double h = Math.min(((Number) size.get("height")).doubleValue(), 16_000);
    Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
        "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", w, "height", h, "scale", 1)));
    Files.createDirectories(SHOTS);
    Path file = SHOTS.resolve(name + ".png");
    Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
    assertTrue(Files.size(file) > 20_000, "a real screenshot: " + file);
    return file;
  }

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      service.stop();
      deleteQuietly(profile);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (Exception ignored) {
      // a leftover temp profile is harmless
    }
  }
}
