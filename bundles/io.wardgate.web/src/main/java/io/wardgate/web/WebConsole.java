package io.wardgate.web;

import io.wardgate.api.config.ConfigurationChanges;
import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.manage.StatusContribution;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.GatewayIdentity;
import io.wardgate.api.pipeline.Outbox;
import io.wardgate.api.pipeline.Uplink;
import io.wardgate.web.auth.AuthService;
import io.wardgate.web.auth.LoginThrottle;
import io.wardgate.web.auth.PasswordHasher;
import io.wardgate.web.auth.TotpSecrets;
import io.wardgate.web.auth.Secrets;
import io.wardgate.web.auth.SessionStore;
import io.wardgate.web.auth.SetupCode;
import io.wardgate.web.auth.UserAdmin;
import io.wardgate.web.auth.UserStore;
import io.wardgate.web.config.ConfigApi;
import io.wardgate.web.config.ConfigForms;
import io.wardgate.web.config.DriverChoices;
import io.wardgate.web.port.AuditLog;
import io.wardgate.web.port.CertificateRequests;
import io.wardgate.web.port.DeviceRegistry;
import io.wardgate.web.port.LatestReadings;
import io.wardgate.web.port.TrustAnchors;
import io.wardgate.web.tls.HttpsConfigurer;
import io.wardgate.web.tls.SealedHttpsPasswords;
import io.wardgate.web.ui.Endpoints;
import io.wardgate.web.ui.Services;
import jakarta.servlet.Servlet;
import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.MetaTypeService;
import org.osgi.service.metatype.annotations.Designate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The web UI: makes its TLS material, points Felix HTTP at it (HTTPS only), and registers the
 * front controller on the servlet whiteboard. Every other bundle's service is optional and may
 * come and go; the pages say when one is missing.
 */
// Required configuration: the UI listens only once an operator enables it (S7: no socket by default).
@Component(service = {}, immediate = true, configurationPid = WebConsole.PID,
        configurationPolicy = org.osgi.service.component.annotations.ConfigurationPolicy.REQUIRE)
@Designate(ocd = WebConfig.class)
public final class WebConsole implements Services {
    public static final String PID = "io.wardgate.web.WebConsole";
    private static final Logger LOG = LoggerFactory.getLogger(WebConsole.class);

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Uplink uplink;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile GatewayIdentity identity;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditTrail auditTrail;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile DeviceRegistry deviceRegistry;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile LatestReadings latestReadings;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog auditLog;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile TrustAnchors trustAnchors;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile CertificateRequests certificateRequests;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile ConfigurationChanges configurationChanges;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.wardgate.web.port.IdentityInstall identityInstall;
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile io.wardgate.web.port.DeviceAlarms deviceAlarms;
    private final java.util.Map<StatusContribution, String> statusSections = new java.util.concurrent.ConcurrentHashMap<>();
    /** Installed device drivers by protocol name: the choices of a source's protocol setting. */
    private final DriverChoices drivers = new DriverChoices();

    private final Clock clock = Clock.systemUTC();
    private final ConfigurationAdmin configAdmin;
    private final Path dataDir;
    private final SessionStore sessions;
    private final LoginThrottle throttle;
    private final Tls tls;
    private final ServiceRegistration<Servlet> registration;
    private final ServiceRegistration<ConfigurationPlugin> passwordPlugin;
    private volatile WebConfig config;
    private final ConfigApi configApi;

