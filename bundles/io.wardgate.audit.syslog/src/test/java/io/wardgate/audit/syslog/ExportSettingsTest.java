package io.wardgate.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration as checked values: no default collector or trust, relative paths under the data directory. */
class ExportSettingsTest {

    /** The typed configuration as ConfigAdmin would hand it over: the Metatype defaults plus {@code values}. */
    static AtnaExportConfig config(Map<String, Object> values) {
        return (AtnaExportConfig) Proxy.newProxyInstance(AtnaExportConfig.class.getClassLoader(),
                new Class<?>[] {AtnaExportConfig.class}, (proxy, method, args) -> {
                    if (values.containsKey(method.getName())) {
                        return values.get(method.getName());
                    }
                    return method.getDefaultValue();
                });
    }

    static Map<String, Object> minimal() {
        Map<String, Object> values = new HashMap<>();
        values.put("collectorHost", "audit.hospital.example");
        values.put("trustAnchorsPath", "collector-ca.pem");
        return values;
    }

    @Test
    void defaultsFollowRfc5425AndRelativePathsLiveUnderTheDataDirectory() {
        ExportSettings settings = ExportSettings.from(config(minimal()), "/var/lib/wardgate", "77");

        assertThat(settings.port()).isEqualTo(6514);
        assertThat(settings.expectedName()).isEqualTo("audit.hospital.example");
        assertThat(settings.trustAnchors()).isEqualTo(Path.of("/var/lib/wardgate/collector-ca.pem"));
        assertThat(settings.cursor()).isEqualTo(Path.of("/var/lib/wardgate/audit-export/cursor"));
        assertThat(settings.allowTls12()).isFalse();
        assertThat(settings.clientCertificate()).isTrue();
        assertThat(settings.format()).isEqualTo(new FormatSettings("wardgate", 32473, "77", 8192));
        assertThat(settings.backoffMax()).isEqualTo(Duration.ofMinutes(1));
        assertThat(settings.collector()).isEqualTo("audit.hospital.example:6514");
    }

    @Test
    void anAbsolutePathAndAnExpectedNameAreKept() {
        Map<String, Object> values = minimal();
        values.put("trustAnchorsPath", "/etc/wardgate/ca.pem");
        values.put("collectorHost", "10.1.2.3");
        values.put("expectedHostName", "audit.hospital.example");
        ExportSettings settings = ExportSettings.from(config(values), "/var/lib/wardgate", "1");

        assertThat(settings.trustAnchors()).isEqualTo(Path.of("/etc/wardgate/ca.pem"));
        assertThat(settings.host()).isEqualTo("10.1.2.3");
        assertThat(settings.expectedName()).isEqualTo("audit.hospital.example");
    }

    @Test
    void noCollectorNoTrustOrValuesOutOfBoundsAreRefused() {
        Map<String, Object> noHost = minimal();
        noHost.remove("collectorHost");
        assertThatThrownBy(() -> ExportSettings.from(config(noHost), null, "1"))
                .hasMessageContaining("no default collector");
        Map<String, Object> noTrust = minimal();
        noTrust.put("trustAnchorsPath", " ");
        assertThatThrownBy(() -> ExportSettings.from(config(noTrust), null, "1"))
                .hasMessageContaining("system trust store is never used");
        for (Object[] bad : new Object[][] {{"collectorPort", 0}, {"appName", "ward gate"},
                {"maxMessageBytes", 1024}, {"collectorHost", "host with space"}, {"backoffMaxMillis", 1L},
                {"sessionRecords", 0}}) {
            Map<String, Object> values = minimal();
            values.put((String) bad[0], bad[1]);
            assertThatThrownBy(() -> ExportSettings.from(config(values), null, "1")).as(bad[0].toString())
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }
}
