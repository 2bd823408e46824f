package io.wardgate.serial;

import io.wardgate.api.driver.LineSettings;
import java.io.IOException;

/** Opens serial lines: {@link JSerialCommLine#open} in the product, something else in tests. */
@FunctionalInterface
interface SerialLines {
    /** How long a read waits for bytes; also the granularity of ticks and silence checks. */
    int READ_TIMEOUT_MILLIS = 100;
    int WRITE_TIMEOUT_MILLIS = 1_000;

    /** Opens the line at the path. Throws when there is no such port or it cannot be opened. */
    SerialLine open(String path, LineSettings settings) throws IOException;
}
