package io.wardgate.seal.component;

import io.wardgate.api.secrets.SecretBox;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A gateway process with its keys in SoftHSM2 (SOFTHSM2_CONF from the parent), for
 * {@link SecretsComeBackTest}. Args: data directory, PIN file, slot. Runs the identity and the secrets
 * service's retry as the components do (backoff 1 s up to 4 s here), and prints each audit record as
 * "AUDIT action outcome", then, once the secrets service is up, "AVAILABLE" and whether a value sealed
 * with it opens again; exits then. Its own process: SoftHSM reads its configuration once per process.
 */
public final class SecretsChild {
    private SecretsChild() {
    }

    public static void main(String[] args) throws Exception {
        IdentityComponent identity = new IdentityComponent(args[0], Configs.of(IdentityConfig.class, Map.of(
                "keyStorage", "pkcs11", "pkcs11Module", "/usr/lib/softhsm/libsofthsm2.so",
                "pkcs11Slot", Long.parseLong(args[2]), "pkcs11PinFile", args[1], "gatewayId", "wg-secrets-child")),
                Clock.systemUTC());
        identity.bindAudit(new PrintingAudit());
        CountDownLatch up = new CountDownLatch(1);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor();
        try (SecretsAvailability availability = new SecretsAvailability(() -> SecretBoxComponent.open(identity), box -> {
            say("AVAILABLE " + opensAgain(box));
            up.countDown();
        }, identity::audit, Clock.systemUTC(), executor, Duration.ofSeconds(1), Duration.ofSeconds(4))) {
            availability.start();
            if (!up.await(5, TimeUnit.MINUTES)) {
                say("GAVE UP");
            }
        } finally {
            executor.shutdownNow();
            identity.deactivate();
        }
    }

    private static boolean opensAgain(SecretBox box) {
        try {
            String sealed = box.seal("io.wardgate.test", "password", "marker-7f3a");
            return SecretBox.isSealed(sealed) && "marker-7f3a".equals(box.open("io.wardgate.test", "password", sealed));
        } catch (io.wardgate.api.secrets.SecretException e) {
            return false;
        }
    }

    static synchronized void say(String line) {
        System.out.println(line);
        System.out.flush();
    }

    /** The audit trail as the child's standard output. */
    private static final class PrintingAudit implements io.wardgate.api.pipeline.AuditTrail {
        @Override
        public void record(io.wardgate.api.pipeline.AuditEvent event) {
            say("AUDIT " + event.action() + " " + event.outcome());
        }
    }
}