    @Activate
    public WebConsole(BundleContext context, WebConfig config, @Reference ConfigurationAdmin configAdmin,
            @Reference MetaTypeService metatype,
            @Reference(cardinality = ReferenceCardinality.OPTIONAL, policyOption = ReferencePolicyOption.GREEDY)
            SecretBox secretBox) throws IOException, GeneralSecurityException {
        this.config = config;
        this.configAdmin = configAdmin;
        this.dataDir = dataDirectory(context, config);
        Secrets secrets = new Secrets(new SecureRandom());
        UserStore users = UserStore.open(dataDir.resolve("users"),
                secretBox == null ? TotpSecrets.CLEAR : new SealedTotpSecrets(secretBox));
        if (users.sealedAtOpen() > 0) {
            audit("system", "SECRET_SEALED", "web users", Outcome.SUCCESS, users.sealedAtOpen()
                    + " TOTP secret(s) were stored in clear and are sealed now");
        }
        PasswordHasher hasher = new PasswordHasher(PasswordHasher.DEFAULT, secrets);
        this.throttle = new LoginThrottle(clock, limits(config));
        this.sessions = new SessionStore(clock, secrets, Duration.ofMinutes(config.idleTimeoutMinutes()));
        AuthService auth = new AuthService(clock, secrets, users, hasher, throttle, sessions, this::audit);
        UserAdmin userAdmin = new UserAdmin(clock, users, hasher, sessions, throttle, this::audit);
        this.tls = new Tls(dataDir.resolve("tls"), secrets, clock, configAdmin,
                (property, stored) -> StoredPassword.open(Optional.ofNullable(secretBox), property, stored), secretBox);
        // Before Felix HTTP is (re)configured: it must receive the keystore passwords opened, in memory only.
        ServiceRegistration<ConfigurationPlugin> plugin = secretBox == null ? null
                : context.registerService(ConfigurationPlugin.class, new SealedHttpsPasswords(secretBox),
                        pluginProperties());
        try {
            tls.apply(config, true);
        } catch (IOException | GeneralSecurityException | RuntimeException e) {
            if (plugin != null) {
                plugin.unregister();
            }
            throw e;
        }
        this.passwordPlugin = plugin;
        if (tls.sealedAtOpen()) {
            audit("system", "SECRET_SEALED", "web UI keystore password", Outcome.SUCCESS,
                    "the UI keystore's password file was in clear and is sealed now");
        }
        if (users.isEmpty()) {
            SetupCode.Issued issued = SetupCode.issue(secrets, clock, Duration.ofMinutes(config.setupCodeMinutes()));
            auth.setSetupCode(issued.holder());
            // The one secret this bundle ever logs, on purpose: it is useless once setup is done.
            LOG.warn("WardGate first-time setup: open https://{}:{}/setup.html and enter the one-time setup code {} "
                    + "(works once, until {}; restart WardGate for a new one).", displayHost(config), config.port(),
                    issued.text(), issued.holder().expires());
        }
        this.configApi = new ConfigApi(() -> Optional.of(new ConfigForms(context, metatype, configAdmin, drivers)),
                () -> Optional.ofNullable(configurationChanges), this::audit);
        Servlet servlet = Endpoints.controller(new Endpoints.Parts(clock, secrets, users, sessions, throttle, auth,
                userAdmin, this::audit, this, configApi, () -> tls));
        Dictionary<String, Object> props = new Hashtable<>();
        // Constants of org.osgi.service.servlet.whiteboard.HttpWhiteboardConstants (servlet whiteboard 2.0).
        props.put("osgi.http.whiteboard.servlet.pattern", "/*");
        props.put("osgi.http.whiteboard.servlet.name", "wardgate-web");
        props.put("osgi.http.whiteboard.context.select", "(osgi.http.whiteboard.context.name=default)");
        this.registration = context.registerService(Servlet.class, servlet, props);
        LOG.info("web UI registered; HTTPS on {}:{}", config.host(), config.port());
    }

