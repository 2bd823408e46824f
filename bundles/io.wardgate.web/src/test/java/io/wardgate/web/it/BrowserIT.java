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
        runtime.register(io.wardgate.web.port.AuditLog.class, AUDIT);
        runtime.register(DeviceRegistry.class, new Fakes.Registry(AUDIT));
        runtime.register(LatestReadings.class, new Fakes.Readings());
        runtime.register(Uplink.class, new Fakes.ConnectedUplink());
        runtime.register(Outbox.class, new Fakes.SmallOutbox());
        runtime.register(io.wardgate.web.port.DeviceAlarms.class, new Fakes.Alarms());
        runtime.register(io.wardgate.api.pipeline.ReadingIntake.class, new Fakes.Intake());
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
        // Pages re-render after each action: a lookup inside a wait is simply retried.
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
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
        // The values' trends (the outbox card adds its own once it has two points).
        wait.until(d -> d.findElements(By.cssSelector(".device svg.trend polyline")).size() == 6);
        screenshot("dashboard");
        assertThat(driver.findElement(By.id("cards")).getText()).contains("Connected", "awaiting approval");
        assertThat(AUDIT.events).anyMatch(e -> e.action().equals("LOGIN_FAILED") && e.target().equals("alice"));
        assertThat(AUDIT.events).anyMatch(e -> e.action().equals("LOGIN_SUCCEEDED") && e.target().equals("alice"));
    }

    @Test
    @Order(3)
    void aSerialPortsProtocolIsChosenFromTheInstalledDriversAndAnotherIsRefused() throws Exception {
        driver.findElement(By.linkText("Configuration")).click();
        wait.until(d -> d.findElement(By.cssSelector("#services a[data-key='new:io.wardgate.serial.Port']"))).click();
        WebElement form = wait.until(d -> d.findElement(By.cssSelector("form[data-factory='io.wardgate.serial.Port']")));
        Select protocol = new Select(form.findElement(By.name("a.protocol")));
        assertThat(protocol.getOptions()).extracting(WebElement::getText).containsExactly("masimo", "nonin-df7", "nonin-df8");
        form.findElement(By.name("instanceName")).sendKeys("bed-14");
        form.findElement(By.name("a.path")).sendKeys("/dev/wardgate/bed-14");
        form.findElement(By.name("a.site")).sendKeys("st-marys");
        form.findElement(By.name("a.ward")).sendKeys("icu-2");
        form.findElement(By.name("a.bed")).sendKeys("bed-14");
        // A name no installed driver has (as an old page or a hand-made request would send) is refused on the form.
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript(
                "const s = arguments[0]; s.appendChild(new Option('masimo-typo', 'masimo-typo')); s.value = 'masimo-typo';",
                form.findElement(By.name("a.protocol")));
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> form.findElement(By.cssSelector(".field-error[data-for='protocol']")).getText()
                .contains("choose an installed driver: masimo, nonin-df7, nonin-df8"));
        assertThat(runtime.configurationValue("io.wardgate.serial.Port~bed-14", "protocol")).isNull();

        new Select(form.findElement(By.name("a.protocol"))).selectByValue("nonin-df7");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.cssSelector("form[data-pid='io.wardgate.serial.Port~bed-14'] .result")).getText()
                .startsWith("Saved"));
        assertThat(runtime.configurationValue("io.wardgate.serial.Port~bed-14", "protocol")).isEqualTo("nonin-df7");
        WebElement saved = driver.findElement(By.cssSelector("form[data-pid='io.wardgate.serial.Port~bed-14']"));
        assertThat(new Select(saved.findElement(By.name("a.protocol"))).getFirstSelectedOption().getText()).isEqualTo("nonin-df7");
        screenshot("config-serial-port");
    }

    @Test
    @Order(4)
    void approvingAPendingDevicePutsItOnTheAllowlist() throws Exception {
        driver.findElement(By.linkText("Devices")).click();
        WebElement row = wait.until(d -> d.findElement(
                By.cssSelector("#pending tr[data-device='serial:/dev/wardgate/bed-14']")));
        // Enough to decide: bed, protocol (of the port configured for it), first seen and what it sent.
        wait.until(d -> row.getText().contains("protocol nonin-df7"));
        assertThat(row.findElement(By.cssSelector("td.where")).getText()).contains("bed-14", "st-marys/icu-2", "protocol nonin-df7");
        assertThat(row.findElement(By.cssSelector("td.sent")).getText()).contains("SpO\u2082", "Pulse rate");
        screenshot("devices-pending");
        new Select(row.findElement(By.tagName("select"))).selectByValue("icu-monitors");
        row.findElement(By.cssSelector("button.approve")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#allowed tr[data-device='serial:/dev/wardgate/bed-14']")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#pending tr[data-device]"))).isEmpty();
        screenshot("devices");
        assertThat(AUDIT.count("DEVICE_APPROVED", "serial:/dev/wardgate/bed-14")).isEqualTo(1);
    }

    @Test
    @Order(5)
    void aRevokedDeviceCarriesItsReasonAndCanBeReallowedAndAGroupCanBeMade() throws Exception {
        WebElement row = wait.until(d -> d.findElement(By.cssSelector("#allowed tr[data-device='serial:/dev/wardgate/bed-12']")));
        row.findElement(By.cssSelector("button.revoke")).click();
        row.findElement(By.cssSelector("input.reason")).sendKeys("monitor sent for repair");
        row.findElement(By.cssSelector("button.confirm")).click();
        WebElement denied = wait.until(d -> d.findElement(By.cssSelector("#denied tr[data-device='serial:/dev/wardgate/bed-12']")));
        assertThat(denied.getText()).contains("monitor sent for repair", "user:alice", "Nonin 7500", "501234567");
        screenshot("devices");
        denied.findElement(By.cssSelector("button.reallow")).click();
        wait.until(d -> !d.findElements(By.cssSelector("#pending tr[data-device='serial:/dev/wardgate/bed-12']")).isEmpty());
        assertThat(driver.findElements(By.cssSelector("#denied tr[data-device]"))).isEmpty();
        assertThat(AUDIT.count("DEVICE_REVOKED", "serial:/dev/wardgate/bed-12")).isEqualTo(1);
        assertThat(AUDIT.count("DEVICE_REALLOWED", "serial:/dev/wardgate/bed-12")).isEqualTo(1);

        WebElement editor = driver.findElement(By.id("group-editor"));
        editor.findElement(By.name("name")).sendKeys("night-ward");
        editor.findElement(By.cssSelector("input[name=metric][value='150456']")).click();
        editor.findElement(By.name("backendKeyId")).sendKeys("backend-2026");
        editor.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.cssSelector("ul.groups")).getText().contains("night-ward"));
        wait.until(d -> d.findElement(By.cssSelector("ul.groups")).getText().contains("SpO\u2082"));
    }

    @Test
    @Order(6)
    void changingASettingAppliesItThroughTheConfigurationServiceAndWritesTheFile() throws Exception {
        driver.findElement(By.linkText("Configuration")).click();
        wait.until(d -> d.findElement(By.cssSelector("#services a[data-key='io.wardgate.web.WebConsole']"))).click();
        WebElement form = wait.until(d -> d.findElement(By.cssSelector("form[data-pid='io.wardgate.web.WebConsole']")));
        // Defaults are marked, not filled in as if somebody had chosen them.
        assertThat(form.getText()).contains("DEFAULT");
        WebElement site = form.findElement(By.name("a.siteName"));
        site.clear();
        site.sendKeys("Ward 7 North");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> d.findElement(By.cssSelector("form[data-pid='io.wardgate.web.WebConsole'] .result")).getText()
                .startsWith("Saved and running"));
        screenshot("config");
        Waits.until(Duration.ofSeconds(20), "the new site name in the page header", () -> {
            driver.findElement(By.linkText("Dashboard")).click();
            return wait.until(d -> d.findElement(By.id("site-name"))).getText().equals("Ward 7 North") ? Boolean.TRUE : null;
        });
        assertThat(runtime.configurationValue("io.wardgate.web.WebConsole", "siteName")).isEqualTo("Ward 7 North");
        // Two changes so far: the serial port of the protocol test, and this one.
        assertThat(AUDIT.count("CONFIG_CHANGED", "configuration")).isEqualTo(2);
        Waits.until(Duration.ofSeconds(20), "the change in the configuration directory", () -> Files.readString(
                runtime.conf.resolve("io.wardgate.web.WebConsole.config")).contains("Ward 7 North") ? Boolean.TRUE : null);
    }

    @Test
    @Order(7)
    void anInvalidValueIsRefusedOnTheFormAndNothingIsSaved() throws Exception {
        driver.findElement(By.linkText("Configuration")).click();
        wait.until(d -> d.findElement(By.cssSelector("#services a[data-key='io.wardgate.web.WebConsole']"))).click();
        WebElement form = wait.until(d -> d.findElement(By.cssSelector("form[data-pid='io.wardgate.web.WebConsole']")));
        WebElement port = form.findElement(By.name("a.port"));
        port.clear();
        port.sendKeys("70000");
        form.findElement(By.cssSelector("button[type=submit]")).click();
        wait.until(d -> !form.findElement(By.cssSelector(".field-error[data-for='port']")).getText().isEmpty());
        assertThat(driver.findElement(By.cssSelector("form[data-pid='io.wardgate.web.WebConsole'] .result")).getText())
                .contains("nothing was saved");
        assertThat(runtime.configurationValue("io.wardgate.web.WebConsole", "port")).isNotEqualTo(70000);
    }

    @Test
    @Order(8)
    void theDashboardSaysItIsNotAClinicalDisplayAndShowsNamesAndAges() throws Exception {
        driver.findElement(By.linkText("Dashboard")).click();
        wait.until(d -> d.findElements(By.cssSelector(".device")).size() == 2);
        String text = driver.findElement(By.tagName("main")).getText();
        assertThat(text).contains("Not a clinical monitoring display", "Gateway alarms", "published", "acknowledged");
        // Device alarms and status flags per bed, apart from the gateway's own alarms (each labelled "gateway").
        WebElement bed12 = driver.findElement(By.cssSelector(".device[data-device='serial:/dev/wardgate/bed-12']"));
        assertThat(bed12.findElement(By.cssSelector(".dalert.alarm")).getText()).contains("DEVICE ALARM", "SpO2 LOW 86");
        WebElement bed14 = driver.findElement(By.cssSelector(".device[data-device='serial:/dev/wardgate/bed-14']"));
        assertThat(bed14.findElement(By.cssSelector(".dalert.flags")).getText()).contains("STATUS", "low perfusion");
        assertThat(driver.findElements(By.cssSelector("#alarms .alarm .sev"))).isNotEmpty()
                .allSatisfy(e -> assertThat(e.getText()).startsWith("GATEWAY"));
        assertThat(driver.findElements(By.cssSelector(".vname"))).extracting(WebElement::getText)
                .contains("Pulse rate", "SpO\u2082", "Temperature").noneMatch(n -> n.startsWith("MDC_"));
        assertThat(driver.findElements(By.cssSelector(".vage"))).isNotEmpty()
                .allSatisfy(a -> assertThat(a.getText()).matches("\\d+ (s|min|h) ago|no value"));
        screenshot("dashboard");
    }

    @Test
    @Order(9)
    void theFirstRunChecklistChecksEachStepAgainstWhatRuns() throws Exception {
        driver.findElement(By.linkText("First run")).click();
        wait.until(d -> d.findElements(By.cssSelector("#steps li.step")).size() == 7);
        assertThat(driver.findElement(By.cssSelector("li[data-step='group']")).getAttribute("class")).contains("done");
        assertThat(driver.findElement(By.cssSelector("li[data-step='device']")).getAttribute("class")).contains("done");
        assertThat(driver.findElement(By.cssSelector("li[data-step='port']")).getText()).contains("1 serial port(s)");
        // No identity service in this runtime: no certificate, and the step says what to do and links to it.
        WebElement certificate = driver.findElement(By.cssSelector("li[data-step='certificate']"));
        assertThat(certificate.getAttribute("class")).contains("todo");
        assertThat(certificate.getText()).contains("certificate request");
        assertThat(certificate.findElement(By.tagName("a")).getAttribute("href")).endsWith("/security.html#install");
        assertThat(driver.findElement(By.id("updated")).getText()).matches("\\d of 7 done");
        screenshot("checklist");
    }

    @Test
    @Order(10)
    void usersStartLeastPrivilegedAndRoleAndPasswordChangesAreDeliberate() throws Exception {
        driver.findElement(By.linkText("Users")).click();
        WebElement role = wait.until(d -> {
            WebElement select = d.findElement(By.cssSelector("#create select[name=role]"));
            return new Select(select).getOptions().size() == 4 ? select : null;
        });
        assertThat(new Select(role).getFirstSelectedOption().getAttribute("value")).isEqualTo("viewer");
        type("nu", "dave");
        type("np", "Ward-Seven-long-pass-7");
        driver.findElement(By.cssSelector("#create button[type=submit]")).click();
        WebElement row = wait.until(d -> d.findElement(By.cssSelector("tr[data-user='dave']")));
        assertThat(row.getText()).contains("not required");
        assertThat(row.findElement(By.cssSelector("td.last-login")).getText()).isEqualTo("never");
        // alice logged in during this test: the time with its zone (the browser's: UTC here).
        assertThat(driver.findElement(By.cssSelector("tr[data-user='alice'] td.last-login")).getText())
                .matches(".*\\d{2}:\\d{2}:\\d{2}.*(UTC|GMT).*");
        // Her own row offers no reset, role change or removal: another administrator does those.
        assertThat(driver.findElements(By.cssSelector("tr[data-user='alice'] button, tr[data-user='alice'] select")))
                .isEmpty();

        row.findElement(By.cssSelector("button.reset-password")).click();
        List<WebElement> fields = row.findElements(By.cssSelector("input[type=password]"));
        fields.get(0).sendKeys("password1234");
        fields.get(1).sendKeys("password1234");
        row.findElement(By.cssSelector("button.primary")).click();
        wait.until(d -> d.findElement(By.cssSelector("#msg .msg")).getText().contains("too easy to guess"));
        assertThat(AUDIT.count("PASSWORD_RESET", "dave")).isZero();

        new Select(wait.until(d -> d.findElement(By.cssSelector("tr[data-user='dave'] select")))).selectByValue("auditor");
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).dismiss();
        assertThat(new Select(driver.findElement(By.cssSelector("tr[data-user='dave'] select"))).getFirstSelectedOption()
                .getAttribute("value")).as("a dismissed change is no change").isEqualTo("viewer");
        new Select(driver.findElement(By.cssSelector("tr[data-user='dave'] select"))).selectByValue("auditor");
        wait.until(org.openqa.selenium.support.ui.ExpectedConditions.alertIsPresent()).accept();
        Waits.until(Duration.ofSeconds(20), "the role change audited",
                () -> AUDIT.count("USER_ROLE_CHANGED", "dave") == 1 ? Boolean.TRUE : null);
        screenshot("users");
    }

    @Test
    @Order(11)
    void theAuditLogFiltersByOutcomePagesAndExportsCsv() throws Exception {
        driver.findElement(By.linkText("Audit log")).click();
        wait.until(d -> d.findElements(By.cssSelector("#records tbody tr")).size() > 3);
        assertThat(driver.findElement(By.id("zone")).getText()).contains("Times are shown in");
        new Select(driver.findElement(By.name("outcome"))).selectByValue("FAILURE");
        driver.findElement(By.cssSelector("#search button[type=submit]")).click();
        wait.until(d -> d.findElements(By.cssSelector("#records tbody tr")).stream().allMatch(r -> r.getText().contains("FAILURE")));
        assertThat(driver.findElement(By.id("records")).getText()).contains("LOGIN_FAILED");
        String csv = (String) ((org.openqa.selenium.JavascriptExecutor) driver).executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                        + "fetch(document.getElementById('csv').href, {credentials: 'same-origin'}).then(r => r.text()).then(done);");
        assertThat(csv).startsWith("sequence,time_utc,actor,action,target,outcome,detail,hash").contains("\"LOGIN_FAILED\"");
        screenshot("audit");
    }

    @Test
    @Order(12)
    void thePagesRanWithoutContentSecurityPolicyViolations() {
        List<LogEntry> entries = driver.manage().logs().get(LogType.BROWSER).getAll();
        assertThat(entries).noneMatch(e -> e.getMessage().contains("Content Security Policy"));
        assertThat(entries).noneMatch(e -> e.getLevel().intValue() >= Level.SEVERE.intValue()
                && !e.getMessage().contains("401") && !e.getMessage().contains("favicon")
                // the refused value of anInvalidValueIsRefusedOnTheFormAndNothingIsSaved
                && !e.getMessage().contains("/api/config - Failed to load resource: the server responded with a status of 400")
                // the weak password refused in usersStartLeastPrivilegedAndRoleAndPasswordChangesAreDeliberate
                && !e.getMessage().contains("/api/users/reset-password - Failed to load resource: the server responded with a status of 400"));
    }

    private static void type(String id, String text) {
        WebElement field = wait.until(d -> d.findElement(By.id(id)));
        field.clear();
        field.sendKeys(text);
    }

    private static void screenshot(String name) throws Exception {
        Path dir = Path.of(System.getProperty("wardgate.it.work", "target/it")).resolveSibling("screenshots");
        Files.createDirectories(dir);
        ((org.openqa.selenium.JavascriptExecutor) driver).executeScript("window.scrollTo(0, 0)");
        File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
        Files.copy(shot.toPath(), dir.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    }
}
