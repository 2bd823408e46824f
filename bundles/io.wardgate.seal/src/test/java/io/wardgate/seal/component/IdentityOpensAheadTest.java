package io.wardgate.seal.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.secrets.SecretBox;
import io.wardgate.seal.keystore.FileKeyStorage;
import io.wardgate.seal.keystore.KeyStorageUnavailableException;
import io.wardgate.seal.secrets.SecretsKey;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The identity's key file is opened (PBKDF2 derivations, or made on first start) off the thread that activates
 * the component, so the framework's start goes on meanwhile (docs/benchmarks-history.md, "Start-up to the first
 * reading, sixth pass"); whoever needs the key or its certificate first waits for that open or does it.
 * Real PKCS#12 files in a temporary directory; the opening thread is the test's, to say when it runs.
 */
class IdentityOpensAheadTest {
    @TempDir
    Path temp;

    private final List<Runnable> queued = new CopyOnWriteArrayList<>();

    private IdentityComponent identity(String gatewayId) throws Exception {
        return new IdentityComponent((String) null, Configs.of(IdentityConfig.class,
                Map.of("keyDirectory", temp.resolve("identity").toString(), "gatewayId", gatewayId)),
                Clock.systemUTC(), queued::add);
    }

    @Test
    void activationLeavesTheKeyFileToTheOpeningThread() throws Exception {
        IdentityComponent identity = identity("wg-ahead-1");
        Path store = temp.resolve("identity").resolve(FileKeyStorage.STORE);

        assertThat(identity.gatewayId()).isEqualTo("wg-ahead-1");
        assertThat(queued).hasSize(1);
        assertThat(store).as("the first start's key store is made by the opening thread, not the activation")
                .doesNotExist();

        Thread opening = new Thread(queued.get(0), "opening");
        opening.start();
        opening.join();
        assertThat(store).exists();
        assertThat(identity.store().signingKey().privateKey().getAlgorithm()).isEqualTo("EC");
        assertThat(identity.certificateSigningRequest()).contains("CERTIFICATE REQUEST");
    }

    @Test
    void theSecretsKeyBesideAKeyFileOpensWithoutWaitingForTheKeyStore() throws Exception {
        IdentityComponent identity = identity("wg-ahead-4");
        Path directory = temp.resolve("identity");

        // The secrets service starts on the framework's start-level thread: with the keys in a file it must
        // not wait there for the key store's derivations (a file has no wrapping key to ask it for).
        SecretBox box = SecretBoxComponent.open(identity);
        assertThat(directory.resolve(FileKeyStorage.STORE)).as("the key store is still the opening thread's")
                .doesNotExist();
        assertThat(directory.resolve(SecretsKey.FILE)).exists();
        String sealed = box.seal("io.wardgate.test.Pid", "password", "s3cret");

        queued.remove(0).run();
        assertThat(directory.resolve(FileKeyStorage.STORE)).exists();
        assertThat(SecretBoxComponent.open(identity).open("io.wardgate.test.Pid", "password", sealed))
                .as("the same secrets key after the key store opened").isEqualTo("s3cret");
    }

    @Test
    void aCallerBeforeTheOpeningThreadOpensTheStoreItselfAndItIsOpenedOnce() throws Exception {
        IdentityComponent identity = identity("wg-ahead-2");
        Path store = temp.resolve("identity").resolve(FileKeyStorage.STORE);

        // The uplink asks for the certificate before the opening thread ran: it must not be told "none yet"
        // (it would wait a backoff), it gets the store's answer (a placeholder only: none installed).
        assertThat(identity.certificateChain()).isEmpty();
        assertThat(store).as("certificateChain() opened (here: made) the key store").exists();
        var key = identity.store().signingKey();

        queued.get(0).run();
        assertThat(identity.store().signingKey()).as("the late opening thread found it open").isSameAs(key);
    }

    @Test
    void aKeyFileThatCannotBeOpenedIsAuditedAndNothingIsSignedWithoutIt() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("identity"));
        identity("wg-ahead-3"); // first start: id, password and key store made
        queued.remove(0).run();
        Files.write(directory.resolve(FileKeyStorage.STORE), new byte[] {0x30, 0x03, 0x02, 0x01, 0x03});

        IdentityComponent identity = identity("wg-ahead-3");
        List<AuditEvent> audited = new ArrayList<>();
        queued.remove(0).run();
        identity.bindAudit(new AuditTrail() {
            @Override
            public void record(AuditEvent event) {
                audited.add(event);
            }
        });

        assertThat(audited).extracting(AuditEvent::action).containsExactly("KEY_STORAGE_UNAVAILABLE");
        assertThat(identity.certificateChain()).isEmpty();
        assertThatThrownBy(() -> identity.sign(Map.of("a", 1))).isInstanceOf(KeyStorageUnavailableException.class);
        assertThatThrownBy(identity::store).isInstanceOf(KeyStorageUnavailableException.class)
                .hasMessageContaining("the gateway's keys are unavailable");
    }
}
