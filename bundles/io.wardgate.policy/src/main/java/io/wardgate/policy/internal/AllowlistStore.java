package io.wardgate.policy.internal;

import java.io.IOException;

/** Where the allowlist document is kept: ConfigurationAdmin in OSGi, anything durable in tests. */
public interface AllowlistStore {

    /** Stores the whole document durably before returning. */
    void save(String json) throws IOException;
}
