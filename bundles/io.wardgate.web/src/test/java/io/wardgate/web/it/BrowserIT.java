package io.wardgate.web.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.web.auth.Base32;
import io.wardgate.web.auth.Totp;
import io.wardgate.web.port.DeviceRegistry;
import io.wardgate.web.port.LatestReadings;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The UI flows in a real browser (Debian's headless Chromium through chromedriver) against the
 * real runtime: first setup, TOTP enrollment, login with TOTP, approving a pending device, and
 * changing a setting and seeing it applied. Screenshots land in target/screenshots.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BrowserIT {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path DRIVER = Path.of("/usr/bin/chromedriver");
    static final String PASSWORD = "Ward-4-browser-admin";

    static FelixRuntime runtime;
    static WebDriver driver;
    static WebDriverWait wait;
    static String base;
    static byte[] secret;
    static final Fakes.RecordingAudit AUDIT = new Fakes.RecordingAudit();

    @BeforeAll
    static void start() throws Exception {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(DRIVER)) {
            String why = "BrowserIT needs Debian's chromium and chromium-driver (" + CHROMIUM + ", " + DRIVER
                    + "): apt-get install -y chromium chromium-driver";
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException(why);
            }
            Assumptions.abort(why);
        }
        runtime = FelixRuntime.start("browser");
        runtime.register(AuditTrail.class, AUDIT);
        runtime.register(DeviceRegistry.class, new Fakes.Registry());
        runtime.register(LatestReadings.class, new Fakes.Readings());
        runtime.register(Uplink.class, new Fakes.ConnectedUplink());
        runtime.register(Outbox.class, new Fakes.SmallOutbox());
        Logins.awaitUp(runtime.port);
        base = "https://localhost:" + runtime.port;

        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        Path profile = Files.createTempDirectory("wardgate-chromium-");
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--user-data-dir=" + profile, "--window-size=1440,1000", "--disable-dev-shm-usage");
        options.setAcceptInsecureCerts(true);
        options.setCapability("goog:loggingPrefs", Map.of("browser", "ALL"));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        driver = new ChromeDriver(service, options);
        wait = new WebDriverWait(driver, Duration.ofSeconds(30));
    }

    @AfterAll
    static void stop() throws Exception {
        if (driver != null) {
            driver.quit();
        }
        if (runtime != null) {
            runtime.close();
        }
    }

    @Test
    @Order(1)
    void firstSetupCreatesTheAdministratorWhoEnrollsTotp() throws Exception {
        driver.get(base + "/");
        wait.until(d -> d.getCurrentUrl().endsWith("/setup.html"));
        screenshot("setup");
        type("code", runtime.setupCode());
        type("user", "alice");
        type("password", PASSWORD);
        type("password2", PASSWORD);
        driver.findElement(By.cssSelector("#setup button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/enroll.html"));
        String shown = wait.until(d -> {
            String text = d.findElement(By.id("secret")).getText();
            return text.isBlank() ? null : text;
        });
        wait.until(d -> (Boolean) ((org.openqa.selenium.JavascriptExecutor) d)
                .executeScript("const q = document.getElementById('qr'); return q.complete && q.naturalWidth > 0;"));
        screenshot("enroll");
        secret = Base32.decode(shown.replace(" ", ""));
        type("code", Totp.code(secret, Totp.step(Instant.now()), 6));
        driver.findElement(By.cssSelector("#enroll button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().equals(base + "/"));
        assertThat(wait.until(d -> d.findElement(By.id("site-name"))).getText()).isEqualTo("WardGate");
        assertThat(AUDIT.count("SETUP_COMPLETED", "alice")).isEqualTo(1);
        assertThat(AUDIT.count("MFA_ENROLLED", "alice")).isEqualTo(1);
    }

    @Test
    @Order(2)
    void loginNeedsTheTotpCode() throws Exception {
        wait.until(d -> d.findElement(By.id("logout"))).click();
        wait.until(d -> d.getCurrentUrl().endsWith("/login.html"));
        type("user", "alice");
        type("password", PASSWORD);
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(d -> d.findElement(By.cssSelector("#msg .msg")).getText().contains("Login failed"));
        type("user", "alice");
        type("password", PASSWORD);
        // The next step's code: the enrollment used the current one, and no code works twice.
        type("totp", Totp.code(secret, Totp.step(Instant.now()) + 1, 6));
        screenshot("login");
        driver.findElement(By.cssSelector("#login button[type=submit]")).click();
        wait.until(d -> d.getCurrentUrl().equals(base + "/"));
        wait.until(d -> d.findElements(By.cssSelector(".device")).size() == 2);
        wait.until(d -> d.findElements(By.cssSelector("svg.trend polyline")).size() == 6);
        screenshot("dashboard");
        assertThat(driver.findElement(By.id("cards")).getText()).contains("Connected", "awaiting approval");
        assertThat(AUDIT.events).anyMatch(e -> e.action().equals("LOGIN_FAILED") && e.target().equals("alice"));
        assertThat(AUDIT.events).anyMatch(e -> e.action().equals("LOGIN_SUCCEEDED") && e.target().equals("alice"));
    }

    @Test
    @Order(3)
    void approvingAPendingDevicePutsItOnTheAllowlist() throws Exception {
        driver.findElement(By.linkText("Devices")).click();
        WebElement row = wait.until(d -> d.findElement(
                By.cssSelector("#pending tr[data-device='serial:/dev/wardgate/bed-14']")));
        new Select(row.findElement(By.tagName("select"))).selectByValue("icu-monitors");
        row.findElement(By.cssSelector("button.approve")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#allowed tr[data-device='serial:/dev/wardgate/bed-14']")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#pending tr[data-device]"))).isEmpty();
        screenshot("devices");
        assertThat(AUDIT.count("DEVICE_APPROVED", "serial:/dev/wardgate/bed-14")).isEqualTo(1);
    }

    @Test
    @Order(4)
    void changingASettingAppliesIt() throws Exception {
        driver.findElement(By.linkText("Configuration")).click();
        WebElement form = wait.until(d -> d.findElement(By.cssSelector("form[data-pid='io.wardgate.web.WebConsole']")));
        WebElement site = form.findElement(By.name("a.siteName"));
        site.clear();
        site.sendKeys("Ward 7 North");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> form.findElement(By.className("result")).getText().equals("Saved"));
        screenshot("config");
        Waits.until(Duration.ofSeconds(20), "the new site name in the page header", () -> {
            driver.findElement(By.linkText("Dashboard")).click();
            return wait.until(d -> d.findElement(By.id("site-name"))).getText().equals("Ward 7 North") ? Boolean.TRUE : null;
        });
        assertThat(runtime.configurationValue("io.wardgate.web.WebConsole", "siteName")).isEqualTo("Ward 7 North");
        assertThat(AUDIT.count("CONFIG_CHANGED", "io.wardgate.web.WebConsole")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void thePagesRanWithoutContentSecurityPolicyViolations() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(entries).noneMatch(e -> e.getMessage().contains("Content Security Policy"));
        assertThat(entries).noneMatch(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()
                && !e.getMessage().contains("401") && !e.getMessage().contains("favicon"));
    }

    private static void type(String id, String text) {
        WebElement field = wait.until(d -> d.findElement(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("wardgate.it.work", "target/it")).resolveSibling("screenshots");
        Files.createDirectories(dir);
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
