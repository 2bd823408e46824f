package io.wardgate.driver.medibus.sim;

import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.driver.medibus.MedibusFramer;
import io.wardgate.driver.medibus.MedibusFrames;
import io.wardgate.driver.medibus.MedibusMessage;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A Draeger Evita-like ventilator on MEDIBUS: it answers every command (measured data code page 1 with
 * airway pressures, volumes, rates, FiO2, EtCO2 and SpO2 of a ventilated adult; an empty code page 2, as
 * an Evita 4 has none; its settings; its alarms; its identification), answers a corrupt command with NAK,
 * and, once initialized, sends NOP every 2 s as the real one does while idle, expecting the echo. It
 * offers two realtime curves (airway pressure and CO2, as example 5 of the definition) and sends those
 * the host configured and enabled, a record every 16 ms.
 * Alarms are raised and cleared on demand ({@link #raise}, {@link #clear}).
 *
 * <p>Modes, switchable at any time from any thread: {@link Mode#NORMAL}; {@link Mode#SILENT} (it answers
 * nothing); {@link Mode#GARBAGE} (random bytes below 0x80 instead of its messages); {@link Mode#DROP} (one response in four, at random,
 * loses its checksum and CR, as a loose connector).
 */
public final class MedibusVentilator implements SimulatedDevice {
    public static final String IDENTIFICATION = "8888'Evita 4'04.03:04.03";
    static final Duration NOP_INTERVAL = Duration.ofSeconds(2);
    private static final int GARBAGE_PER_TICK = 16;

    public enum Mode {
        NORMAL,
        SILENT,
        GARBAGE,
        DROP
    }

    private final SplittableRandom random;
    private final MedibusFramer framer = new MedibusFramer();
    private final Map<Integer, String> alarms = new LinkedHashMap<>();
    private volatile Mode mode = Mode.NORMAL;
    private boolean initialized;
    private Instant lastNop;
    private long breaths;
    private final double phase;

    public MedibusVentilator(long seed) {
        this.random = new SplittableRandom(seed);
        this.phase = random.nextDouble(2 * Math.PI);
    }

    public void mode(Mode newMode) {
        this.mode = Objects.requireNonNull(newMode, "mode");
    }

    /** Shows an alarm of code page 1: priority 1 to 31, code 0 to 255, a phrase of at most 12 characters. */
    public synchronized void raise(int priority, int code, String phrase) {
        if (priority < 1 || priority > 31 || code < 0 || code > 255 || phrase.length() > 12
                || !phrase.matches("[ -~]*")) {
            throw new IllegalArgumentException("priority 1-31, code 0-255, phrase of at most 12 printable characters");
        }
        alarms.put(code, String.format(Locale.ROOT, "%c%02X%-12s", (char) (0x30 + priority), code, phrase));
    }

    public synchronized void clear(int code) {
        alarms.remove(code);
    }

    @Override
    public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
        List<byte[]> out = new ArrayList<>();
        framer.feed(bytes, 0, bytes.length, new MedibusFramer.Sink() {
            @Override
            public void message(MedibusMessage message) {
                if (message.command()) {
                    out.add(answer(message.code(), message.text()));
                } else if (message.code() == MedibusFrames.ICC) {
                    initialized = true;
                }
            }

            @Override
            public void corruptCommand(long offset, String reason) {
                out.add(MedibusFrames.nak());
            }

            @Override
            public void error(long offset, String reason) {
                // a device ignores what it cannot read
            }

            @Override
            public void realtime(long offset, int b) {
                enableCommand(b);
            }
        });
        for (byte[] message : out) {
            send(message, wire);
        }
    }

    @Override
    public void tick(Instant now, Consumer<byte[]> wire) {
        if (mode == Mode.GARBAGE) {
            byte[] garbage = new byte[GARBAGE_PER_TICK];
            for (int i = 0; i < garbage.length; i++) {
                garbage[i] = (byte) random.nextInt(0x80);
            }
            wire.accept(garbage);
            return;
        }
        realtimeTick(now, wire);
        if (initialized && (lastNop == null || !now.isBefore(lastNop.plus(NOP_INTERVAL)))) {
            lastNop = now;
            send(MedibusFrames.command(MedibusFrames.NOP, ""), wire);
        }
    }

    /**
     * Realtime curves offered (example 5 of the protocol definition): airway pressure, code 00, -10 to 100
     * mbar as 0 to 370H; CO2, code 06, -20 to 100 mmHg as 0 to 460H; both every 16 ms.
     */
    static final String REALTIME_OFFER = "00   16000-  10  100370" + "06   16000-  20  100460";
    static final Duration REALTIME_PERIOD = Duration.ofMillis(16);

    private List<Integer> configured = List.of();
    private int enabled;
    private int syncState;
    private Instant nextSample;
    private long sample;

    /** The host's sync command: D0 C1 Cx C0 C0 enables curves 1-4 by the bits of x. */
    private void enableCommand(int b) {
        if (b == 0xD0) {
            syncState = 1;
        } else if (syncState == 1 && b == 0xC1) {
            syncState = 2;
        } else if (syncState == 2 && (b & 0xF0) == 0xC0) {
            enabled = b & 0x0F;
            syncState = 0;
        } else {
            syncState = 0;
        }
    }

    private void configureRealtime(String argument) {
        List<Integer> codes = new ArrayList<>();
        for (int i = 0; i + 4 <= argument.length() && codes.size() < 4; i += 4) {
            codes.add(Integer.parseInt(argument.substring(i, i + 2), 16));
        }
        configured = List.copyOf(codes);
        enabled = 0;
    }

    private void realtimeTick(Instant now, Consumer<byte[]> wire) {
        if (enabled == 0 || configured.isEmpty()) {
            nextSample = null;
            return;
        }
        if (nextSample == null || nextSample.isBefore(now.minusSeconds(1))) {
            nextSample = now;
        }
        java.io.ByteArrayOutputStream records = new java.io.ByteArrayOutputStream();
        while (!nextSample.isAfter(now)) {
            int bits = enabled & ((1 << configured.size()) - 1);
            records.write(0xD0 | bits);
            double t = sample++ * REALTIME_PERIOD.toMillis() / 1000.0;
            double breath = (t * 14 / 60.0) % 1.0;
            for (int i = 0; i < configured.size(); i++) {
                if ((bits & (1 << i)) == 0) {
                    continue;
                }
                int value = configured.get(i) == 0x06
                        ? (int) Math.round((breath > 0.4 ? 38 * Math.min(1, (breath - 0.4) * 8) + 20 : 20) * 0x460 / 120.0)
                        : (int) Math.round(((breath < 0.35 ? 5 + 16 * Math.sin(Math.PI * breath / 0.35) : 5) + 10) * 0x370
                                / 110.0);
                records.write(0x80 | (value & 0x3F));
                records.write(0x80 | ((value >> 6) & 0x3F));
            }
            nextSample = nextSample.plus(REALTIME_PERIOD);
        }
        if (records.size() > 0 && mode != Mode.SILENT && mode != Mode.GARBAGE) {
            wire.accept(records.toByteArray());
        }
    }

    private byte[] answer(int code, String argument) {
        if (code == MedibusFrames.CONFIGURE_REALTIME) {
            configureRealtime(argument);
        }
        return answer(code);
    }

    private byte[] answer(int code) {
        if (code == MedibusFrames.ICC) {
            initialized = true;
        }
        return switch (code) {
            case MedibusFrames.DEVICE_ID -> MedibusFrames.response(code, IDENTIFICATION);
            case MedibusFrames.MEASURED_CP1 -> MedibusFrames.response(code, measured());
            case MedibusFrames.SETTINGS -> MedibusFrames.response(code, settings());
            case MedibusFrames.ALARMS_CP1 -> MedibusFrames.response(code, alarms());
            case MedibusFrames.REALTIME_CONFIG -> MedibusFrames.response(code, REALTIME_OFFER);
            default -> MedibusFrames.response(code, "");
        };
    }

    private synchronized String alarms() {
        return String.join("", alarms.values());
    }

    /** Code page 1 items, values right-aligned in 4 characters (Evita 4 table formats). */
    private String measured() {
        long n = breaths++;
        double slow = Math.sin(2 * Math.PI * n / 40.0 + phase);
        int peak = 21 + (int) Math.round(2 * slow) + random.nextInt(-1, 2);
        int mean = 9 + random.nextInt(0, 2);
        int plateau = peak - 3;
        int volume = 450 + (int) Math.round(25 * slow) + random.nextInt(-10, 11);
        int rate = 14 + random.nextInt(0, 2);
        double minute = volume * rate / 1000.0;
        int etco2 = 37 + (int) Math.round(2 * slow) + random.nextInt(-1, 2);
        int spo2 = Math.min(100, 96 + random.nextInt(0, 4));
        int pulse = 78 + (int) Math.round(4 * slow) + random.nextInt(-2, 3);
        return item(0x7D, Integer.toString(peak)) + item(0x73, Integer.toString(mean))
                + item(0x74, Integer.toString(plateau)) + item(0x78, "5") + item(0x88, Integer.toString(volume))
                + item(0xB9, String.format(Locale.ROOT, "%.1f", minute)) + item(0xD6, Integer.toString(rate))
                + item(0xF0, "40") + item(0xE6, Integer.toString(etco2)) + item(0xEB, Integer.toString(spo2))
                + item(0xE1, Integer.toString(pulse));
    }

    private static String settings() {
        return setting(0x01, "40") + setting(0x04, "0.450") + setting(0x09, "14.0") + setting(0x0B, "5.0")
                + setting(0x13, "25.0");
    }

    private static String item(int code, String value) {
        return String.format(Locale.ROOT, "%02X%4s", code, value);
    }

    private static String setting(int code, String value) {
        return String.format(Locale.ROOT, "%02X%5s", code, value);
    }

    private void send(byte[] message, Consumer<byte[]> wire) {
        if (mode == Mode.SILENT || mode == Mode.GARBAGE) {
            return;
        }
        if (mode == Mode.DROP && message[0] == MedibusFrames.SOH && random.nextInt(4) == 0) {
            wire.accept(java.util.Arrays.copyOf(message, message.length - 3));
            return;
        }
        wire.accept(message);
    }
}
