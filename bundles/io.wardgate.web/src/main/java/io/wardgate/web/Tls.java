package io.wardgate.web;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.web.auth.Secrets;
import io.wardgate.web.tls.HttpsConfigurer;
import io.wardgate.web.tls.UiKeystore;
import io.wardgate.web.ui.UiCertificate;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The UI's TLS material and the Felix HTTP settings that use it. Every keystore password is kept sealed
 * (the UI keystore's password file, Felix HTTP's stored configuration), so without the secrets service
 * the UI does not listen: it says so and comes up when the service does (the component restarts then).
 */
final class Tls implements UiCertificate {
    private static final Logger LOG = LoggerFactory.getLogger(Tls.class);
    private final UiKeystore keystore;
    private final ConfigurationAdmin configAdmin;
    private volatile WebConfig config;
    private volatile UiKeystore.Material material;
    /** Rotations closer together than this are refused (found by FormFuzzIT: Jetty ended up with no connector). */
    static final java.time.Duration ROTATION_INTERVAL = java.time.Duration.ofSeconds(30);
    private final Clock clock;
    private java.time.Instant lastRotation;

    /** Opens a stored (possibly sealed) password of the web configuration. */
    interface Opener {
        String open(String property, String stored) throws IOException;
    }

    private final Opener opener;
    private final SecretBox box;

    /** {@code box}: the secrets service, or null when it is not running (then no listener). */
    Tls(Path dir, Secrets secrets, Clock clock, ConfigurationAdmin configAdmin, Opener opener, SecretBox box) {
        this.opener = opener;
        this.box = box;
        this.keystore = box == null ? null : new UiKeystore(dir, secrets, clock, box);
        this.clock = clock;
        this.configAdmin = configAdmin;
    }

    /**
     * Points Felix HTTP at the keystore. {@code deliverAgain}: at activation, so that Felix HTTP gets its
     * configuration through the password plugin even if it read the stored one (HTTPS off) before.
     */
    synchronized void apply(WebConfig c, boolean deliverAgain) throws IOException, GeneralSecurityException {
        this.config = c;
        if (!c.enabled()) {
            HttpsConfigurer.disable(configAdmin);
            return;
        }
        if (box == null) {
            HttpsConfigurer.disable(configAdmin);
            LOG.error("The web UI does not listen: its TLS keystore password is kept sealed and the secrets service "
                    + "(the gateway identity) is not running; the UI starts when it is.");
            return;
        }
        material = custom() ? new UiKeystore.Material(Path.of(c.keystorePath()),
                opener.open("keystorePassword", c.keystorePassword()))
                : keystore.ensure(names(c));
        HttpsConfigurer.enable(configAdmin, box, c.host(), c.port(), material.keystore().toString(),
                material.password(), "PKCS12", deliverAgain);
    }

    /** Whether the UI keystore's password was found in clear (an older installation) and sealed in place. */
    boolean sealedAtOpen() {
        return keystore != null && keystore.sealedAtOpen();
    }

    @Override
    public Optional<X509Certificate> current() {
        UiKeystore.Material m = material;
        return m == null ? Optional.empty() : UiKeystore.certificate(m);
    }

    @Override
    public boolean custom() {
        return !config.keystorePath().isBlank();
    }

    /**
     * Jetty restarts when its configuration changes, which would cut off the answer to the rotating
     * request: the new settings are applied a moment after the answer has gone.
     */
    @Override
    public synchronized X509Certificate rotate() throws IOException, GeneralSecurityException {
        java.time.Instant now = clock.instant();
        if (lastRotation != null && now.isBefore(lastRotation.plus(ROTATION_INTERVAL))) {
            throw new io.wardgate.web.ui.UiCertificate.TooSoon("The certificate was rotated moments ago; wait "
                    + ROTATION_INTERVAL.toSeconds() + " s between rotations");
        }
        if (keystore == null) {
            throw new IOException("the secrets service is not running: the UI certificate cannot be rotated");
        }
        lastRotation = now;
        UiKeystore.Material fresh = keystore.rotate(names(config));
        material = fresh;
        WebConfig c = config;
        CompletableFuture.delayedExecutor(1, TimeUnit.SECONDS).execute(() -> {
            try {
                HttpsConfigurer.enable(configAdmin, box, c.host(), c.port(), fresh.keystore().toString(),
                        fresh.password(), "PKCS12", false);
            } catch (IOException | IllegalStateException e) {
                LOG.error("could not apply the rotated UI certificate to Felix HTTP: {}", e.getClass().getName());
            }
        });
        return UiKeystore.certificate(fresh).orElseThrow(() -> new GeneralSecurityException("new keystore unreadable"));
    }

    private static List<String> names(WebConfig c) {
        List<String> names = new ArrayList<>(List.of("localhost", "127.0.0.1", "::1"));
        if (!c.host().equals("0.0.0.0") && !c.host().equals("::")) {
            names.add(c.host());
        }
        try {
            names.add(InetAddress.getLocalHost().getHostName());
        } catch (IOException e) {
            // no host name: localhost and the address still work
        }
        names.addAll(Arrays.asList(c.certificateNames()));
        return names.stream().distinct().toList();
    }
}
