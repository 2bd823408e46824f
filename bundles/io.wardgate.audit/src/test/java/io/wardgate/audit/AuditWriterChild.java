package io.wardgate.audit;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import java.nio.file.Path;
import java.time.Instant;

/**
 * Run in a child JVM by {@link KillDashNineTest}: appends records as fast as it can and prints
 * "ack N" after record N was stored (record() returned), until it is killed.
 */
public final class AuditWriterChild {
    private AuditWriterChild() {
    }

    public static void main(String[] args) throws Exception {
        FileAuditTrail trail = Trails.open(Trails.settings(Path.of(args[0])));
        trail.splitWritesForCrashTest();
        for (long i = 0; i < 1_000_000; i++) {
            trail.record(new AuditEvent(Instant.now(), "device:serial:/dev/ttyUSB0", "CHILD_WRITE", "", Outcome.SUCCESS,
                    "record written by the child " + i));
            System.out.println("ack " + trail.status().lastSequence());
            System.out.flush();
        }
    }
}
