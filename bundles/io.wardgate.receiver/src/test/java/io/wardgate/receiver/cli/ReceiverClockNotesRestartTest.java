package io.wardgate.receiver.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.api.Alarm;
import io.wardgate.api.AlarmPriority;
import io.wardgate.api.AlarmState;
import io.wardgate.api.Decimal;
import io.wardgate.api.DeviceIdentity;
import io.wardgate.api.Location;
import io.wardgate.api.Observation;
import io.wardgate.api.Transport;
import io.wardgate.api.VitalSign;
import io.wardgate.api.time.ClockNote;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.TestReadings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 22 item 2 through the command line: two runs of {@code receiver open} on the same data directory
 * are a receiver restarted between a gateway's clock notes and the readings its outbox held. With
 * {@code --dedup-journal} the notes are kept beside the journal, and the second run re-stamps the readings.
 */
class ReceiverClockNotesRestartTest {
    private static final Instant REAL = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @TempDir
    Path temp;

    private static String[] open(CliGateway gateway, Path data, Path out, Path... envelopes) {
        List<String> args = new ArrayList<>(List.of("open"));
        args.addAll(gateway.keys());
        args.addAll(List.of("--dedup-journal", data.resolve("dedup.journal").toString(), "--out", out.toString()));
        for (Path envelope : envelopes) {
            args.add(envelope.toString());
        }
        return args.toArray(String[]::new);
    }

    @Test
    void theSecondRunReStampsWithTheNotesTheFirstRunSaw() throws Exception {
        CliGateway gateway = new CliGateway(temp, "wg-cli");
        DeviceIdentity clock = DeviceIdentity.at(Transport.LOCAL, ClockNote.ADDRESS);
        Location location = new Location("st-marys", "icu-2", "gateway");
        List<Alarm> notes = List.of(new Alarm(null, ClockNote.UNVERIFIED, "gateway clock not synchronised",
                AlarmPriority.INFO, AlarmState.ACTIVE, null, Instant.EPOCH.plusSeconds(25)),
                new Alarm(null, ClockNote.SYNCHRONISED + 10_000, "gateway clock synchronised", AlarmPriority.INFO,
                        AlarmState.ENDED, Instant.EPOCH.plusSeconds(100), REAL.minusSeconds(20)));
        Path[] noteFiles = new Path[notes.size()];
        for (int i = 0; i < notes.size(); i++) {
            noteFiles[i] = gateway.seal(temp.resolve("note" + i + ".cose"), 4, i, notes.get(i).gatewayTime(),
                    Batch.ofAlarms(clock, location, "gateway", List.of(notes.get(i))));
        }
        Instant stamped = Instant.EPOCH.plusSeconds(30); // on the 1970 clock, held in the outbox
        Path held = gateway.seal(temp.resolve("held.cose"), 4, 0, stamped, new Batch(TestReadings.MONITOR,
                TestReadings.BED_12, "icu", List.of(Observation.of(VitalSign.HEART_RATE, Decimal.ofInteger(72),
                        Set.of(), stamped))));
        Path data = Files.createDirectories(temp.resolve("data"));

        assertThat(ReceiverMain.run(open(gateway, data, temp.resolve("first.jsonl"), noteFiles), System.out,
                System.err)).isZero();
        assertThat(data.resolve("dedup.journal.clock-notes")).isRegularFile();
        assertThat(ReceiverMain.run(open(gateway, data, temp.resolve("second.jsonl"), held), System.out, System.err))
                .isZero();
        assertThat(Files.readAllLines(temp.resolve("second.jsonl"))).singleElement().satisfies(l -> assertThat(l)
                .contains("\"receivedAt\":\"" + REAL.minusSeconds(90) + "\"").doesNotContain("TIME_UNVERIFIED"));
    }
}
