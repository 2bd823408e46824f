package io.wardgate.manage;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.api.pipeline.AuditTrail;
import io.wardgate.api.secrets.SecretBox;
import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.metatype.MetaTypeService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The migration to sealed secrets: at start (and whenever the secrets service comes back) every
 * password-typed value of a WardGate component (io.wardgate.*; another bundle's, such as Felix HTTP's
 * keystore password, is read by code that cannot open it) still in clear in ConfigurationAdmin is sealed in place, its ".config" file in the
 * configuration directory rewritten, and each one audited as SECRET_SEALED (PID and attribute, never the
 * value). A configuration that cannot be rewritten is audited as a failure and left as it was.
 */
@Component(service = SecretsMigrationComponent.class, immediate = true)
public final class SecretsMigrationComponent {
    private static final Logger LOG = LoggerFactory.getLogger(SecretsMigrationComponent.class);
    static final String KURA_CRYPTO = "org.eclipse.kura.crypto.CryptoService";

    @Activate
    public SecretsMigrationComponent(BundleContext context, @Reference ConfigurationAdmin admin,
            @Reference MetaTypeService metatype, @Reference SecretBox box, @Reference AuditTrail audit) {
        if (context.getServiceReference(KURA_CRYPTO) != null) {
            // Kura keeps its own password fields encrypted (io.wardgate.kura's KuraPasswords opens them):
            // sealing Kura's ciphertext again would hand the component Kura's ciphertext as its password.
            LOG.info("Under Kura: password settings stay with Kura's own encryption; nothing sealed here");
            return;
        }
        // On a thread of its own: reading every bundle's metatype takes 100-200 ms, which on the framework's
        // start-level thread delayed the uplink's connection (docs/operations.md, "What starts when"). Nothing
        // waits for it: components accept a password in clear or sealed, and a rewritten configuration is
        // delivered to them again as any change is.
        Thread thread = new Thread(() -> {
            synchronized (ONE_AT_A_TIME) { // a quick stop and start of the secrets service must not migrate twice at once
                int sealed = migrate(new ConfigTargets(context, metatype, admin), ConfigFiles.in(context), box, audit,
                        Clock.systemUTC());
                if (sealed > 0) {
                    LOG.info("Sealed {} configuration secret(s) that were stored in clear", sealed);
                }
            }
        }, "wardgate-secrets-migration");
        thread.setDaemon(true);
        thread.setUncaughtExceptionHandler((t, e) -> LOG.error("The migration to sealed secrets failed", e));
        thread.start();
    }

    private static final Object ONE_AT_A_TIME = new Object();

    /** Seals every clear password; returns how many configurations were rewritten. */
    static int migrate(ConfigTargets targets, ConfigFiles files, SecretBox box, AuditTrail audit, Clock clock) {
        Map<String, ConfigTargets.Described> described = targets.described();
        Configuration[] all;
        try {
            all = targets.configurations();
        } catch (IOException e) {
            audit.record(new AuditEvent(clock.instant(), "system", "SECRET_SEAL_FAILED", "configuration",
                    Outcome.FAILURE, "configuration store unreadable"));
            return 0;
        }
        int rewritten = 0;
        for (Configuration configuration : all) {
            String definition = configuration.getFactoryPid() != null ? configuration.getFactoryPid()
                    : configuration.getPid();
            ConfigTargets.Described found = described.get(definition);
            if (found == null || configuration.getProperties() == null || !definition.startsWith(PasswordSealing.OWN)) {
                continue;
            }
            Hashtable<String, Object> properties = new Hashtable<>();
            for (String key : Collections.list(configuration.getProperties().keys())) {
                properties.put(key, configuration.getProperties().get(key));
            }
            List<String> clear = clearPasswords(found, properties);
            if (clear.isEmpty()) {
                continue;
            }
            String target = configuration.getPid() + " keys " + String.join(", ", clear);
            Map<String, String> problems = PasswordSealing.seal(definition, found.ocd(), properties, clear,
                    Optional.of(box));
            try {
                if (!problems.isEmpty()) {
                    throw new IOException(String.join("; ", problems.values()));
                }
                configuration.update(properties);
                List<String> notices = new ArrayList<>();
                if (properties.get(ConfigFiles.FILENAME) != null) { // from a file: the file holds it in clear too
                    files.write(new ConfigApplier.Plan(new ConfigTargets.Target(configuration.getPid(), found,
                            Optional.of(configuration)), properties, clear), notices);
                }
                audit.record(new AuditEvent(clock.instant(), "system", "SECRET_SEALED", "configuration",
                        Outcome.SUCCESS, target + " were stored in clear and are sealed now ("
                                + box.keyLocation() + ")"));
                rewritten++;
            } catch (IOException | IllegalStateException e) {
                audit.record(new AuditEvent(clock.instant(), "system", "SECRET_SEAL_FAILED", "configuration",
                        Outcome.FAILURE, target + " stay in clear: " + Plain.line(String.valueOf(e.getMessage()))));
            }
        }
        return rewritten;
    }

    private static List<String> clearPasswords(ConfigTargets.Described found, Map<String, Object> properties) {
        List<String> out = new ArrayList<>();
        for (org.osgi.service.metatype.AttributeDefinition ad : ConfigValidator.all(found.ocd(),
                org.osgi.service.metatype.ObjectClassDefinition.ALL)) {
            if (ad.getType() == org.osgi.service.metatype.AttributeDefinition.PASSWORD
                    && properties.get(ad.getID()) instanceof String value && !value.isEmpty()
                    && !SecretBox.isSealed(value)) {
                out.add(ad.getID());
            }
        }
        return out;
    }
}
