package io.wardgate.seal.component;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.VitalSign;
import io.wardgate.api.pipeline.AdmittedReadings;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.pipeline.Route;
import io.wardgate.seal.envelope.EnvelopeOpener;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestKeys;
import io.wardgate.seal.envelope.TestReadings;
import io.wardgate.seal.identity.Certificates;
import io.wardgate.seal.sealer.InMemoryOutbox;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The DS components as plain objects, configured the way ConfigAdmin would. */
class ComponentsTest {
    @TempDir
    Path temp;

    @Test
    void theIdentityAndSealerComponentsSealWithAFreshEpochAtEachActivation() throws Exception {
        IdentityComponent identity = new IdentityComponent((String) null, Configs.of(IdentityConfig.class,
                Map.of("keyDirectory", temp.resolve("identity").toString(), "gatewayId", "wg-comp-1")), java.time.Clock.systemUTC());
        assertThat(identity.gatewayId()).isEqualTo("wg-comp-1");
        assertThat(identity.certificateChain()).isEmpty();
        assertThat(identity.certificateSigningRequest()).contains("CERTIFICATE REQUEST");

        Path backend = Files.writeString(temp.resolve("backend.pem"),
                Certificates.pem((Object) TestKeys.backend().getPublic()));
        SealerConfig config = Configs.of(SealerConfig.class, Map.of("batchMaxReadings", 1,
                "backendKeyFile", backend.toString(), "backendKeyId", "backend-test",
                "dataDirectory", temp.resolve("seal").toString()));
        InMemoryOutbox outbox = new InMemoryOutbox();
        Route route = new Route("icu", "vitals", "backend-unknown-to-this-gateway", 3);
        for (int activation = 0; activation < 2; activation++) {
            SealerComponent sealer = new SealerComponent((String) null, config, identity, outbox);
            sealer.seal(new AdmittedReadings(new DeviceReadings(TestReadings.MONITOR, TestReadings.BED_12,
                    List.of(Observation.of(VitalSign.SPO2, Decimal.ofInteger(97), Set.of(), TestReadings.T0))), route));
            sealer.deactivate();
        }

        assertThat(outbox.envelopes()).extracting(e -> e.tags().epoch() + "/" + e.tags().sequence())
                .containsExactly("0/0", "1/0");
        EnvelopeOpener opener = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(identity.store().signingKey().publicKey()));
        assertThat(opener.open(outbox.envelopes().get(1).bytes())).isInstanceOf(OpenResult.Opened.class);
        assertThat(Files.readString(temp.resolve("seal/epoch"))).isEqualTo("1");
    }

    /**
     * The sealer reads its configured backend key when it starts, not at its first envelope: the key a first sealer
     * read (and sealed nothing with) is in the identity's cache, so a second sealer seals to it after its file is gone.
     * Without the read ahead, the second sealer finds no key and the reading is not sealed.
     */
    @Test
    void theSealerReadsItsBackendKeyWhenItStarts() throws Exception {
        IdentityComponent identity = new IdentityComponent((String) null, Configs.of(IdentityConfig.class,
                Map.of("keyDirectory", temp.resolve("identity").toString(), "gatewayId", "wg-comp-2")), java.time.Clock.systemUTC());
        identity.store(); // its directory is there once it is open
        Path key = Files.writeString(identity.keyDirectory().resolve("backend-read-ahead.pem"),
                Certificates.pem((Object) TestKeys.backend().getPublic()));
        SealerConfig config = Configs.of(SealerConfig.class, Map.of("batchMaxReadings", 1,
                "backendKeyId", "read-ahead", "dataDirectory", temp.resolve("seal").toString()));
        InMemoryOutbox outbox = new InMemoryOutbox();
        new SealerComponent((String) null, config, identity, outbox).deactivate(); // its thread's tasks all run first
        Files.delete(key);

        SealerComponent sealer = new SealerComponent((String) null, config, identity, outbox);
        sealer.seal(new AdmittedReadings(new DeviceReadings(TestReadings.MONITOR, TestReadings.BED_12,
                List.of(Observation.of(VitalSign.SPO2, Decimal.ofInteger(97), Set.of(), TestReadings.T0))),
                new Route("icu", "vitals", "read-ahead", 3)));
        sealer.deactivate();

        assertThat(outbox.envelopes()).hasSize(1);
        EnvelopeOpener opener = new EnvelopeOpener(Map.of("read-ahead", TestKeys.backend().getPrivate()),
                TestKeys.trusting(identity.store().signingKey().publicKey()));
        assertThat(opener.open(outbox.envelopes().get(0).bytes())).isInstanceOf(OpenResult.Opened.class);
    }

    @Test
    void theIdentityTellsTheAuditTrailItsGatewayIdWhenItBindsIt() throws Exception {
        IdentityComponent identity = new IdentityComponent((String) null, Configs.of(IdentityConfig.class,
                Map.of("keyDirectory", temp.resolve("identity").toString(), "gatewayId", "wg-comp-2")), java.time.Clock.systemUTC());
        List<String> told = new ArrayList<>();
        identity.bindAudit(new AuditTrail() {
            @Override
            public void record(AuditEvent event) {
            }

            @Override
            public void gatewayIdentified(String gatewayId) {
                told.add(gatewayId);
            }
        });
        assertThat(told).containsExactly("wg-comp-2");
    }
}
