package io.wardgate.manage;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import java.util.Collections;
import java.util.Dictionary;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the sealed values ("enc:v1:") of a WardGate component's configuration in the copy ConfigurationAdmin
 * hands to the component, so that components receive their passwords in clear, in memory only. At start, DS
 * may read a configuration before this plugin exists, so a component with a password setting also opens a
 * value that arrives sealed (the network source with the SecretBox; the web UI in its keystore handling).
 * What is stored stays sealed: FileInstall's write-back and every reader of the stored configuration (no
 * target service) get it unchanged. A value that does not open is passed on sealed, and the component's own
 * check names the setting; the log names PID, attribute and reason, never a value.
 */
@Component(service = ConfigurationPlugin.class)
public final class SealedSettingsPlugin implements ConfigurationPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(SealedSettingsPlugin.class);

    private final SecretBox box;

    @Activate
    public SealedSettingsPlugin(@Reference SecretBox box) {
        this.box = box;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        if (reference == null) {
            return;
        }
        Object factoryPid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        Object pid = factoryPid != null ? factoryPid : properties.get(Constants.SERVICE_PID);
        if (!(pid instanceof String name) || !name.startsWith(PasswordSealing.OWN)) {
            return;
        }
        for (String key : Collections.list(properties.keys())) {
            if (properties.get(key) instanceof String stored && SecretBox.isSealed(stored)) {
                try {
                    properties.put(key, box.open(name, key, stored));
                } catch (SecretException e) {
                    LOG.warn("{}: passed on sealed: {}", name, e.getMessage());
                }
            }
        }
    }
}
