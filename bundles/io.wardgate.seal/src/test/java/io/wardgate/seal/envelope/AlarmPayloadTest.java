package io.wardgate.seal.envelope;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Metric;
import io.wardgate.seal.envelope.Cbor.MalformedException;
import io.wardgate.seal.envelope.OpenResult.Opened;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Alarm changes in the payload (wardgate-batch version 2, docs/envelope.md). */
class AlarmPayloadTest {
    static final Alarm SPO2_LOW = new Alarm(new Metric(150456, "MDC_PULS_OXIM_SAT_O2", "2708-6"), "masimo:0002",
            "SpO2 low limit", AlarmPriority.HIGH, AlarmState.ACTIVE, TestReadings.T0.minusSeconds(1), TestReadings.T0);
    static final Alarm BATTERY = new Alarm(null, "", "oximeter battery low", AlarmPriority.LOW, AlarmState.ENDED, null,
            TestReadings.T0);

    private final SecureRandom random = new SecureRandom();

    @Test
    void alarmsSurviveSealingAndOpening() {
        Batch batch = Batch.ofAlarms(TestReadings.MONITOR, TestReadings.BED_12, "icu", List.of(SPO2_LOW, BATTERY));
        EnvelopeSealer sealer = new EnvelopeSealer(Randomness.secure(random), Es256Signer.randomized(random));
        SealTags tags = new SealTags("wg-test-0001", TestReadings.MONITOR.id() + "#alarms", 1, 3, TestReadings.T0);
        assertThat(batch.streamId()).isEqualTo(tags.deviceId());
        byte[] envelope = sealer.seal(tags, batch, TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(),
                ContentAlgorithm.CHACHA20_POLY1305);
        OpenResult result = new EnvelopeOpener(Map.of("backend-test", TestKeys.backend().getPrivate()),
                TestKeys.trusting(TestKeys.gateway().getPublic())).open(envelope);
        assertThat(result).isInstanceOf(Opened.class);
        // Alarms have their own sequence stream: sealing them under the device's readings stream is refused.
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> sealer.seal(TestReadings.tags(1, 3), batch,
                TestKeys.gatewaySigningKey(), TestKeys.backendRecipient(), ContentAlgorithm.CHACHA20_POLY1305)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(((Opened) result).batch()).isEqualTo(batch);
        assertThat(((Opened) result).batch().readings()).isEmpty();
    }

    @Test
    void aBatchWithoutAlarmsStaysVersionOneAndOneWithAlarmsIsVersionTwo() throws Exception {
        Map<?, ?> plain = (Map<?, ?>) Cbor.decodeDeterministic(PayloadCodec.encode(
                TestReadings.batch(TestReadings.everyVitalSign())));
        assertThat(plain.get(1L)).isEqualTo(1L);
        assertThat(plain.containsKey(6L)).isFalse();
        Batch both = new Batch(TestReadings.MONITOR, TestReadings.BED_12, "icu", TestReadings.everyVitalSign(),
                List.of(SPO2_LOW));
        byte[] bytes = PayloadCodec.encode(both);
        Map<?, ?> decoded = (Map<?, ?>) Cbor.decodeDeterministic(bytes);
        assertThat(decoded.get(1L)).isEqualTo(2L);
        assertThat(PayloadCodec.decode(bytes)).isEqualTo(both);
    }

    @Test
    void malformedAlarmsAreRefusedWithAClearReason() {
        Batch batch = Batch.ofAlarms(TestReadings.MONITOR, TestReadings.BED_12, "icu", List.of(SPO2_LOW));
        String good = new String(PayloadCodec.encode(batch), java.nio.charset.StandardCharsets.ISO_8859_1);
        byte[] badPriority = good.replace("HIGH", "LOUD").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PayloadCodec.decode(badPriority)))
                .isInstanceOf(MalformedException.class).hasMessageContaining("alarm priority");
        // A version-1 payload may not carry alarms.
        byte[] v1WithAlarms = PayloadCodec.encode(batch).clone();
        int at = indexOfVersion(v1WithAlarms);
        v1WithAlarms[at] = 0x01;
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> PayloadCodec.decode(v1WithAlarms)))
                .isInstanceOf(MalformedException.class).hasMessageContaining("unexpected label");
    }

    /** The byte of the version value: the map header, key 1 (0x01), then the value 0x02. */
    private static int indexOfVersion(byte[] payload) {
        assertThat(payload[1]).isEqualTo((byte) 0x01);
        assertThat(payload[2]).isEqualTo((byte) 0x02);
        return 2;
    }
}
