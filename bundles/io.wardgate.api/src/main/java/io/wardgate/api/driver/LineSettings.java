package io.wardgate.api.driver;

import java.util.Objects;

/**
 * How a serial line is driven: what a {@link SerialDriver} says its device speaks, and what a port is
 * configured with.
 *
 * @param baudRate 50 to 4,000,000
 * @param dataBits 5 to 8
 */
public record LineSettings(int baudRate, int dataBits, Parity parity, StopBits stopBits, FlowControl flowControl) {
    public static final int MIN_BAUD = 50;
    public static final int MAX_BAUD = 4_000_000;

    public LineSettings {
        if (baudRate < MIN_BAUD || baudRate > MAX_BAUD) {
            throw new IllegalArgumentException("baudRate must be " + MIN_BAUD + " to " + MAX_BAUD);
        }
        if (dataBits < 5 || dataBits > 8) {
            throw new IllegalArgumentException("dataBits must be 5 to 8");
        }
        Objects.requireNonNull(parity, "parity");
        Objects.requireNonNull(stopBits, "stopBits");
        Objects.requireNonNull(flowControl, "flowControl");
    }

    /** 8N1 without flow control at the given rate. */
    public static LineSettings eightNOne(int baudRate) {
        return new LineSettings(baudRate, 8, Parity.NONE, StopBits.ONE, FlowControl.NONE);
    }

    @Override
    public String toString() {
        return baudRate + " " + dataBits + parity.name().charAt(0) + switch (stopBits) {
            case ONE -> "1";
            case ONE_POINT_FIVE -> "1.5";
            case TWO -> "2";
        } + (flowControl == FlowControl.NONE ? "" : " " + flowControl);
    }
}