    @Modified
    void modified(WebConfig changed) throws IOException, GeneralSecurityException {
        this.config = changed;
        throttle.setLimits(limits(changed));
        sessions.setIdleTimeout(Duration.ofMinutes(changed.idleTimeoutMinutes()));
        tls.apply(changed, false);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    void addStatus(StatusContribution contribution, java.util.Map<String, Object> properties) {
        statusSections.put(contribution, String.valueOf(properties.getOrDefault(StatusContribution.NAME, "status")));
    }

    void removeStatus(StatusContribution contribution) {
        statusSections.remove(contribution);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSerialDriver")
    void addSerialDriver(io.wardgate.api.driver.SerialDriver driver, java.util.Map<String, Object> properties) {
        drivers.add(driver, DriverChoices.Kind.SERIAL, properties.get(io.wardgate.api.driver.DeviceDriver.PROTOCOL));
    }

    void removeSerialDriver(io.wardgate.api.driver.SerialDriver driver) {
        drivers.remove(driver);
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeNetworkDriver")
    void addNetworkDriver(io.wardgate.api.driver.NetworkDriver driver, java.util.Map<String, Object> properties) {
        drivers.add(driver, DriverChoices.Kind.NETWORK, properties.get(io.wardgate.api.driver.DeviceDriver.PROTOCOL));
    }

    void removeNetworkDriver(io.wardgate.api.driver.NetworkDriver driver) {
        drivers.remove(driver);
    }

    @Deactivate
    void deactivate() {
        registration.unregister();
        if (passwordPlugin != null) {
            passwordPlugin.unregister();
        }
    }

    private static Dictionary<String, Object> pluginProperties() {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(ConfigurationPlugin.CM_TARGET, new String[] {HttpsConfigurer.PID});
        return props;
    }

    @Override
    public Optional<Uplink> uplink() {
        return Optional.ofNullable(uplink);
    }

    @Override
    public Optional<Outbox> outbox() {
        return Optional.ofNullable(outbox);
    }

    @Override
    public Optional<GatewayIdentity> identity() {
        return Optional.ofNullable(identity);
    }

    @Override
    public Optional<DeviceRegistry> devices() {
        return Optional.ofNullable(deviceRegistry);
    }

    @Override
    public Optional<LatestReadings> readings() {
        return Optional.ofNullable(latestReadings);
    }

    @Override
    public Optional<AuditLog> auditLog() {
        return Optional.ofNullable(auditLog);
    }

    @Override
    public Optional<TrustAnchors> trustAnchors() {
        return Optional.ofNullable(trustAnchors);
    }

    @Override
    public Optional<CertificateRequests> certificateRequests() {
        return Optional.ofNullable(certificateRequests);
    }

    @Override
    public Optional<io.wardgate.web.port.IdentityInstall> identityInstall() {
        return Optional.ofNullable(identityInstall);
    }

    @Override
    public Optional<io.wardgate.web.port.DeviceAlarms> deviceAlarms() {
        return Optional.ofNullable(deviceAlarms);
    }

    @Override
    public java.util.Map<String, String> serialProtocols() {
        try {
            return configApi.serialProtocols();
        } catch (IOException e) {
            LOG.warn("cannot read the serial port configurations: {}", e.toString());
            return java.util.Map.of();
        }
    }

    @Override
    public java.util.Map<String, java.util.List<String>> statusAlarms() {
        java.util.Map<String, java.util.List<String>> out = new java.util.TreeMap<>();
        statusSections.forEach((contribution, name) -> {
            try {
                java.util.List<String> alarms = contribution.alarms();
                if (!alarms.isEmpty()) {
                    out.put(name, java.util.List.copyOf(alarms));
                }
            } catch (RuntimeException e) {
                out.put(name, java.util.List.of("its status could not be read"));
            }
        });
        return out;
    }

    @Override
    public java.util.List<java.util.Map<String, Object>> componentProblems() {
        return configApi.problems();
    }

    @Override
    public String siteName() {
        return config.siteName();
    }

    /** To the AuditTrail service when present; else to the log, so nothing is lost silently. */
    private void audit(String actor, String action, String target, Outcome outcome, String detail) {
        AuditEvent event = new AuditEvent(clock.instant(), clean(actor, 128), action, clean(target, 256), outcome,
                clean(detail, 1024));
        AuditTrail trail = auditTrail;
        if (trail != null) {
            trail.record(event);
        } else {
            LOG.info("audit (no audit trail running): {} {} {} {} {}", event.actor(), event.action(), event.target(),
                    event.outcome(), event.detail());
        }
    }

    private static String clean(String s, int max) {
        String printable = s == null ? "" : s.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > max ? printable.substring(0, max) : printable;
    }

    private static LoginThrottle.Limits limits(WebConfig c) {
        return new LoginThrottle.Limits(c.maxFailedLogins(), c.maxFailedLoginsPerAddress(),
                Duration.ofMinutes(c.failureWindowMinutes()), Duration.ofMinutes(c.lockoutMinutes()));
    }

    private static String displayHost(WebConfig c) {
        return c.host().contains(":") ? "[" + c.host() + "]" : c.host();
    }

    private static Path dataDirectory(BundleContext context, WebConfig c) {
        if (!c.dataDirectory().isBlank()) {
            return Path.of(c.dataDirectory());
        }
        String data = context.getProperty("wardgate.data");
        return data != null ? Path.of(data, "web") : context.getDataFile("web").toPath();
    }
}
