package io.wardgate.seal.component;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.seal.keystore.KeyLocation;
import io.wardgate.seal.keystore.KeyWrap;
import io.wardgate.seal.secrets.AesGcmSecretBox;
import io.wardgate.seal.secrets.SecretsKey;
import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.osgi.framework.BundleContext;
import org.osgi.annotation.bundle.Capability;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Offers the configuration secrets service: the secrets key in the identity directory, wrapped by the
 * token's wrapping key when the identity's keys are in a token. The key is opened once (one token
 * operation, so a slow TPM does not matter). With the token absent at start the service is offered as soon
 * as it answers ({@link SecretsAvailability}: tried again after 5 s, doubling up to 5 min, audited); meanwhile
 * the components whose settings hold a sealed password wait for it, and no password can be changed
 * (refused rather than stored in clear).
 *
 * <p>The service is registered by hand, so its capability is declared here for the resolver (bnd cannot
 * see it from the component description).
 */
@Capability(namespace = "osgi.service", attribute = "objectClass:List<String>=io.wardgate.api.secrets.SecretBox")
@Component(service = {}, immediate = true)
public final class SecretBoxComponent {
    static final Duration FIRST_RETRY = Duration.ofSeconds(5);
    static final Duration MAX_RETRY = Duration.ofMinutes(5);
    private static final Logger LOG = LoggerFactory.getLogger(SecretBoxComponent.class);

    private final ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "wardgate-secrets-retry");
        t.setDaemon(true);
        return t;
    });
    private final SecretsAvailability availability;
    private ServiceRegistration<SecretBox> registration;
    private boolean active = true;

    @Activate
    public SecretBoxComponent(BundleContext context, @Reference IdentityComponent identity) {
        this.availability = new SecretsAvailability(() -> open(identity), box -> offer(context, box),
                identity::audit, Clock.systemUTC(), executor, FIRST_RETRY, MAX_RETRY);
        availability.start();
    }

    private synchronized void offer(BundleContext context, SecretBox box) {
        if (active && registration == null) {
            registration = context.registerService(SecretBox.class, box, null);
        }
    }

    /** The box over the secrets key, opened through the identity's key storage. */
    static SecretBox open(IdentityComponent identity) throws IOException {
        // Keys in a file have no wrapping key (KeyStorage#wrapping): the secrets key opens without waiting for
        // the identity's key store, whose PBKDF2 derivations run on their own thread during the start.
        boolean file = identity.keyLocation().kind() == KeyLocation.Kind.FILE;
        Path directory = file ? identity.keyDirectory() : identity.store().directory();
        Optional<KeyWrap> wrap = file ? Optional.empty() : identity.store().wrapping(SecretsKey.WRAPPING_ALIAS);
        SecretsKey.Opened key = SecretsKey.open(directory, wrap, new SecureRandom());
        String location = key.wrapped()
                ? "key " + key.id() + " wrapped by the token's key (" + identity.keyLocation().describe() + ")"
                : "key " + key.id() + " in the file " + directory.resolve(SecretsKey.FILE)
                        + " (readable by the service user only; no token)";
        LOG.info("Configuration secrets: {}", location);
        return new AesGcmSecretBox(key, location, new SecureRandom());
    }

    @Deactivate
    void deactivate() {
        availability.close();
        executor.shutdownNow();
        synchronized (this) {
            active = false;
            if (registration != null) {
                registration.unregister();
                registration = null;
            }
        }
    }
}
