package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Route;
import io.wardgate.audit.AuditSettings;
import io.wardgate.audit.FileAuditTrail;
import io.wardgate.outbox.OutboxEngine;
import io.wardgate.outbox.OutboxSettings;
import io.wardgate.seal.envelope.ContentAlgorithm;
import io.wardgate.seal.envelope.EnvelopeSealer;
import io.wardgate.seal.envelope.Es256Signer;
import io.wardgate.seal.envelope.Randomness;
import io.wardgate.seal.envelope.RecipientKey;
import io.wardgate.seal.envelope.SigningKey;
import io.wardgate.seal.identity.IdentityStore;
import io.wardgate.seal.sealer.BatchingSealer;
import io.wardgate.seal.sealer.SealerSettings;
import io.wardgate.seal.sealer.SealingKeys;
import io.wardgate.testkit.Bytes;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * S12 "only ciphertext at rest", with the real components of the reading path: a reading carrying
 * markers is sealed by the real sealer (gateway identity from a real IdentityStore), stored by the
 * real SQLite outbox (WAL mode, checkpoints suppressed by keeping the data in the WAL), next to a
 * real file audit trail; then every file under the gateway's data directory (outbox.db, -wal, -shm,
 * audit segments, identity, temporary files), the SQLite temporary directory and everything logged
 * to stderr are searched for the markers. The bed name and the value's CBOR encoding are in the
 * sealed payload only (the routing tags name gateway, device, epoch and sequence).
 */
class CiphertextAtRestTest {
    private static final String BED_MARKER = "bed-MARKER-7f3a9c";
    /** 123456789 as CBOR: major type 0 with a 4-byte argument, as the payload encodes a value's mantissa. */
    private static final byte[] VALUE_MARKER = {0x1A, 0x07, 0x5B, (byte) 0xCD, 0x15};

    @TempDir
    Path data;

    @Test
    void aSealedMarkerReadingIsFoundNowhereOnDiskOrInTheLog() throws Exception {
        PrintStream original = System.err;
        ByteArrayOutputStream log = new ByteArrayOutputStream();
        System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
        try {
            SecureRandom random = new SecureRandom();
            IdentityStore identity = IdentityStore.open(data.resolve("identity"), "wg-rest-01", random, Clock.systemUTC());
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            RecipientKey backend = new RecipientKey("backend-1", generator.generateKeyPair().getPublic());
            FileAuditTrail auditFile = FileAuditTrail.open(new AuditSettings(data.resolve("audit"), 64L << 20, 1L << 20,
                    80, "wg-rest-01", "site-a/ward-3"), Clock.systemUTC(), random);
            AuditTrail audit = auditFile::record;
            SealingKeys keys = new SealingKeys() {
                @Override
                public String gatewayId() {
                    return "wg-rest-01";
                }

                @Override
                public SigningKey signingKey() {
                    return identity.signingKey();
                }

                @Override
                public Optional<RecipientKey> recipient(String id) {
                    return Optional.of(backend).filter(k -> k.keyId().equals(id));
                }
            };
            try (OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(data.resolve("outbox.db")),
                    Clock.systemUTC(), () -> audit);
                    BatchingSealer sealer = new BatchingSealer(new SealerSettings(4, 50, ContentAlgorithm.CHACHA20_POLY1305,
                            1000), keys, outbox, new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random)),
                            1, Clock.systemUTC(), () -> Optional.of(audit))) {
                DeviceIdentity device = DeviceIdentity.at(Transport.BLE, "AA:BB:CC:DD:EE:01");
                Location bed = new Location("site-a", "ward-3", BED_MARKER);
                for (int i = 0; i < 20; i++) {
                    sealer.seal(new AdmittedReadings(new DeviceReadings(device, bed, List.of(Observation.of(
                            VitalSign.HEART_RATE, Decimal.ofInteger(123_456_789), Set.of(), Instant.now()))),
                            new Route("icu-monitors", "vitals", "backend-1", 5)));
                }
                sealer.flushNow();
                await().atMost(Duration.ofSeconds(20)).until(() -> outbox.status().envelopes() >= 5);
                auditFile.record(new AuditEvent(Instant.now(), "system", "TEST_MARKER_STORED", "outbox",
                        AuditEvent.Outcome.SUCCESS, outbox.status().envelopes() + " envelopes"));

                // While the gateway runs (WAL not yet checkpointed into the database file) ...
                assertThat(Files.size(data.resolve("outbox.db-wal"))).as("the WAL holds the envelopes").isPositive();
                assertThat(leaks(data, log)).isEmpty();
            }
            auditFile.close();
        } finally {
            System.setErr(original);
        }
        // ... and after everything was closed and checkpointed.
        assertThat(leaks(data, log)).isEmpty();
        List<Path> searched = files(data);
        assertThat(searched).as("files searched").anyMatch(p -> p.endsWith("outbox.db"))
                .anyMatch(p -> p.toString().contains("audit")).anyMatch(p -> p.endsWith("identity.pass"));
        // The search itself works: the marker is found where it is in clear.
        Path planted = data.resolve("planted.txt");
        Files.writeString(planted, "x" + BED_MARKER);
        assertThat(leaks(data, log)).containsExactly(planted + ": " + BED_MARKER);
    }

    private static List<String> leaks(Path dir, ByteArrayOutputStream log) throws Exception {
        List<String> found = new ArrayList<>();
        for (Path file : files(dir)) {
            byte[] bytes = Files.readAllBytes(file);
            if (Bytes.indexOf(bytes, BED_MARKER.getBytes(StandardCharsets.US_ASCII)) >= 0) {
                found.add(file + ": " + BED_MARKER);
            }
            if (Bytes.indexOf(bytes, VALUE_MARKER) >= 0) {
                found.add(file + ": the value's CBOR encoding");
            }
        }
        if (log.toString(StandardCharsets.UTF_8).contains(BED_MARKER) || log.toString(StandardCharsets.UTF_8).contains("123456789")) {
            found.add("stderr log");
        }
        return found;
    }

    private static List<Path> files(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        }
    }
}
