package io.wardgate.manage;

import io.wardgate.api.secrets.SecretBox;
import io.wardgate.api.secrets.SecretException;
import java.util.Map;
import java.util.Optional;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * Password-typed values are stored sealed ({@link SecretBox}), whoever writes them: a clear value is
 * sealed before it reaches ConfigurationAdmin or the configuration directory; a value sent already sealed
 * must open. Without the secrets service a password is refused rather than stored in clear.
 */
final class PasswordSealing {
    /** Only WardGate's own components open sealed values. */
    static final String OWN = "io.wardgate.";

    private PasswordSealing() {
    }

    /**
     * Seals the password attributes of {@code properties} in place (the definition's PID binds each value).
     * Without the service, a changed password is refused and one kept from before is left for the migration.
     *
     * @return problems, attribute to reason (never the value)
     */
    static Map<String, String> seal(String definition, ObjectClassDefinition ocd, Map<String, Object> properties,
            java.util.Collection<String> changed, Optional<SecretBox> box) {
        Map<String, String> problems = new java.util.LinkedHashMap<>();
        if (!definition.startsWith(OWN)) {
            // Another bundle's password (Felix HTTP's keystore password, say) is read by code that cannot
            // open a sealed value: left as it is, never sealed.
            return problems;
        }
        for (AttributeDefinition ad : ConfigValidator.all(ocd, ObjectClassDefinition.ALL)) {
            if (ad.getType() != AttributeDefinition.PASSWORD || !(properties.get(ad.getID()) instanceof String value)
                    || value.isEmpty()) {
                continue;
            }
            if (box.isEmpty()) {
                if (!changed.contains(ad.getID())) {
                    continue; // stored earlier, kept as it is: sealed by the migration once the service runs
                }
                problems.put(ad.getID(), "passwords are stored only sealed, and the secrets service (the gateway "
                        + "identity) is not running");
                continue;
            }
            try {
                if (SecretBox.isSealed(value)) {
                    box.get().open(definition, ad.getID(), value);
                } else {
                    properties.put(ad.getID(), box.get().seal(definition, ad.getID(), value));
                }
            } catch (SecretException e) {
                problems.put(ad.getID(), Plain.line(e.getMessage()));
            } catch (IllegalArgumentException e) {
                problems.put(ad.getID(), "password not valid");
            }
        }
        return problems;
    }
}
