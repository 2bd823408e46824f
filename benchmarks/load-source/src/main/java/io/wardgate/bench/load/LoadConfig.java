package io.wardgate.bench.load;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = LoadSource.PID, name = "WardGate benchmark load source (benchmark only)",
        description = "Submits generated numerics and waveform segments for N local devices to the reading intake "
                + "at a fixed rate, then stops. Never configured on a real gateway.")
@interface LoadConfig {

    @AttributeDefinition(min = "1", max = "10000", description = "Simulated devices (1 to 10000), ids local:<prefix>NNN.")
    int devices() default 30;

    @AttributeDefinition(min = "1", max = "10000000",
            description = "Readings per second over all devices: numerics plus waveform samples (1 to 10000000).")
    int readingsPerSecond() default 27_000;

    @AttributeDefinition(min = "0", max = "1000", description = "Numeric readings per second per device, within the rate.")
    int numericsPerDevicePerSecond() default 4;

    @AttributeDefinition(min = "5", max = "1000", description = "One submission per device every this many ms (5 to 1000).")
    int tickMillis() default 100;

    @AttributeDefinition(min = "1", max = "86400", description = "Seconds of load, then the source stops (1 to 86400).")
    int durationSeconds() default 30;

    @AttributeDefinition(min = "0", max = "3600000", description = "Every this many ms the first device raises or ends "
            + "an alarm (alternately), to measure alarm latency; 0: no alarms.")
    int alarmEveryMillis() default 0;

    @AttributeDefinition(description = "Absolute path of the JSON-lines stats file (appended every 250 ms).")
    String statsFile();

    @AttributeDefinition(description = "Address prefix of the simulated devices.")
    String addressPrefix() default "bench-";

    String site() default "bench-hospital";

    String ward() default "icu-1";
}
