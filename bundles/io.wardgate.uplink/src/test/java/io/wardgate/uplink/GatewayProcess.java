package io.wardgate.uplink;

import io.wardgate.api.pipeline.StoreOutcome;
import io.wardgate.outbox.OutboxEngine;
import io.wardgate.outbox.OutboxSettings;
import io.wardgate.testkit.TestGatewayIdentity;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A gateway in its own JVM for the kill -9 test: outbox + uplink, and a producer that continues each
 * device's sequence from the outbox's counter. Prints "STORED device seq" after each store() returned
 * (that is, after the commit), then keeps draining until killed.
 * Args: database, broker URL, trust anchors, chain PEM, key PEM, last sequence per device, devices...
 */
public final class GatewayProcess {
    private GatewayProcess() {
    }

    public static void main(String[] args) {
        Path database = Path.of(args[0]);
        TestGatewayIdentity identity = TestGatewayIdentity.read(UplinkFixture.GATEWAY, Path.of(args[3]), Path.of(args[4]));
        long last = Long.parseLong(args[5]);
        List<String> devices = List.of(args).subList(6, args.length);
        OutboxEngine outbox = new OutboxEngine(OutboxSettings.defaults(database), Clock.systemUTC(), () -> null);
        UplinkSettings settings = UplinkSettings.of(List.of(BrokerEndpoint.parse(args[1])), UplinkFixture.SITE,
                UplinkFixture.WARD, Path.of(args[2])).withTiming(Duration.ofSeconds(5), Duration.ofMillis(100),
                Duration.ofSeconds(1));
        new UplinkEngine(settings, outbox, identity, new PahoTransport(), () -> null, Clock.systemUTC(),
                new SplittableRandom()).start();
        boolean more = true;
        while (more) {
            more = false;
            for (String device : devices) {
                long next = outbox.lastSequence(device, 1) + 1;
                if (next > last) {
                    continue;
                }
                more = true;
                if (outbox.store(UplinkFixture.envelope(device, next)) == StoreOutcome.STORED) {
                    System.out.println("STORED " + device + " " + next);
                    System.out.flush();
                }
            }
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // readings arrive at a steady pace
        }
        System.out.println("DONE");
        System.out.flush();
        LockSupport.park(); // keep draining until the test kills this JVM
    }
}
