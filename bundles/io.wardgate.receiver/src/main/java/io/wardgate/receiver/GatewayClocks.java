package io.wardgate.receiver;

import io.wardgate.api.Alarm;
import io.wardgate.api.Observation;
import io.wardgate.api.Reading;
import io.wardgate.api.StatusFlag;
import io.wardgate.api.WaveformSegment;
import io.wardgate.api.time.ClockNote;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.OpenResult.Opened;
import io.wardgate.seal.envelope.SealTags;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the gateways' clock notes (io.wardgate.api.time.ClockNote; docs/envelope.md, "Gateway clock
 * notes") to the gateway times of what they sealed in the same boot epoch: readings stamped before the
 * clock was synchronised are re-stamped onto the synchronised timeline; those that cannot be placed
 * (no synchronisation note, or within its ambiguity window) keep their stamp and carry
 * {@link StatusFlag#TIME_UNVERIFIED}; so do alarm changes, which never wait in the gateway's outbox for
 * the synchronisation note. Device times are the devices' own and are never changed. The notes
 * are kept for the newest {@value #MAX_EPOCHS} (gateway, epoch) pairs: in memory, and, when made with
 * {@link #persistent}, in a file written before the note's envelope counts as received, so a restarted
 * receiver applies them to envelopes that arrive after the restart. Thread-safe.
 */
public final class GatewayClocks {
    private static final Logger LOG = LoggerFactory.getLogger(GatewayClocks.class);
    static final int MAX_EPOCHS = 65_536;
    static final long MAX_WINDOW_MILLIS = Duration.ofDays(1).toMillis();

    record Key(String gatewayId, long epoch) {
    }

    /** What is known of one epoch's clock: unverified from the start, and how to re-stamp once synchronised. */
    record EpochClock(boolean unverified, Instant oldUpTo, Duration offset, Duration window) {
        static final EpochClock UNVERIFIED = new EpochClock(true, null, null, null);

        boolean synchronised() {
            return oldUpTo != null;
        }
    }

    private final Map<Key, EpochClock> epochs = new LinkedHashMap<>(16, 0.75f, true);
    private final ClockNoteFile file;

    /** Notes in memory only: a restart forgets them (envelopes of those epochs are then written as stamped). */
    public GatewayClocks() {
        this.file = null;
    }

    private GatewayClocks(ClockNoteFile file) throws IOException {
        this.file = file;
        epochs.putAll(file.load());
    }

    /**
     * Notes kept in {@code file} as well (created when missing; in the receiver's data directory, beside the
     * de-duplication journal): read now, written atomically on every new note.
     */
    public static GatewayClocks persistent(Path file) throws IOException {
        return new GatewayClocks(new ClockNoteFile(file, MAX_EPOCHS));
    }

    /**
     * Learns from a clock note envelope, or applies what is known to any other; returns what the sinks
     * should write (the same object when nothing changes).
     *
     * @throws IOException when a new note cannot be written to the file: the envelope must not count as
     *     received, so that it is delivered again
     */
    public Opened apply(Opened opened) throws IOException {
        Batch batch = opened.batch();
        Key key = new Key(opened.tags().gatewayId(), opened.tags().epoch());
        if (batch.device().id().equals(ClockNote.DEVICE_ID)) {
            for (Alarm note : batch.alarms()) {
                learn(key, note);
            }
            return opened;
        }
        EpochClock clock;
        synchronized (epochs) {
            clock = epochs.get(key);
        }
        if (clock == null || !clock.unverified() && !clock.synchronised()) {
            return opened;
        }
        List<Reading> readings = new ArrayList<>(batch.readings().size());
        for (Reading reading : batch.readings()) {
            readings.add(restamp(reading, clock));
        }
        List<Alarm> alarms = new ArrayList<>(batch.alarms().size());
        for (Alarm alarm : batch.alarms()) {
            Instant at = placed(alarm.gatewayTime(), clock);
            // an alarm never waits for the synchronisation note: one that cannot be placed says so, as a reading does
            alarms.add(at == null ? alarm.withStatus(flagged(alarm.status(), true)) : alarm.at(alarm.deviceTime(), at));
        }
        SealTags tags = opened.tags();
        Instant sealed = placed(tags.sealedAt(), clock);
        SealTags newTags = sealed == null ? tags
                : new SealTags(tags.gatewayId(), tags.deviceId(), tags.epoch(), tags.sequence(), sealed);
        return new Opened(newTags, new Batch(batch.device(), batch.location(), batch.group(), readings, alarms),
                opened.signerKid(), opened.signerChain());
    }

    private void learn(Key key, Alarm note) throws IOException {
        EpochClock next;
        if (note.code().equals(ClockNote.UNVERIFIED)) {
            next = EpochClock.UNVERIFIED;
        } else if (note.code().startsWith(ClockNote.SYNCHRONISED) && note.deviceTime() != null) {
            String window = note.code().substring(ClockNote.SYNCHRONISED.length());
            if (!window.matches("[0-9]{1,9}") || Long.parseLong(window) > MAX_WINDOW_MILLIS) {
                LOG.warn("Clock note of {} epoch {} ignored: bad ambiguity window '{}'", key.gatewayId(), key.epoch(),
                        window);
                return;
            }
            next = new EpochClock(true, note.deviceTime(), Duration.between(note.deviceTime(), note.gatewayTime()),
                    Duration.ofMillis(Long.parseLong(window)));
            LOG.info("Gateway {} epoch {}: clock synchronised, times up to {} re-stamped by {}", key.gatewayId(),
                    key.epoch(), note.deviceTime(), next.offset());
        } else {
            return;
        }
        synchronized (epochs) {
            EpochClock before = epochs.get(key);
            if (before != null && before.synchronised() && !next.synchronised()) {
                return; // an older note delivered late does not undo the synchronisation
            }
            epochs.put(key, next);
            if (epochs.size() > MAX_EPOCHS) {
                epochs.remove(epochs.keySet().iterator().next());
            }
            if (file != null && !next.equals(before)) {
                try {
                    file.save(epochs);
                } catch (IOException e) {
                    // not kept: forget it here too, so the redelivered note is learnt (and saved) again
                    if (before == null) {
                        epochs.remove(key);
                    } else {
                        epochs.put(key, before);
                    }
                    throw new IOException("clock note of " + key.gatewayId() + " epoch " + key.epoch()
                            + " not saved to " + file.path() + ": " + e.getMessage(), e);
                }
            }
        }
    }

    /** The gateway time on the synchronised timeline, or null when it cannot be placed (unverified). */
    private static Instant placed(Instant stamped, EpochClock clock) {
        if (!clock.synchronised() || stamped.isAfter(clock.oldUpTo())) {
            return clock.synchronised() ? stamped : null;
        }
        Instant syncedAt = clock.oldUpTo().plus(clock.offset());
        if (!stamped.isBefore(syncedAt.minus(clock.window()))) {
            return null; // on either timeline: it cannot be told
        }
        return stamped.plus(clock.offset());
    }

    private static Reading restamp(Reading reading, EpochClock clock) {
        Instant at = placed(reading.receivedAt(), clock);
        if (at != null && at.equals(reading.receivedAt())) {
            return reading;
        }
        Duration shift = at == null ? Duration.ZERO : Duration.between(reading.receivedAt(), at);
        if (reading instanceof Observation o) {
            Set<StatusFlag> status = flagged(o.status(), at == null);
            return new Observation(o.metric(), o.unit(), o.value(), status, o.deviceTime(), o.receivedAt().plus(shift));
        }
        if (reading instanceof WaveformSegment w) {
            // the start of a segment is derived from the gateway's reception: it moves with it
            return new WaveformSegment(w.metric(), w.unit(), w.samplePeriod(), w.start().plus(shift), w.samples(),
                    w.scale(), flagged(w.status(), at == null), w.receivedAt().plus(shift));
        }
        return reading;
    }

    private static Set<StatusFlag> flagged(Set<StatusFlag> status, boolean unverified) {
        if (!unverified) {
            return status;
        }
        Set<StatusFlag> flags = status.isEmpty() ? EnumSet.noneOf(StatusFlag.class) : EnumSet.copyOf(status);
        flags.add(StatusFlag.TIME_UNVERIFIED);
        return flags;
    }
}
