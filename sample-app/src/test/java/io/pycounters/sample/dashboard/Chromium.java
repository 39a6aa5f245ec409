package io.pycounters.sample.dashboard;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A real headless Chromium, Debian's, driven through Debian's chromedriver: both given by path, so
 * Selenium Manager never runs and nothing is downloaded. Tests that need it are skipped, with the
 * packages to install, where either is missing.
 */
final class Chromium implements AutoCloseable {

    static final Path BROWSER = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    /** The viewport of every page, and so of every screenshot. */
    static final int WIDTH = 1400;
    static final int HEIGHT = 1000;

    final ChromeDriver driver;
    private final Path profile;

    private Chromium(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Skips the calling test unless both programs are installed. */
    static void assumeInstalled() {
        assumeTrue(Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER),
                "Needs " + BROWSER + " and " + DRIVER + ": install the Debian packages chromium and chromium-driver "
                        + "(apt-get install chromium chromium-driver)");
    }

    static Chromium start() throws IOException {
        assumeInstalled();
        System.setProperty("webdriver.chrome.driver", DRIVER.toString());
        Path profile = Files.createTempDirectory("pycounters-chromium-");
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BROWSER.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--window-size=1400,1000", "--user-data-dir=" + profile);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort()
                .build();
        ChromeDriver driver = new ChromeDriver(service, options);
        // The page's own size, whatever room the window's frame takes: screenshots are 1400×1000.
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride",
                Map.of("width", WIDTH, "height", HEIGHT, "deviceScaleFactor", 1, "mobile", false));
        return new Chromium(driver, profile);
    }

    /** Waits until {@code condition} holds (or is non-null); a wait, not a timing assertion. */
    <T> T await(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, Duration.ofSeconds(60)).until(condition);
    }

    /** Saves what the browser shows to {@code target/<name>}, for a person to look at. */
    Path screenshot(String name) {
        Path file = Path.of("target", name);
        try {
            Files.createDirectories(file.getParent());
            Files.copy(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
        return file;
    }

    @Override
    public void close() throws IOException {
        try {
            driver.quit();
        } finally {
            try (var files = Files.walk(profile)) {
                files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }
}
