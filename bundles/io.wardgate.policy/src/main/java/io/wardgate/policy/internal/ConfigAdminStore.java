package io.wardgate.policy.internal;

import java.io.IOException;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/** Persists the allowlist document in the policy's own configuration (PID io.wardgate.policy.Allowlist). */
final class ConfigAdminStore implements AllowlistStore {
    private final ConfigurationAdmin configurationAdmin;

    ConfigAdminStore(ConfigurationAdmin configurationAdmin) {
        this.configurationAdmin = configurationAdmin;
    }

    @Override
    public void save(String json) throws IOException {
        Configuration configuration = configurationAdmin.getConfiguration(PolicyComponent.PID, "?");
        Dictionary<String, Object> properties = configuration.getProperties();
        if (properties == null) {
            properties = new Hashtable<>();
        }
        properties.put(PolicyComponent.ALLOWLIST, json);
        configuration.update(properties);
    }
}
