package io.wardgate.kura.internal;

import java.util.Dictionary;
import org.eclipse.kura.KuraException;
import org.eclipse.kura.crypto.CryptoService;
import org.osgi.framework.BundleContext;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.cm.ConfigurationPlugin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kura stores Password attributes encrypted (CryptoService.encryptAes). This ConfigurationAdmin
 * plugin decrypts them on their way to a WardGate component, so the component sees the secret and
 * ConfigurationAdmin (and Kura's snapshots) keep only the ciphertext. Felix SCR asks for a
 * component's configuration through Configuration.getProcessedProperties (CM 1.6), which runs the
 * plugins. A value that does not decrypt is passed on unchanged (it was set in plain text outside
 * Kura) and a warning names the PID and attribute, never the value.
 */
@Component(property = ConfigurationPlugin.CM_RANKING + ":Integer=100")
public class KuraPasswords implements ConfigurationPlugin {
    private static final Logger LOG = LoggerFactory.getLogger(KuraPasswords.class);

    private final BundleContext context;
    private final CryptoService crypto;
    private final MetaTypeService metatype;

    @Activate
    public KuraPasswords(BundleContext context, @Reference CryptoService crypto, @Reference MetaTypeService metatype) {
        this.context = context;
        this.crypto = crypto;
        this.metatype = metatype;
    }

    @Override
    public void modifyConfiguration(ServiceReference<?> reference, Dictionary<String, Object> properties) {
        // No target service (e.g. FileInstall writing a configuration back to disk): keep the ciphertext.
        if (reference == null) {
            return;
        }
        Object factoryPid = properties.get(ConfigurationAdmin.SERVICE_FACTORYPID);
        Object pid = factoryPid != null ? factoryPid : properties.get(Constants.SERVICE_PID);
        if (!(pid instanceof String name) || !name.startsWith(WardGateMetatype.PREFIX)) {
            return;
        }
        for (String attribute : WardGateMetatype.passwordAttributes(context, metatype, name)) {
            Object value = properties.get(attribute);
            if (value instanceof String encrypted && !encrypted.isEmpty()) {
                try {
                    properties.put(attribute, new String(crypto.decryptAes(encrypted.toCharArray())));
                } catch (KuraException | RuntimeException e) {
                    LOG.warn("{}: attribute {} is not Kura-encrypted; passed on as it is", name, attribute);
                }
            }
        }
    }
}
