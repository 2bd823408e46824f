package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.osgi.service.metatype.AttributeDefinition;
import org.osgi.service.metatype.ObjectClassDefinition;

/**
 * The validator on a definition shaped like bnd's output for a typed @ObjectClassDefinition. The
 * definition here is a small stand-in whose validate() checks min/max as Felix Metatype's does; the
 * real Felix Metatype is exercised through config.put in distrib/itest (ConfigOperationsTest).
 */
class ConfigValidatorTest {
    record Ad(String id, int type, int cardinality, String[] defaults, String[] options, Long min, Long max)
            implements AttributeDefinition {
        @Override
        public String getName() {
            return id;
        }

        @Override
        public String getID() {
            return id;
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public int getCardinality() {
            return cardinality;
        }

        @Override
        public int getType() {
            return type;
        }

        @Override
        public String[] getOptionValues() {
            return options;
        }

        @Override
        public String[] getOptionLabels() {
            return options;
        }

        @Override
        public String validate(String value) {
            if (min == null && max == null) {
                return null;
            }
            long v = Long.parseLong(value.strip());
            return (min != null && v < min) || (max != null && v > max) ? "value out of range " + min + ".." + max : "";
        }

        @Override
        public String[] getDefaultValue() {
            return defaults;
        }
    }

    static final List<AttributeDefinition> ADS = List.of(
            new Ad("host", AttributeDefinition.STRING, 0, null, null, null, null),
            new Ad("port", AttributeDefinition.INTEGER, 0, new String[] {"8883"}, null, 1L, 65535L),
            new Ad("mode", AttributeDefinition.STRING, 0, new String[] {"fast"}, new String[] {"fast", "safe"}, null,
                    null),
            new Ad("enabled", AttributeDefinition.BOOLEAN, 0, new String[] {"true"}, null, null, null),
            new Ad("names", AttributeDefinition.STRING, 3, new String[0], null, null, null),
            new Ad("secret", AttributeDefinition.PASSWORD, 0, null, null, null, null));

    static final ObjectClassDefinition OCD = new ObjectClassDefinition() {
        @Override
        public String getName() {
            return "Test";
        }

        @Override
        public String getID() {
            return "io.wardgate.test.Thing";
        }

        @Override
        public String getDescription() {
            return "";
        }

        @Override
        public AttributeDefinition[] getAttributeDefinitions(int filter) {
            // bnd marks every attribute required unless it says otherwise; "secret" is optional here.
            return ADS.stream().filter(ad -> filter != REQUIRED || !ad.getID().equals("secret"))
                    .toArray(AttributeDefinition[]::new);
        }

        @Override
        public InputStream getIcon(int size) {
            return null;
        }
    };

    static Hashtable<String, Object> existing() {
        Hashtable<String, Object> props = new Hashtable<>();
        props.put("host", "broker.hospital");
        props.put("secret", "s3cr3t-value");
        props.put("felix.fileinstall.filename", "file:/etc/wardgate/conf/io.wardgate.test.Thing.config");
        return props;
    }

    @Test
    void aValidChangeIsTypedAndKeepsFileInstallsFileName() {
        ConfigValidator.Result result = ConfigValidator.validate(OCD,
                Map.of("port", 1883L, "mode", "safe", "enabled", false, "names", List.of("a", "b")), existing());
        assertThat(result.problems()).isEmpty();
        assertThat(result.properties().get("port")).isEqualTo(1883);
        assertThat(result.properties().get("enabled")).isEqualTo(false);
        assertThat(result.properties().get("names")).isEqualTo(new String[] {"a", "b"});
        assertThat(result.properties().get("felix.fileinstall.filename")).asString().contains("Thing.config");
        assertThat(result.changed()).containsExactlyInAnyOrder("port", "mode", "enabled", "names");
    }

    @Test
    void unknownAttributesTypesBoundsOptionsAndCardinalityAreRefused() {
        Map<String, Object> bad = new HashMap<>();
        bad.put("colour", "red");
        bad.put("enabled", "maybe");
        bad.put("port", 70000L);
        bad.put("mode", "turbo");
        bad.put("names", List.of("a", "b", "c", "d"));
        bad.put("host", List.of("x"));
        ConfigValidator.Result result = ConfigValidator.validate(OCD, bad, existing());
        assertThat(result.problems()).containsOnlyKeys("colour", "enabled", "port", "mode", "names", "host");
        assertThat(result.problems().get("colour")).isEqualTo("unknown attribute");
        assertThat(result.problems().get("port")).contains("out of range");
        assertThat(result.problems().get("mode")).contains("not one of the options");
        assertThat(result.problems().get("names")).contains("at most 3");
        assertThat(result.problems().get("port")).doesNotContain("s3cr3t");
        assertThat(ConfigValidator.validate(OCD, Map.of("port", "eighty"), existing()).problems().get("port"))
                .contains("not integer");
    }

    @Test
    void aRequiredAttributeWithoutDefaultMustEndUpWithAValue() {
        ConfigValidator.Result fresh = ConfigValidator.validate(OCD, Map.of("port", 1883L), null);
        assertThat(fresh.problems()).containsOnlyKeys("host");
        Map<String, Object> removal = new HashMap<>();
        removal.put("host", null);
        assertThat(ConfigValidator.validate(OCD, removal, existing()).problems()).containsKey("host");
    }

    @Test
    void thePasswordPlaceholderKeepsTheStoredSecretAndANewOneReplacesIt() {
        ConfigValidator.Result kept = ConfigValidator.validate(OCD,
                Map.of("secret", ConfigValidator.PASSWORD_PLACEHOLDER, "port", 1884L), existing());
        assertThat(kept.problems()).isEmpty();
        assertThat(kept.properties().get("secret")).isEqualTo("s3cr3t-value");
        assertThat(kept.changed()).containsExactly("port");
        ConfigValidator.Result replaced = ConfigValidator.validate(OCD, Map.of("secret", "new-one"), existing());
        assertThat(replaced.properties().get("secret")).isEqualTo("new-one");
        assertThat(replaced.changed()).containsExactly("secret");
        Hashtable<String, Object> none = existing();
        none.remove("secret");
        assertThat(ConfigValidator.validate(OCD, Map.of("secret", ConfigValidator.PASSWORD_PLACEHOLDER), none)
                .problems()).containsKey("secret");
    }

    @Test
    void tooManyAttributesInOneChangeAreRefusedUpFront() {
        Map<String, Object> many = new HashMap<>();
        for (int i = 0; i <= ConfigValidator.MAX_ATTRIBUTES; i++) {
            many.put("a" + i, "x");
        }
        assertThat(ConfigValidator.validate(OCD, many, existing()).problems()).containsOnlyKeys("*");
    }
}
