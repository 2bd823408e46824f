package io.wardgate.seal.component;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.Observation;
import io.wardgate.api.pipeline.Route;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.DeviceReadings;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.keystore.KeyLocation;
import io.wardgate.seal.keystore.Swtpm;
import io.wardgate.seal.keystore.Tokens;
import io.wardgate.seal.sealer.InMemoryOutbox;
import io.wardgate.testkit.MutableClock;
import io.wardgate.testkit.RecordingAuditTrail;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway with its keys in a TPM (swtpm) that refuses the configured PIN: a clear error, audited once,
 * never retried with the same PIN file (the TPM would lock), and no reading lost: batches wait for the keys
 * and are sealed, in order and without a sequence gap, once the PIN file is fixed.
 * <p>
 * Not here: the TPM going away and coming back. tpm2-pkcs11's connection to the TPM does not recover
 * within a process, and SunPKCS11 cannot load a module afresh; the gateway then needs a restart.
 */
class TokenOutageTest {
    private static final Route ROUTE = new Route("icu", "vitals", "backend-test", 3);

    @TempDir
    Path temp;

    private final MutableClock clock = MutableClock.startingNow();
    private final RecordingAuditTrail audit = new RecordingAuditTrail();
    private final InMemoryOutbox outbox = new InMemoryOutbox();

    private IdentityComponent identity(Path pinFile, String gatewayId) throws Exception {
        KeyLocation tpm = Swtpm.location(pinFile);
        Map<String, Object> values = new HashMap<>(Map.of("keyDirectory", temp.resolve("identity").toString(),
                "gatewayId", gatewayId, "keyStorage", "tpm", "pkcs11Module", tpm.module().toString(),
                "pkcs11Slot", tpm.slot(), "pkcs11PinFile", pinFile.toString()));
        IdentityComponent identity = new IdentityComponent((String) null, Configs.of(IdentityConfig.class, values),
                clock);
        identity.bindAudit(audit);
        return identity;
    }

    private SealerComponent sealer(IdentityComponent identity) throws Exception {
        Path backend = Files.writeString(temp.resolve("backend.pem"),
                Certificates.pem((Object) TestKeys.backend().getPublic()));
        return new SealerComponent((String) null, Configs.of(SealerConfig.class, Map.of("batchMaxReadings", 1,
                "backendKeyFile", backend.toString(), "backendKeyId", "backend-test",
                "dataDirectory", temp.resolve("seal").toString())), identity, outbox);
    }

    private static void reading(SealerComponent sealer, int spo2) {
        sealer.seal(new AdmittedReadings(new DeviceReadings(TestReadings.MONITOR, TestReadings.BED_12,
                List.of(Observation.of(VitalSign.SPO2, Decimal.ofInteger(spo2), Set.of(), TestReadings.T0))), ROUTE));
    }

    @Test
    void aRefusedPinIsAuditedAndReadingsWaitUntilThePinFileIsFixed() throws Exception {
        Path pin = Tokens.pinFile(temp.resolve("secrets"), "wrong-pin-0000");
        IdentityComponent identity = identity(pin, "wg-outage-pin");
        assertThat(audit.withAction("KEY_STORAGE_UNAVAILABLE")).singleElement()
                .satisfies(event -> assertThat(event.detail()).contains("refused the PIN in " + pin)
                        .doesNotContain("wrong-pin-0000"));
        assertThat(identity.certificateChain()).isEmpty();
        assertThat(identity.tlsKeyManager().chooseClientAlias(new String[] {"EC"}, null, null)).isNull();

        SealerComponent sealer = sealer(identity);
        reading(sealer, 97);
        reading(sealer, 96);
        // Not retried with the same PIN file, however much time passes: the TPM would lock.
        clock.advance(Duration.ofMinutes(5));
        reading(sealer, 95);
        assertThat(outbox.envelopes()).isEmpty();
        assertThat(audit.withAction("KEY_STORAGE_UNAVAILABLE")).hasSize(1);

        Files.setPosixFilePermissions(pin, PosixFilePermissions.fromString("rw-------"));
        Files.writeString(pin, Tokens.PIN);
        Files.setLastModifiedTime(pin, FileTime.from(clock.instant().plusSeconds(1)));
        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> outbox.envelopes().size() == 3);
        sealer.deactivate();

        assertThat(outbox.envelopes()).extracting(e -> e.tags().sequence()).containsExactly(0L, 1L, 2L);
        assertThat(audit.withAction("KEY_STORAGE_AVAILABLE")).hasSize(1);
        assertOpens(identity, outbox.envelopes().get(2).bytes());
        identity.deactivate();
    }

    private static void assertOpens(IdentityComponent identity, byte[] envelope) {
        EnvelopeOpener receiver = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(identity.store().signingKey().publicKey()));
        assertThat(receiver.open(envelope)).isInstanceOf(OpenResult.Opened.class);
    }
}
