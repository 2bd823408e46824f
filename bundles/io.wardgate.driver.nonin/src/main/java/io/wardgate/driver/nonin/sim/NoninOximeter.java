package io.wardgate.driver.nonin.sim;

import io.wardgate.api.sim.SimulatedDevice;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A Nonin pulse oximeter (9560-style, serial or Bluetooth SPP at 9600 8N1). It answers the data
 * format select command with ACK for formats 7 and 8 (NAK for anything else, including formats 2
 * and 13, which it does not simulate), then streams DF8 once a second or DF7 at 75 frames a second.
 * The runner may switch its {@link Mode} at any time, from any thread.
 */
public final class NoninOximeter implements SimulatedDevice {

    public enum Mode {
        /** A finger in the sensor: believable, varying SpO2, pulse rate and pleth. */
        NORMAL,
        /** Finger out: missing-data values (511, 127) with the sensor alarm bits, flat pleth. */
        SENSOR_OFF,
        /** Random bytes at the rate frames would come. */
        GARBAGE,
        /** Sends nothing and answers nothing. */
        SILENT
    }

    static final byte ACK = 0x06;
    static final byte NAK = 0x15;
    static final Duration DF8_PERIOD = Duration.ofSeconds(1);
    static final long DF7_FRAMES_PER_SECOND = 75;
    /** After a stall the device does not send what it owes: at most this many frames per tick. */
    static final int MAX_CATCH_UP = 75;

    private final HostCommands commands = new HostCommands();
    private final Physiology patient;
    private final SplittableRandom noise;
    private volatile Mode mode = Mode.NORMAL;
    private int format;
    private Instant streamStart;
    private long frameNumber;
    private int framesSinceBeat = Integer.MAX_VALUE;

    /** A device still on its default format (13, not simulated): silent until the host selects 7 or 8. */
    public NoninOximeter(long seed) {
        this(0, seed);
    }

    /** A device that kept format 7 or 8 from before and streams it from its first tick. */
    public NoninOximeter(int storedFormat, long seed) {
        if (storedFormat != 0 && storedFormat != 7 && storedFormat != 8) {
            throw new IllegalArgumentException("stored format must be 0 (none), 7 or 8, not " + storedFormat);
        }
        this.format = storedFormat;
        this.patient = new Physiology(seed);
        this.noise = new SplittableRandom(seed ^ 0x5DEECE66DL);
    }

    public void setMode(Mode newMode) {
        mode = Objects.requireNonNull(newMode, "mode");
    }

    public Mode mode() {
        return mode;
    }

    /** The format being streamed: 7, 8, or 0 before any was selected. */
    public int format() {
        return format;
    }

    @Override
    public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
        for (byte b : bytes) {
            HostCommands.Command command = commands.accept(b);
            if (command == null || mode == Mode.SILENT) {
                continue;
            }
            if (command.isFormatSelect() && (command.format() == 7 || command.format() == 8)) {
                wire.accept(new byte[] {ACK});
                if (format != command.format()) {
                    format = command.format();
                    streamStart = null;
                }
            } else {
                wire.accept(new byte[] {NAK});
            }
        }
    }

    @Override
    public void tick(Instant now, Consumer<byte[]> wire) {
        if (format == 0) {
            return;
        }
        if (streamStart == null) {
            streamStart = now;
            frameNumber = 0;
        }
        for (int sent = 0; !now.isBefore(dueTime(frameNumber)); sent++) {
            if (sent == MAX_CATCH_UP) {
                streamStart = now;
                frameNumber = 0;
                return;
            }
            byte[] frame = format == 8 ? nextDf8() : nextDf7();
            frameNumber++;
            send(frame, wire);
        }
    }

    private Instant dueTime(long frame) {
        if (format == 8) {
            return streamStart.plus(DF8_PERIOD.multipliedBy(frame));
        }
        return streamStart.plusNanos(frame * 1_000_000_000L / DF7_FRAMES_PER_SECOND);
    }

    private void send(byte[] frame, Consumer<byte[]> wire) {
        switch (mode) {
            case SILENT -> { }
            case GARBAGE -> {
                byte[] garbage = new byte[frame.length];
                for (int i = 0; i < garbage.length; i++) {
                    garbage[i] = (byte) noise.nextInt(256);
                }
                wire.accept(garbage);
            }
            default -> wire.accept(frame);
        }
    }

    private byte[] nextDf8() {
        patient.drift();
        if (mode == Mode.SENSOR_OFF) {
            return NoninFrames.df8(NoninFrames.DF8_SENSOR_DISCONNECTED, NoninFrames.MISSING_PULSE_RATE,
                    NoninFrames.MISSING_SPO2, NoninFrames.DF8_SENSOR_ALARM);
        }
        return NoninFrames.df8(0, patient.pulseRate(), patient.spo2(), 0);
    }

    private byte[] nextDf7() {
        int position = (int) (frameNumber % 25);
        long packet = frameNumber / 25;
        if (position == 0 && packet % 3 == 0) {
            patient.drift();
        }
        int pleth = patient.nextPleth();
        if (mode == Mode.SENSOR_OFF) {
            return NoninFrames.df7(position, NoninFrames.DF7_SENSOR_ALARM, 0, NoninFrames.MISSING_PULSE_RATE,
                    NoninFrames.MISSING_SPO2, (int) packet);
        }
        int status = pulseShown() ? NoninFrames.DF7_GREEN_PERFUSION : 0;
        return NoninFrames.df7(position, status, pleth, patient.pulseRate(), patient.spo2(), (int) packet);
    }

    /** The perfusion bits are set for 12 frames (160 ms) from each pulse (9560 specification). */
    private boolean pulseShown() {
        framesSinceBeat = patient.beatStarted() ? 0 : framesSinceBeat == Integer.MAX_VALUE ? framesSinceBeat
                : framesSinceBeat + 1;
        return framesSinceBeat < 12;
    }
}
