package io.wardgate.driver.datex.sim;

import io.wardgate.api.sim.SimulatedDevice;
import io.wardgate.driver.datex.DatexFramer;
import io.wardgate.driver.datex.DatexFrames;
import io.wardgate.driver.datex.DatexRecord;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A GE monitor on its S/5 Computer Interface: silent until asked, as the real one. It answers a
 * displayed-values request whose DRI level it supports (its own or lower) at once and then every interval;
 * 10 s trends once displayed values run; the waveforms requested, within 600 samples/s in request order,
 * in a packet every 200 ms; the alarm status in differential mode (now, then on each change, at most every
 * 2 s). Alarms are raised and cleared on demand ({@link #raise}, {@link #clear}).
 *
 * <p>Modes, switchable at any time from any thread: {@link Mode#NORMAL}; {@link Mode#SILENT} (it listens
 * but sends nothing, as a monitor whose interface is off); {@link Mode#GARBAGE} (random bytes, as a wrong
 * baud rate); {@link Mode#DROP} (every third frame loses bytes in the middle, as a loose connector).
 */
public final class DatexMonitor implements SimulatedDevice {
    public static final int LEVEL_2005 = 0x09;
    public static final int LEVEL_2009 = 0x0A;
    static final Duration WAVE_PACKET = Duration.ofMillis(200);
    static final Duration TREND_INTERVAL = Duration.ofSeconds(10);
    static final Duration ALARM_GAP = Duration.ofSeconds(2);
    private static final int GARBAGE_PER_TICK = 32;
    private static final Map<Integer, Integer> RATES = Map.of(1, 300, 2, 300, 3, 300, 4, 100, 5, 100, 6, 100, 7, 100,
            8, 100, 9, 25);

    public enum Mode {
        NORMAL,
        SILENT,
        GARBAGE,
        DROP
    }

    private final int level;
    private final Physiology physiology;
    private final DatexFramer framer = new DatexFramer();
    private final Map<String, Integer> alarms = new LinkedHashMap<>();
    private final byte[] garbage = new byte[GARBAGE_PER_TICK];
    private volatile Mode mode = Mode.NORMAL;
    private volatile Duration clockOffset = Duration.ZERO;
    private volatile boolean alarmsChanged;
    private int silenceInfo;
    private Duration displayInterval;
    private Instant nextDisplayed;
    private Instant nextTrend;
    private boolean trends;
    private List<Integer> waves = List.of();
    private Instant nextWave;
    private long waveSamples;
    private boolean alarmDiffMode;
    private Instant lastAlarm;
    private int framesSent;
    private final List<byte[]> pending = new ArrayList<>();

    /** @param level the monitor's DRI level (2 to 11, e.g. {@link #LEVEL_2009}) */
    public DatexMonitor(long seed, int level) {
        if (level < 2 || level > 11) {
            throw new IllegalArgumentException("DRI level must be 2 to 11: " + level);
        }
        this.level = level;
        this.physiology = new Physiology(seed);
    }

    /**
     * Sets the monitor's clock this far from the true time (positive: ahead), as a monitor whose clock was
     * set wrong: its record headers' r_time and the subrecords' times say so from the next record on.
     */
    public void setClockOffset(Duration offset) {
        clockOffset = java.util.Objects.requireNonNull(offset, "offset");
    }

    public void mode(Mode newMode) {
        this.mode = Objects.requireNonNull(newMode, "mode");
    }

    /** Shows an alarm on the monitor: {@code color} 1 white, 2 yellow, 3 red. */
    public synchronized void raise(String text, int color) {
        if (color < 1 || color > 3 || text.isEmpty() || text.length() > 79) {
            throw new IllegalArgumentException("an alarm needs 1 to 79 characters of text and a colour 1 to 3");
        }
        alarms.put(text, color);
        alarmsChanged = true;
    }

    /** Takes an alarm off the monitor. */
    public synchronized void clear(String text) {
        alarms.remove(text);
        alarmsChanged = true;
    }

    /** Silences all alarms at the bedside (DRI_SI_ALL) or lifts the silence. */
    public synchronized void silence(boolean all) {
        silenceInfo = all ? 4 : 0;
        alarmsChanged = true;
    }

    @Override
    public void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire) {
        framer.feed(bytes, 0, bytes.length, new DatexFramer.Sink() {
            @Override
            public void record(long offset, byte[] record) {
                request(record, now);
            }

            @Override
            public void error(long offset, String reason) {
                // A monitor ignores what it cannot read.
            }
        });
    }

    private void request(byte[] bytes, Instant now) {
        DatexRecord record;
        try {
            record = DatexRecord.parse(bytes);
        } catch (DatexRecord.Malformed e) {
            return;
        }
        if (record.level() > level || record.subrecords().isEmpty() || record.subrecords().get(0).type() != 0) {
            return;
        }
        ByteBuffer data = record.subrecords().get(0).data();
        switch (record.mainType()) {
            case DatexRecord.MAIN_PHDB -> physiologicalRequest(data, now);
            case DatexRecord.MAIN_WAVE -> waveRequest(data, now);
            default -> alarmRequest(data, now);
        }
    }

    private void physiologicalRequest(ByteBuffer data, Instant now) {
        if (data.remaining() < 9) {
            return;
        }
        int type = data.get(0);
        int interval = data.getShort(1);
        if (type == 1) {
            displayInterval = interval >= 5 ? Duration.ofSeconds(interval) : null;
            nextDisplayed = interval >= 5 || interval == -1 ? now : null;
            if (displayInterval == null) {
                trends = false;
            }
        } else if (type == 2 && displayInterval != null) {
            trends = interval > 0;
            nextTrend = now.plus(TREND_INTERVAL);
        }
    }

    private void waveRequest(ByteBuffer data, Instant now) {
        if (data.remaining() < 12) {
            return;
        }
        if (data.getShort(0) != 0) {
            waves = List.of();
            return;
        }
        List<Integer> accepted = new ArrayList<>();
        int total = 0;
        for (int i = 0; i < 8; i++) {
            int type = data.get(4 + i) & 0xFF;
            if (type == DatexRecord.END_OF_LIST) {
                break;
            }
            Integer rate = RATES.get(type);
            if (rate != null && total + rate <= 600 && !accepted.contains(type)) {
                accepted.add(type);
                total += rate;
            }
        }
        waves = List.copyOf(accepted);
        nextWave = now.plus(WAVE_PACKET);
    }

    private void alarmRequest(ByteBuffer data, Instant now) {
        if (data.remaining() < 2) {
            return;
        }
        int command = data.getShort(0);
        alarmDiffMode = command == 2 || (alarmDiffMode && command != 3);
        if (command == 0 || command == 2) {
            alarmsChanged = true;
            lastAlarm = null;
        }
    }

    @Override
    public void tick(Instant now, Consumer<byte[]> wire) {
        Mode current = mode;
        if (current == Mode.GARBAGE) {
            physiology.garbage(garbage);
            wire.accept(garbage.clone());
            return;
        }
        if (nextDisplayed != null && !now.isBefore(nextDisplayed)) {
            pending.add(MonitorRecords.physiological(level, now.plus(clockOffset), 1, physiology.next()));
            nextDisplayed = displayInterval == null ? null : now.plus(displayInterval);
        }
        if (trends && !now.isBefore(nextTrend)) {
            pending.add(MonitorRecords.physiological(level, now.plus(clockOffset), 2, physiology.next()));
            nextTrend = now.plus(TREND_INTERVAL);
        }
        if (!waves.isEmpty() && !now.isBefore(nextWave)) {
            pending.add(waveRecord(now));
            nextWave = nextWave.plus(WAVE_PACKET);
            if (nextWave.isBefore(now)) {
                nextWave = now.plus(WAVE_PACKET);
            }
        }
        alarmTick(now);
        for (byte[] record : pending) {
            send(DatexFrames.frame(record), current, wire);
        }
        pending.clear();
    }

    private synchronized void alarmTick(Instant now) {
        if (!alarmDiffMode || !alarmsChanged || (lastAlarm != null && now.isBefore(lastAlarm.plus(ALARM_GAP)))) {
            return;
        }
        List<MonitorRecords.AlarmBox> boxes = new ArrayList<>();
        alarms.entrySet().stream().sorted((a, b) -> b.getValue() - a.getValue())
                .forEach(e -> boxes.add(new MonitorRecords.AlarmBox(e.getKey(), e.getValue())));
        pending.add(MonitorRecords.alarms(level, now.plus(clockOffset), silenceInfo, boxes));
        alarmsChanged = false;
        lastAlarm = now;
    }

    private byte[] waveRecord(Instant now) {
        List<MonitorRecords.Wave> list = new ArrayList<>();
        for (int type : waves) {
            int rate = RATES.get(type);
            int count = (int) (rate * WAVE_PACKET.toMillis() / 1000);
            long start = waveSamples * rate / 300;
            list.add(new MonitorRecords.Wave(type, physiology.wave(type, rate, count, start)));
        }
        waveSamples += 300 * WAVE_PACKET.toMillis() / 1000;
        return MonitorRecords.waveforms(level, now.plus(clockOffset), list);
    }

    private void send(byte[] frame, Mode current, Consumer<byte[]> wire) {
        if (current == Mode.SILENT) {
            return;
        }
        framesSent++;
        if (current == Mode.DROP && framesSent % 3 == 0 && frame.length > 8) {
            int head = frame.length / 3;
            int tailStart = 2 * frame.length / 3;
            byte[] cut = new byte[head + frame.length - tailStart];
            System.arraycopy(frame, 0, cut, 0, head);
            System.arraycopy(frame, tailStart, cut, head, frame.length - tailStart);
            wire.accept(cut);
            return;
        }
        wire.accept(frame);
    }
}
