package io.wardgate.api.time;

import org.osgi.annotation.versioning.ProviderType;

/** The gateway clock's synchronisation state, as last observed. Never blocks. */
@ProviderType
public interface ClockStatus {

    /** The state observed last; {@link Synchronisation#UNKNOWN} before the first observation. */
    ClockState current();
}
