package io.wardgate.api.driver;

import io.wardgate.api.Alarm;
import io.wardgate.api.DeviceEvent;
import io.wardgate.api.Reading;
import java.util.Objects;

/**
 * What a protocol session made of the bytes it received. Each item carries the offset of the first
 * byte of its frame in the stream the session has received since it started.
 */
public sealed interface Decoded {

    long offset();

    /** A numeric observation or a waveform segment. */
    record ReadingDecoded(long offset, Reading reading) implements Decoded {
        public ReadingDecoded {
            Objects.requireNonNull(reading, "reading");
        }
    }

    /** The device said who it is. Empty strings for what it did not say. */
    record IdentityDecoded(long offset, String model, String serialNumber, String eui64) implements Decoded {
        public IdentityDecoded {
            Objects.requireNonNull(model, "model");
            Objects.requireNonNull(serialNumber, "serialNumber");
            Objects.requireNonNull(eui64, "eui64");
        }
    }

    /** A device alarm condition changed state (raised, silenced, ended): see {@link AlarmReports}. */
    record AlarmDecoded(long offset, Alarm alarm) implements Decoded {
        public AlarmDecoded {
            Objects.requireNonNull(alarm, "alarm");
        }
    }

    /** Something happened that is not a reading: association lost, a device's refusal, ... */
    record EventDecoded(long offset, DeviceEvent.Kind kind, String detail) implements Decoded {
        public EventDecoded {
            Objects.requireNonNull(kind, "kind");
            Objects.requireNonNull(detail, "detail");
        }
    }

    /** Bytes that could not be framed or decoded; the session skipped them and goes on. */
    record FramingError(long offset, String reason) implements Decoded {
        public FramingError {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
