package io.wardgate.driver.hl7.sim;

import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.api.sim.SimulatorProvider;
import io.wardgate.driver.hl7.MllpFrames;
import io.wardgate.driver.hl7.MllpFramer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.function.Consumer;

/**
 * A bedside monitor that pushes IHE PCD-01 ORU^R01 (v2.6, built with HAPI) over MLLP every
 * {@link #PERIOD}: heart rate, SpO2, pulse rate, respiration rate and temperature wandering within
 * normal ranges, and a blood pressure every {@link #NIBP_PERIOD}. {@link #desaturate(boolean)} puts SpO2
 * low and flagged "L" (OBX-8), as a monitor in limit alarm reports it. It reads the gateway's
 * acknowledgements and counts them; like a real sender it keeps sending whatever the answer.
 */
public final class Pcd01Monitor implements SimulatedDevice {
    public static final Duration PERIOD = Duration.ofSeconds(1);
    public static final Duration NIBP_PERIOD = Duration.ofMinutes(5);

    private final SplittableRandom random; // simulation: seeded and repeatable, not secure
    private final Pcd01Messages messages;
    private final MllpFramer acks = new MllpFramer(64 * 1024);
    private final String eui64;
    private Instant next;
    private Instant nextNibp;
    private int sequence;
    private boolean desaturated;
    private int accepted;
    private int refused;
    private double heartRate;
    private double spo2;
    private double respiration;
    private double temperature;

    public Pcd01Monitor(long seed) {
        this.random = new SplittableRandom(seed);
        this.eui64 = String.format(Locale.ROOT, "%016X", 0x0019C5FFFE000000L
                | Long.parseLong(SimulatorProvider.serialNumber("", seed).substring(4)) & 0xFFFFFFL);
        this.messages = new Pcd01Messages("WARDGATE_SIM", eui64);
        heartRate = 60 + random.nextInt(30);
        spo2 = 95 + random.nextInt(4);
        respiration = 12 + random.nextInt(6);
        temperature = 36.5 + random.nextInt(8) / 10.0;
    }

    /** The EUI-64 this monitor reports (MSH-3, OBR-3, OBX-18). */
    public String eui64() {
        return eui64;
    }

    /** SpO2 low (84 %) and flagged L while on: a limit alarm. */
    public void desaturate(boolean on) {
        desaturated = on;
    }

    /** Acknowledgements that accepted a message (AA or CA). */
    public int accepted() {
        return accepted;
    }

    /** Acknowledgements that refused one (AE, AR, CE, CR). */
    public int refused() {
        return refused;
    }

    @Override
    public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
        acks.feed(bytes, 0, bytes.length, new MllpFramer.Sink() {
            @Override
            public void frame(long offset, byte[] message) {
                String code = messages.acknowledgementCode(new String(message, StandardCharsets.UTF_8));
                if (code.equals("AA") || code.equals("CA")) {
                    accepted++;
                } else if (!code.isEmpty()) {
                    refused++;
                }
            }

            @Override
            public void oversized(long offset, byte[] prefix) {
                refused++;
            }

            @Override
            public void error(long offset, String reason) {
                // Not an acknowledgement: a real sender ignores it and waits for the next.
            }
        });
    }

    @Override
    public void tick(Instant now, Consumer<byte[]> wire) {
        if (next == null) {
            next = now;
            nextNibp = now;
        }
        if (now.isBefore(next)) {
            return;
        }
        next = now.plus(PERIOD);
        List<Pcd01Messages.Numeric> numerics = new ArrayList<>();
        heartRate = wander(heartRate, 1.5, 55, 100);
        spo2 = wander(spo2, 0.5, 94, 99);
        respiration = wander(respiration, 0.5, 10, 20);
        temperature = wander(temperature, 0.02, 36.2, 37.4);
        numerics.add(new Pcd01Messages.Numeric(147842, "MDC_ECG_HEART_RATE", 264864, "MDC_DIM_BEAT_PER_MIN",
                whole(heartRate), ""));
        numerics.add(new Pcd01Messages.Numeric(150456, "MDC_PULS_OXIM_SAT_O2", 262688, "MDC_DIM_PERCENT",
                desaturated ? "84" : whole(spo2), desaturated ? "L" : ""));
        numerics.add(new Pcd01Messages.Numeric(149530, "MDC_PULS_OXIM_PULS_RATE", 264864, "MDC_DIM_BEAT_PER_MIN",
                whole(heartRate + random.nextInt(3) - 1), ""));
        numerics.add(new Pcd01Messages.Numeric(151562, "MDC_RESP_RATE", 264928, "MDC_DIM_RESP_PER_MIN",
                whole(respiration), ""));
        numerics.add(new Pcd01Messages.Numeric(150364, "MDC_TEMP_BODY", 268192, "MDC_DIM_DEGC",
                String.format(Locale.ROOT, "%.1f", temperature), ""));
        if (!now.isBefore(nextNibp)) {
            nextNibp = now.plus(NIBP_PERIOD);
            int systolic = 110 + random.nextInt(20);
            int diastolic = 65 + random.nextInt(15);
            numerics.add(new Pcd01Messages.Numeric(150021, "MDC_PRESS_BLD_NONINV_SYS", 266016, "MDC_DIM_MMHG",
                    Integer.toString(systolic), ""));
            numerics.add(new Pcd01Messages.Numeric(150022, "MDC_PRESS_BLD_NONINV_DIA", 266016, "MDC_DIM_MMHG",
                    Integer.toString(diastolic), ""));
            numerics.add(new Pcd01Messages.Numeric(150023, "MDC_PRESS_BLD_NONINV_MEAN", 266016, "MDC_DIM_MMHG",
                    Integer.toString(diastolic + (systolic - diastolic) / 3), ""));
        }
        wire.accept(MllpFrames.wrap(messages.oru("SIM" + (++sequence), now, numerics)));
    }

    private double wander(double value, double step, double low, double high) {
        return Math.max(low, Math.min(high, value + (random.nextDouble() * 2 - 1) * step));
    }

    private static String whole(double value) {
        return Long.toString(Math.round(value));
    }
}
