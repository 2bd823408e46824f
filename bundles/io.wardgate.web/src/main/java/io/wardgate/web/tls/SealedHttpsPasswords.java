package io.wardgate.web.tls;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import java.util.Dictionary;
import java.util.List;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationPlugin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Felix HTTP's keystore passwords are stored sealed in its configuration (ConfigurationAdmin persists
 * what it is given, in clear). This plugin opens them in the copy ConfigurationAdmin hands to Felix HTTP,
 * so the clear password exists only in memory. HTTPS is stored switched off and {@link #ENABLE} on:
 * the plugin switches it on in that copy once every password has opened. A value that does not open
 * leaves it off (no listener) and says which setting and why, never the value.
 */
public final class SealedHttpsPasswords implements ConfigurationPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(SealedHttpsPasswords.class);
    /** Felix HTTP's properties that hold the keystore's password and its key's. */
    public static final List<String> PROPERTIES = List.of("org.apache.felix.https.keystore.password",
            "org.apache.felix.https.keystore.key.password");

    /** WardGate's own switch: HTTPS wanted. Felix HTTP's own stays off at rest. */
    public static final String ENABLE = "io.wardgate.web.https.enable";
    private static final String FELIX_ENABLE = "org.apache.felix.https.enable";

    private final SecretBox box;

    public SealedHttpsPasswords(SecretBox box) {
        this.box = box;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> target, Dictionary<String, Object> properties) {
        if (!HttpsConfigurer.PID.equals(properties.get("service.pid"))) {
            return;
        }
        if (!Boolean.TRUE.equals(properties.get(ENABLE))) {
            return;
        }
        for (String property : PROPERTIES) {
            Object stored = properties.get(property);
            if (!(stored instanceof String s) || !SecretBox.isSealed(s)) {
                LOG.error("The web UI does not listen: {} is not stored sealed", property);
                return;
            }
            try {
                properties.put(property, box.open(HttpsConfigurer.PID, property, s));
            } catch (SecretException e) {
                LOG.error("The web UI does not listen: {}", e.getMessage());
                for (String p : PROPERTIES) {
                    properties.remove(p);
                }
                return;
            }
        }
        properties.put(FELIX_ENABLE, Boolean.TRUE);
    }
}
