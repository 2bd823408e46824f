package io.wardgate.driver.intellivue.sim;

import static io.wardgate.driver.intellivue.IntelliVueIds.*;

import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.driver.intellivue.FrameDecoder;
import io.wardgate.driver.intellivue.FrameEncoder;
import io.wardgate.driver.intellivue.FrameSink;
import io.wardgate.driver.intellivue.PduWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Philips IntelliVue monitor's Data Export over MIB/RS232, as a host sees it: it accepts an
 * association, sends the MDS Create Event Report, and answers polls of the MDS (model, system id,
 * serial number), numerics (HR, SpO2, pulse, NIBP, temperature, respiration rate, EtCO2) and waves
 * (ECG lead II at 500 S/s, pleth at 125 S/s) and the alert monitor (alerts raised and cleared on demand,
 * {@link #raise}, {@link #clear}). It drops an association the host stays silent on, and can be told
 * to drop it, to send garbage, or to go silent.
 *
 * <p>The runner calls {@link #fromHost} and {@link #tick} from one thread; the controls
 * ({@link #dropAssociation}, {@link #sendGarbage}, {@link #goSilent}, {@link #raise}, {@link #clear}) may be
 * called from any thread
 * and take effect at the next call.
 */
public final class IntelliVueMonitor implements SimulatedDevice {
    static final int MAX_FRAME_LENGTH = 4096;
    static final int ECG_HANDLE = 0x10;
    static final int PLETH_HANDLE = 0x11;
    static final int ALERT_MONITOR_HANDLE = 0x20;
    private static final Duration ECG_PERIOD = Duration.ofMillis(2);
    private static final Duration PLETH_PERIOD = Duration.ofMillis(8);
    /** Waves not polled for longer than this are not kept: one second at most per answer. */
    private static final int MAX_ECG_SAMPLES = 500;
    private static final int MAX_PLETH_SAMPLES = 125;

    private enum State { IDLE, ASSOCIATED }

    private final MonitorSettings settings;
    private final Physiology body;
    private final FrameDecoder decoder = new FrameDecoder(MAX_FRAME_LENGTH);
    private final AtomicInteger pendingGarbage = new AtomicInteger();
    private final AtomicInteger associations = new AtomicInteger();
    private final AtomicInteger pollsAnswered = new AtomicInteger();
    private final Map<String, MonitorAlert> alerts = new LinkedHashMap<>();
    private int alertChanges;
    private volatile boolean silent;
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile boolean dropRequested;
    private volatile State state = State.IDLE;
    private Instant epoch;
    private Instant lastHeard = Instant.EPOCH;
    private int invokeId;
    private long nextEcg;
    private long nextPleth;

    public IntelliVueMonitor(MonitorSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.body = new Physiology(settings.seed());
    }

    /** Abort the association at the next tick, as a monitor does when its user disconnects. */
    public void dropAssociation() {
        dropRequested = true;
    }

    /** Write {@code count} random bytes to the host at the next tick. */
    public void sendGarbage(int count) {
        if (count < 0 || count > 1_000_000) {
            throw new IllegalArgumentException("0 to 1000000 bytes of garbage, not " + count);
        }
        pendingGarbage.addAndGet(count);
    }

    /**
     * Sets the monitor's clock this far from the true time (positive: ahead), as a monitor whose clock was
     * set wrong; it takes effect at the next association, when the MDS states its time.
     */
    public void setClockOffset(Duration offset) {
        clockOffset = Objects.requireNonNull(offset, "offset");
    }

    /** While silent the monitor neither reads nor writes, like one whose cable was pulled. */
    public void goSilent(boolean beSilent) {
        this.silent = beSilent;
    }

    /** Shows an alert (or replaces the one with the same source and code) from the next alert poll on. */
    public synchronized void raise(MonitorAlert alert) {
        alerts.put(alert.key(), Objects.requireNonNull(alert, "alert"));
        alertChanges++;
    }

    /** Takes the alert with this source and code off the monitor. */
    public synchronized void clear(int source, int code) {
        if (alerts.remove(source + "/" + code) != null) {
            alertChanges++;
        }
    }

    private synchronized List<MonitorAlert> alertsNow() {
        return List.copyOf(alerts.values());
    }

    private synchronized int alertChanges() {
        return alertChanges;
    }

    public boolean isAssociated() {
        return state == State.ASSOCIATED;
    }

    /** How many associations this monitor has accepted. */
    public int associationCount() {
        return associations.get();
    }

    public int pollsAnswered() {
        return pollsAnswered.get();
    }

    @Override
    public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
        begin(now);
        if (silent) {
            return;
        }
        decoder.feed(bytes, 0, bytes.length, new FrameSink() {
            @Override
            public void frame(long offset, byte[] userData) {
                onRequest(HostRequest.parse(userData), now, wire);
            }

            @Override
            public void error(long offset, String reason) {
                // a monitor ignores what it cannot frame
            }
        });
    }

    @Override
    public void tick(Instant now, Consumer<byte[]> wire) {
        begin(now);
        int garbage = pendingGarbage.getAndSet(0);
        if (garbage > 0) {
            byte[] noise = new byte[garbage];
            body.garbage(noise);
            wire.accept(noise);
        }
        if (silent) {
            return;
        }
        boolean timedOut = !now.isBefore(lastHeard.plus(settings.associationTimeout()));
        if (dropRequested || (state == State.ASSOCIATED && timedOut)) {
            dropRequested = false;
            if (state == State.ASSOCIATED) {
                state = State.IDLE;
                send(wire, MonitorPdus.ABORT);
            }
        }
    }

    private void begin(Instant now) {
        if (epoch == null) {
            epoch = now;
        }
    }

    private void onRequest(HostRequest request, Instant now, Consumer<byte[]> wire) {
        switch (request.kind()) {
            case ASSOCIATE -> {
                state = State.ASSOCIATED;
                lastHeard = now;
                associations.incrementAndGet();
                nextEcg = sampleIndex(now, ECG_PERIOD);
                nextPleth = sampleIndex(now, PLETH_PERIOD);
                send(wire, MonitorPdus.associationResult());
                invokeId = (invokeId + 1) & 0xFFFF;
                send(wire, MonitorPdus.mdsCreateEvent(invokeId, relativeTime(now), clock(now), settings));
            }
            case RELEASE -> {
                if (state == State.ASSOCIATED) {
                    state = State.IDLE;
                    send(wire, MonitorPdus.RELEASE_RESULT);
                }
            }
            case ABORT -> state = State.IDLE;
            case POLL -> {
                if (state == State.ASSOCIATED) {
                    lastHeard = now;
                    answer(request, now, wire);
                }
            }
            case CREATE_RESULT, OTHER -> {
                if (state == State.ASSOCIATED) {
                    lastHeard = now;
                }
            }
        }
    }

    private void answer(HostRequest request, Instant now, Consumer<byte[]> wire) {
        long relative = relativeTime(now);
        LocalDateTime clock = clock(now);
        byte[] result = switch (request.objectClass()) {
            case NOM_MOC_VMS_MDS -> MonitorPdus.pollResult(request, relative, clock, 1,
                    polls -> MonitorPdus.mdsAttributes(polls, settings));
            case NOM_MOC_VMO_METRIC_NU -> MonitorPdus.pollResult(request, relative, clock, 7,
                    polls -> numerics(polls, seconds(now)));
            case NOM_MOC_VMO_METRIC_SA_RT -> MonitorPdus.pollResult(request, relative, clock, 2,
                    polls -> waves(polls, now));
            case NOM_MOC_VMO_AL_MON -> MonitorPdus.pollResult(request, relative, clock, 1, polls -> {
                polls.u16(ALERT_MONITOR_HANDLE);
                MonitorPdus.attributes(polls, 3,
                        list -> MonitorPdus.alertMonitorAttributes(list, 0, alertChanges(), alertsNow()));
            });
            default -> MonitorPdus.pollResult(request, relative, clock, 0, polls -> { });
        };
        pollsAnswered.incrementAndGet();
        send(wire, result);
    }

    private void numerics(PduWriter polls, double t) {
        numeric(polls, 1, NOM_ECG_CARD_BEAT_RATE, NOM_DIM_BEAT_PER_MIN, body.heartRate(t), 0);
        numeric(polls, 2, NOM_PULS_OXIM_SAT_O2, NOM_DIM_PERCENT, body.spo2Tenths(t), -1);
        numeric(polls, 3, NOM_PLETH_PULS_RATE, NOM_DIM_BEAT_PER_MIN, body.pulseRate(t), 0);
        polls.u16(4);
        MonitorPdus.attributes(polls, 1, list -> MonitorPdus.ava(list, NOM_ATTR_NU_CMPD_VAL_OBS, v -> {
            v.u16(3);
            int length = v.openLength();
            MonitorPdus.nuObsValue(v, NOM_PRESS_BLD_NONINV_SYS, 0, NOM_DIM_MMHG, body.systolic(t), 0);
            MonitorPdus.nuObsValue(v, NOM_PRESS_BLD_NONINV_DIA, 0, NOM_DIM_MMHG, body.diastolic(t), 0);
            MonitorPdus.nuObsValue(v, NOM_PRESS_BLD_NONINV_MEAN, 0, NOM_DIM_MMHG, body.mean(t), 0);
            v.closeLength(length);
        }));
        numeric(polls, 5, NOM_TEMP, NOM_DIM_DEGC, body.temperatureTenths(t), -1);
        numeric(polls, 6, NOM_RESP_RATE, NOM_DIM_RESP_PER_MIN, body.respirationRate(t), 0);
        numeric(polls, 7, NOM_AWAY_CO2_ET, NOM_DIM_MMHG, body.etco2(t), 0);
    }

    private static void numeric(PduWriter polls, int handle, int physioId, int unitCode, long mantissa, int exponent) {
        polls.u16(handle);
        MonitorPdus.attributes(polls, 1, list -> MonitorPdus.ava(list, NOM_ATTR_NU_VAL_OBS,
                v -> MonitorPdus.nuObsValue(v, physioId, 0, unitCode, mantissa, exponent)));
    }

    private void waves(PduWriter polls, Instant now) {
        long ecgEnd = sampleIndex(now, ECG_PERIOD);
        nextEcg = Math.max(nextEcg, ecgEnd - MAX_ECG_SAMPLES);
        int[] ecg = new int[(int) Math.max(0, ecgEnd - nextEcg)];
        for (int i = 0; i < ecg.length; i++) {
            ecg[i] = body.nextEcg((nextEcg + i) * 0.002);
        }
        nextEcg = ecgEnd;
        long plethEnd = sampleIndex(now, PLETH_PERIOD);
        nextPleth = Math.max(nextPleth, plethEnd - MAX_PLETH_SAMPLES);
        int[] pleth = new int[(int) Math.max(0, plethEnd - nextPleth)];
        for (int i = 0; i < pleth.length; i++) {
            pleth[i] = body.nextPleth((nextPleth + i) * 0.008);
        }
        nextPleth = plethEnd;
        // ECG: 16 x 125 us, 14 significant bits, raw 0..16383 = -10.24..10.24 mV
        wave(polls, ECG_HANDLE, NOM_ECG_ELEC_POTL_II, 16, 14, -1024, 1024, 0x3FFF, NOM_DIM_MILLI_VOLT, ecg);
        // pleth: 64 x 125 us, 12 significant bits, raw counts as they are
        wave(polls, PLETH_HANDLE, NOM_PLETH, 64, 12, 0, 4095, 0x0FFF, NOM_DIM_DIMLESS, pleth);
    }

    private static void wave(PduWriter polls, int handle, int physioId, long periodUnits, int significantBits,
            int lowMantissa, int highMantissa, int rawHigh, int unitCode, int[] samples) {
        int exponent = unitCode == NOM_DIM_MILLI_VOLT ? -2 : 0;
        polls.u16(handle);
        MonitorPdus.attributes(polls, 5, list -> {
            MonitorPdus.ava(list, NOM_ATTR_TIME_PD_SAMP, v -> v.u32(periodUnits));
            MonitorPdus.ava(list, NOM_ATTR_SA_SPECN, v -> v.u16(samples.length).u8(16).u8(significantBits).u16(0));
            MonitorPdus.ava(list, NOM_ATTR_SCALE_SPECN_I16, v -> v.u32(MonitorPdus.floatType(lowMantissa, exponent))
                    .u32(MonitorPdus.floatType(highMantissa, exponent)).u16(0).u16(rawHigh));
            MonitorPdus.ava(list, NOM_ATTR_UNIT_CODE, v -> v.u16(unitCode));
            MonitorPdus.ava(list, NOM_ATTR_SA_VAL_OBS, v -> {
                v.u16(physioId).u16(0).u16(samples.length * 2);
                for (int sample : samples) {
                    v.u16(Math.max(0, Math.min(rawHigh, sample)));
                }
            });
        });
    }

    private long sampleIndex(Instant now, Duration period) {
        return Duration.between(epoch, now).toNanos() / period.toNanos();
    }

    private double seconds(Instant now) {
        return Duration.between(epoch, now).toMillis() / 1000.0;
    }

    /** RelativeTime: units of 125 us since the monitor started, wrapping at 32 bits. */
    private long relativeTime(Instant now) {
        return (Duration.between(epoch, now).toNanos() / (RELATIVE_TIME_UNIT_MICROS * 1000L)) & 0xFFFFFFFFL;
    }

    /** The monitor's wall clock: no zone on the wire; set, like the gateway's, to the local zone. */
    private LocalDateTime clock(Instant now) {
        return LocalDateTime.ofInstant(now.plus(clockOffset), ZoneId.systemDefault());
    }

    private static void send(Consumer<byte[]> wire, byte[] pdu) {
        wire.accept(FrameEncoder.frame(pdu));
    }
}
