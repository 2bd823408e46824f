package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.DeviceReadings;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.driver.Decoded;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PortOutputTest {
    private static final String PATH = "/dev/wardgate/bed-12";
    private static final Instant NOW = Instant.parse("2026-05-06T07:08:09Z");

    private final RecordingIntake intake = new RecordingIntake();

    private PortOutput output(String expectedModel, String expectedSerial) {
        PortSettings settings = PortSettings.from(Configs.masimo(PATH,
                Map.of("expectedModel", expectedModel, "expectedSerialNumber", expectedSerial)));
        return new PortOutput(settings, intake, Clock.fixed(NOW, ZoneOffset.UTC),
                new MalformedInputLimiter(Duration.ofSeconds(10)));
    }

    private static Decoded reading(int spo2) {
        return new Decoded.ReadingDecoded(0, Observation.of(VitalSign.SPO2, Decimal.ofInteger(spo2), Set.of(), NOW));
    }

    @Test
    void readingsGoOutUnderTheIdentityInForceWhenTheyWereDecoded() {
        PortOutput out = output("", "");
        out.connected("opened");
        out.decoded(reading(97));
        out.decoded(new Decoded.IdentityDecoded(5, "", "SN1", ""));
        out.decoded(reading(98));
        out.flushReadings();

        assertThat(intake.submitted).extracting(DeviceReadings::device).containsExactly(
                DeviceIdentity.at(Transport.SERIAL, PATH),
                new DeviceIdentity(Transport.SERIAL, PATH, "", "SN1", ""));
        assertThat(intake.submitted).allSatisfy(r -> assertThat(r.location().toString()).isEqualTo("st-marys/icu-2/12"));
        assertThat(intake.kindsFrom(PATH)).containsExactly(DeviceEvent.Kind.CONNECTED, DeviceEvent.Kind.IDENTIFIED);
        assertThat(intake.events.get(1).detail()).isEqualTo("learned model '', serial number 'SN1'; no identity expected on this port");
        assertThat(intake.events.get(1).device().serialNumber()).isEqualTo("SN1");
        assertThat(intake.events).allMatch(e -> e.at().equals(NOW));
    }

    @Test
    void aDifferentSerialNumberIsReportedAsAPossibleSwap() {
        PortOutput out = output("Radical-7", "0123456789");
        out.decoded(new Decoded.IdentityDecoded(0, "", "9999999999", ""));
        assertThat(intake.events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.IDENTIFIED);
            assertThat(e.detail()).isEqualTo("IDENTITY MISMATCH, possible device swap: expected serial number"
                    + " '0123456789', reported '9999999999' (reported model '', serial number '9999999999')");
            assertThat(e.device().serialNumber()).isEqualTo("9999999999");
        });
    }

    @Test
    void aMatchingIdentitySaysSoAndAnUnreportedModelIsNoMismatch() {
        PortOutput out = output("Radical-7", "0123456789");
        out.decoded(new Decoded.IdentityDecoded(0, "", "0123456789", ""));
        out.decoded(new Decoded.IdentityDecoded(0, "MP70", "0123456789", "00091FFFFE123456"));
        assertThat(intake.events).extracting(DeviceEvent::detail).containsExactly(
                "identified as expected: model '', serial number '0123456789'",
                "IDENTITY MISMATCH, possible device swap: expected model 'Radical-7', reported 'MP70' (reported model"
                        + " 'MP70', serial number '0123456789', EUI-64 00091FFFFE123456)");
        assertThat(intake.events.get(1).device().eui64()).isEqualTo("00091FFFFE123456");
    }

    @Test
    void deviceTextIsMadePrintableAndBounded() {
        PortOutput out = output("", "");
        out.decoded(new Decoded.IdentityDecoded(0, "M\u0000\u00e9" + "m".repeat(100), "S\n1", "not-an-eui"));
        out.decoded(new Decoded.EventDecoded(0, DeviceEvent.Kind.ALARM, "x".repeat(2000)));
        DeviceIdentity identity = intake.events.get(0).device();
        assertThat(identity.model()).startsWith("M??m").hasSize(64);
        assertThat(identity.serialNumber()).isEqualTo("S?1");
        assertThat(identity.eui64()).isEmpty();
        assertThat(intake.events.get(1).detail()).hasSize(512);
    }

    @Test
    void framingErrorsBecomeRateLimitedMalformedInputEvents() {
        PortOutput out = output("", "");
        for (int i = 0; i < 500; i++) {
            out.decoded(new Decoded.FramingError(i, "bad " + i));
        }
        assertThat(intake.events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(DeviceEvent.Kind.MALFORMED_INPUT);
            assertThat(e.detail()).isEqualTo("at byte 0: bad 0");
        });
    }

    @Test
    void aFailingIntakeIsContained() {
        PortSettings settings = PortSettings.from(Configs.masimo(PATH, Map.of()));
        PortOutput out = new PortOutput(settings, new io.wardgate.api.pipeline.ReadingIntake() {
            @Override
            public void submit(DeviceReadings readings) {
                throw new IllegalStateException("down");
            }

            @Override
            public void report(DeviceEvent event) {
                throw new IllegalStateException("down");
            }
        }, Clock.systemUTC(), new MalformedInputLimiter(Duration.ofSeconds(1)));
        out.connected("opened");
        out.decoded(reading(97));
        out.flushReadings();
        out.disconnected("gone");
        assertThat(out.identity()).isEqualTo(DeviceIdentity.at(Transport.SERIAL, PATH));
    }

    @Test
    void sendsAreQueuedInOrderAndBounded() {
        PortOutput out = output("", "");
        out.send(new byte[] {1});
        out.send(new byte[] {2, 3});
        out.send(new byte[PortOutput.MAX_PENDING_SEND_BYTES]);
        assertThat(out.takeSends()).containsExactly(new byte[] {1}, new byte[] {2, 3});
        assertThat(out.takeSends()).isEmpty();
    }
}
