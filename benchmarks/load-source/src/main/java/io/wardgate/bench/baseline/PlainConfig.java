package io.wardgate.bench.baseline;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

@ObjectClassDefinition(id = PlainPublisher.PID, name = "WardGate benchmark baseline publisher (benchmark only)",
        description = "The baseline of the whole-gateway benchmark: admitted readings published unsealed over "
                + "plain MQTT to a loopback broker. Exists only in benchmarks/; never on a real gateway.")
@interface PlainConfig {

    @AttributeDefinition(description = "tcp://127.0.0.1:PORT or tcp://localhost:PORT (loopback only).")
    String brokerUrl();

    @AttributeDefinition(min = "1", max = "65535", description = "QoS 1 messages awaiting PUBACK (the uplink's default is 16).")
    int inFlightWindow() default 16;

    @AttributeDefinition(min = "1", max = "1000000", description = "Batches queued for publishing before new ones are dropped.")
    int queueBatches() default 100_000;
}
