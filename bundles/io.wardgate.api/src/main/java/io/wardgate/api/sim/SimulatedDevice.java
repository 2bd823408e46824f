package io.wardgate.api.sim;

import java.time.Instant;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The device side of a protocol. The runner owns I/O and time: it hands over what the host wrote,
 * and calls {@link #tick} periodically (every 10 ms or so); the device writes its bytes to {@code wire}.
 */
@ConsumerType
public interface SimulatedDevice {

    /** Bytes the host (the gateway) wrote to the device. */
    void fromHost(byte[] bytes, Instant now, Consumer<byte[]> wire);

    /** Time passed: send due data. */
    void tick(Instant now, Consumer<byte[]> wire);
}
