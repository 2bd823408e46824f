package io.wardgate.receiver;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Transport;
import io.wardgate.api.time.ClockNote;
import io.wardgate.seal.envelope.Batch;
import java.time.Instant;
import java.util.List;

/** A test gateway's clock notes (io.wardgate.api.time.ClockNote) for one boot epoch, sealed in order. */
final class TestClockNotes {
    private static final DeviceIdentity CLOCK = DeviceIdentity.at(Transport.LOCAL, ClockNote.ADDRESS);
    private static final Location GATEWAY = new Location("st-marys", "icu-2", "gateway");

    private final TestGateway gateway;
    private final long epoch;
    private long sequence;

    TestClockNotes(TestGateway gateway, long epoch) {
        this.gateway = gateway;
        this.epoch = epoch;
    }

    /** "Not synchronised", noted at {@code at} on the gateway's clock. */
    byte[] unverified(Instant at) {
        return seal(new Alarm(null, ClockNote.UNVERIFIED, "gateway clock not synchronised", AlarmPriority.INFO,
                AlarmState.ACTIVE, null, at));
    }

    /** "Synchronised": {@code old} on the old timeline is {@code synced} on the synchronised one. */
    byte[] synchronised(Instant old, Instant synced, long windowMillis) {
        return seal(new Alarm(null, ClockNote.SYNCHRONISED + windowMillis, "gateway clock synchronised",
                AlarmPriority.INFO, AlarmState.ENDED, old, synced));
    }

    private byte[] seal(Alarm note) {
        Batch batch = Batch.ofAlarms(CLOCK, GATEWAY, "gateway", List.of(note));
        return gateway.seal(batch.streamId(), epoch, sequence++, note.gatewayTime(), batch);
    }
}
