package dev.herald.it;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's Chromium, headless, driven through Debian's chromedriver: no browser or driver is
 * downloaded (Selenium Manager is never asked, because both paths are given). It records the
 * URL of every request the page makes, from Chromium's own network log.
 */
final class Browser implements AutoCloseable {
    static final String CHROMIUM = System.getProperty("herald.chromium", "/usr/bin/chromium");
    static final String CHROMEDRIVER = System.getProperty("herald.chromedriver", "/usr/bin/chromedriver");

    final ChromeDriver driver;
    private final Path profile;
    private final List<String> requested = new ArrayList<>();

    Browser() throws IOException {
        profile = Files.createTempDirectory("herald-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // Without the background-networking flags Chromium phones home, which this closed
        // network refuses (and a CI machine should not do anyway).
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,1000", "--lang=en-US");
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(new java.io.File(CHROMEDRIVER)).usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    /** Waits that look again when the page re-rendered under them (the portal redraws views). */
    WebDriverWait waiting() {
        WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(20));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
        return wait;
    }

    /**
     * Goes to {@code url} and waits until the portal has drawn a new page there (a heading that
     * was not on the page before), so no check reads the page it came from. The same URL is
     * reloaded; a new fragment on the same page is a hashchange, which the portal draws too.
     */
    WebElement visit(String url) {
        driver.executeScript("document.querySelectorAll('#main h1').forEach(e => e.setAttribute('data-stale', ''))");
        if (url.equals(driver.getCurrentUrl())) {
            driver.navigate().refresh();
        } else {
            driver.get(url);
        }
        return await(By.cssSelector("#main h1:not([data-stale])"));
    }

    WebElement await(By by) {
        return waiting().until(ExpectedConditions.visibilityOfElementLocated(by));
    }

    void awaitText(By by, String text) {
        waiting().until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    }

    void size(int width, int height) {
        driver.manage().window().setSize(new Dimension(width, height));
    }

    /**
     * Every request the page has made so far (documents, scripts, fetches): its URL and its
     * Referer, if it sent one, as {@code "url referer"}.
     */
    List<String> requests() {
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE)) {
            jakarta.json.JsonObject message;
            try (var reader = jakarta.json.Json.createReader(new java.io.StringReader(entry.getMessage()))) {
                message = reader.readObject().getJsonObject("message");
            }
            if ("Network.requestWillBeSent".equals(message.getString("method", ""))) {
                jakarta.json.JsonObject request = message.getJsonObject("params").getJsonObject("request");
                jakarta.json.JsonObject headers = request.getJsonObject("headers");
                String referer = headers.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("referer"))
                        .map(e -> e.getValue().toString()).findFirst().orElse("");
                requested.add(request.getString("url") + " " + referer);
            }
        }
        return List.copyOf(requested);
    }

    /** The console's errors, e.g. a Content-Security-Policy violation. */
    List<String> consoleErrors() {
        return driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()).map(LogEntry::getMessage).toList();
    }

    /**
     * A screenshot into target/portal-screenshots, and into docs/portal when
     * {@code -Dherald.screenshots.update=true} (README shows those).
     */
    void screenshot(String name) {
        // The whole page, not only the window: the views are longer than a screen.
        Map<String, Object> metrics = driver.executeCdpCommand("Page.getLayoutMetrics", Map.of());
        @SuppressWarnings("unchecked")
        Map<String, Object> content = (Map<String, Object>) metrics.get("cssContentSize");
        // the window's width: capturing beyond the viewport lays the page out without a scrollbar
        double width = Math.max(((Number) content.get("width")).doubleValue(),
                ((Number) driver.executeScript("return window.innerWidth")).doubleValue());
        double height = Math.min(((Number) content.get("height")).doubleValue(), 3000);
        Map<String, Object> shot = driver.executeCdpCommand("Page.captureScreenshot", Map.of("format", "png",
                "captureBeyondViewport", true, "clip", Map.of("x", 0, "y", 0, "width", width, "height", height, "scale", 1)));
        byte[] png = java.util.Base64.getDecoder().decode((String) shot.get("data"));
        try {
            Path target = Path.of("target", "portal-screenshots");
            Files.createDirectories(target);
            Files.write(target.resolve(name + ".png"), png);
            if (Boolean.getBoolean("herald.screenshots.update")) {
                Path docs = Path.of("docs", "portal");
                Files.createDirectories(docs);
                Files.write(docs.resolve(name + ".png"), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        driver.quit();
        try (var files = Files.walk(profile)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temporary profile left behind is harmless
        }
    }
}
