package io.wardgate.runtime;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bootstraps the JDK's record methods (equals, hashCode and toString, which a record gets through
 * java.lang.runtime.ObjectMethods and method handles built at first use) on the warm-up thread: in a start's
 * class-load timeline the first record comparison of the process was a serial port's line check, on its thread
 * before the port opened, and spun about 60 method-handle classes there (docs/benchmarks-history.md, "Start-up to
 * the first reading, eighth pass"). Those shapes are shared by all records, so later records find most of them. A
 * record of its own with throwaway values; nothing of the gateway is touched.
 */
final class RecordWarmUp {
    private static final Logger LOG = LoggerFactory.getLogger(RecordWarmUp.class);

    /** Ints and references, as the records on the sources' path hold. */
    private record Shape(int number, int other, Object first, Object second, String text) {
    }

    private RecordWarmUp() {
    }

    /** True when a record's equals, hashCode and toString answered as a record's must. */
    static boolean warmUp() {
        long started = System.nanoTime();
        try {
            Shape one = new Shape(9600, 8, Thread.State.NEW, Thread.State.RUNNABLE, "warm-up");
            Shape same = new Shape(9600, 8, Thread.State.NEW, Thread.State.RUNNABLE, "warm-up");
            Shape other = new Shape(9600, 7, Thread.State.NEW, Thread.State.RUNNABLE, "warm-up");
            boolean sound = one.equals(same) && !one.equals(other) && one.hashCode() == same.hashCode()
                    && one.toString().contains("warm-up");
            LOG.info("Record methods bootstrapped in {} ms", (System.nanoTime() - started) / 1_000_000);
            return sound;
        } catch (RuntimeException | LinkageError e) {
            LOG.info("Record warm-up skipped: {}", e.toString());
            return false;
        }
    }
}
