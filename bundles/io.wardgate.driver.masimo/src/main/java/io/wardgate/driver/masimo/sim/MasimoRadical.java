package io.wardgate.driver.masimo.sim;

import io.wardgate.api.sim.SimulatedDevice;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * A Masimo Radical-7 on its serial "ASCII 1" output: one CR LF line per interval (a second on the real
 * device), with slowly varying vitals. It ignores what the host sends, as the real output does.
 *
 * <p>Modes, switchable at any time from any thread: {@link Mode#NORMAL}; {@link Mode#SENSOR_OFF}
 * (dashes and the "sensor off" exception bit); {@link Mode#SILENT} (nothing at all, as a device that
 * hangs or whose cable is half out); {@link Mode#GARBAGE} (random bytes as fast as the line takes them,
 * as a wrong baud rate or a babbling device).
 */
public final class MasimoRadical implements SimulatedDevice {

    public enum Mode {
        NORMAL,
        SENSOR_OFF,
        SILENT,
        GARBAGE
    }

    /** EXC bits (device-protocols.md): Masimo SET 0x800, sensor off 0x20. */
    static final int EXC_SET = 0x000800;
    static final int EXC_SENSOR_OFF = 0x000020;
    /** ALARM bits: SpO2 low 0x02, pulse high 0x04, pulse low 0x08, alarm active 0x10. */
    static final int ALARM_SPO2_LOW = 0x02;
    static final int ALARM_PULSE_HIGH = 0x04;
    static final int ALARM_PULSE_LOW = 0x08;
    static final int ALARM_ACTIVE = 0x10;
    /** Limits of a typical adult profile, for the simulated alarms. */
    static final int SPO2_LOW_LIMIT = 90;
    static final int PULSE_LOW_LIMIT = 50;
    static final int PULSE_HIGH_LIMIT = 120;

    private static final Pattern SERIAL = Pattern.compile("[A-Za-z0-9]{1,20}");
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("MM/dd/yy HH:mm:ss", Locale.ROOT);
    private static final int GARBAGE_PER_TICK = 4096;

    private final String serialNumber;
    private final Duration interval;
    private final ZoneId zone;
    private final Vitals vitals;
    private final byte[] garbage = new byte[GARBAGE_PER_TICK];
    private volatile Mode mode = Mode.NORMAL;
    private Instant nextLine;

    /** A device sending one line a second, its clock in the system zone. */
    public MasimoRadical(String serialNumber, long seed) {
        this(serialNumber, seed, Duration.ofSeconds(1), ZoneId.systemDefault());
    }

    /**
     * @param serialNumber 1 to 20 letters or digits, sent as SN=
     * @param seed makes the vitals repeatable
     * @param interval time between lines, 10 ms to 60 s (tests use less than the real second)
     * @param zone the zone of the device's clock
     */
    public MasimoRadical(String serialNumber, long seed, Duration interval, ZoneId zone) {
        if (!SERIAL.matcher(Objects.requireNonNull(serialNumber, "serialNumber")).matches()) {
            throw new IllegalArgumentException("serial number must be 1 to 20 letters or digits");
        }
        if (interval.compareTo(Duration.ofMillis(10)) < 0 || interval.compareTo(Duration.ofSeconds(60)) > 0) {
            throw new IllegalArgumentException("interval must be 10 ms to 60 s: " + interval);
        }
        this.serialNumber = serialNumber;
        this.interval = interval;
        this.zone = Objects.requireNonNull(zone, "zone");
        this.vitals = new Vitals(seed);
    }

    public void mode(Mode newMode) {
        this.mode = Objects.requireNonNull(newMode, "mode");
    }

    public Mode mode() {
        return mode;
    }

    @Override
    public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
        // ASCII 1 is output-only: the real device ignores its receive line as well.
    }

    @Override
    public void tick(Instant now, Consumer<byte[]> wire) {
        Mode current = mode;
        if (current == Mode.GARBAGE) {
            vitals.garbage(garbage);
            wire.accept(garbage.clone());
            return;
        }
        if (nextLine != null && now.isBefore(nextLine)) {
            return;
        }
        // Keep the cadence, but do not send a burst after a stall (a paused simulator, a slow machine).
        nextLine = nextLine == null || now.isAfter(nextLine.plus(interval)) ? now.plus(interval) : nextLine.plus(interval);
        Vitals.Sample sample = vitals.next();
        if (current == Mode.SILENT) {
            return;
        }
        String line = current == Mode.SENSOR_OFF ? sensorOffLine(now) : line(now, sample);
        wire.accept(line.getBytes(StandardCharsets.US_ASCII));
    }

    String line(Instant now, Vitals.Sample s) {
        int alarm = 0;
        if (s.spo2() < SPO2_LOW_LIMIT) {
            alarm |= ALARM_SPO2_LOW;
        }
        if (s.pulse() > PULSE_HIGH_LIMIT) {
            alarm |= ALARM_PULSE_HIGH;
        }
        if (s.pulse() < PULSE_LOW_LIMIT) {
            alarm |= ALARM_PULSE_LOW;
        }
        if (alarm != 0) {
            alarm |= ALARM_ACTIVE;
        }
        return String.format(Locale.ROOT,
                "%s SN=%s SPO2=%03d%% BPM=%03d PI=%02d.%02d%% SPCO=%02d.%d%% SPMET=%02d.%d%% DESAT=%02d PIDELTA=%+03d"
                        + " PVI=%03d ALARM=%04X EXC=%06X\r\n",
                CLOCK.format(now.atZone(zone)), serialNumber, s.spo2(), s.pulse(), s.perfusionHundredths() / 100,
                s.perfusionHundredths() % 100, s.spcoTenths() / 10, s.spcoTenths() % 10, s.spmetTenths() / 10,
                s.spmetTenths() % 10, s.desat(), s.piDelta(), s.pvi(), alarm, EXC_SET);
    }

    String sensorOffLine(Instant now) {
        return String.format(Locale.ROOT,
                "%s SN=%s SPO2=---%% BPM=--- PI=--.--%% SPCO=--.-%% SPMET=--.-%% DESAT=-- PIDELTA=+-- PVI=---"
                        + " ALARM=0000 EXC=%06X\r\n",
                CLOCK.format(now.atZone(zone)), serialNumber, EXC_SET | EXC_SENSOR_OFF);
    }
}
