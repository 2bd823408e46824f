package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.manage.client.AdminClient;
import java.nio.file.Path;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.component.runtime.dto.ComponentConfigurationDTO;
import org.osgi.service.component.runtime.dto.ComponentDescriptionDTO;

/**
 * config.list/get/put end to end: IT's client over mosquitto, the gateway's management service,
 * and a real Felix with SCR, ConfigurationAdmin and Metatype running fixture components whose
 * configuration is typed like WardGate's (FixtureA and FixtureB; mode "explode" fails activation).
 */
class ConfigOperationsEndToEndTest {
    static final String A = "io.wardgate.test.FixtureA";
    static final String B = "io.wardgate.test.FixtureB";

    @TempDir
    static Path dir;
    static TestGateway gateway;
    static AdminClient client;
    static ConfigurationAdmin admin;

    @BeforeAll
    static void start() throws Exception {
        gateway = TestGateway.startWithConfiguration(dir, "wg-config-0001");
        client = gateway.client();
        admin = gateway.felix().service(ConfigurationAdmin.class);
        // As FileInstall would have made it from /etc/wardgate/conf/io.wardgate.test.FixtureA.config.
        Hashtable<String, Object> initial = new Hashtable<>();
        initial.put("host", "first.hospital");
        initial.put("port", 8883);
        initial.put("secret", "initial-secret-value");
        initial.put("felix.fileinstall.filename", "file:/etc/wardgate/conf/" + A + ".config");
        admin.getConfiguration(A, "?").update(initial);
        org.awaitility.Awaitility.await().until(() -> state(A) == ComponentConfigurationDTO.ACTIVE);
    }

    @AfterAll
    static void stop() throws Exception {
        client.close();
        gateway.close();
    }

    static int state(String pid) {
        ServiceComponentRuntime scr = gateway.felix().service(ServiceComponentRuntime.class);
        for (ComponentDescriptionDTO description : scr.getComponentDescriptionDTOs()) {
            if (List.of(description.configurationPid).contains(pid)) {
                for (ComponentConfigurationDTO dto : scr.getComponentConfigurationDTOs(description)) {
                    return dto.state;
                }
            }
        }
        return -1;
    }

    static Dictionary<String, Object> properties(String pid) throws Exception {
        Configuration[] found = admin.listConfigurations("(service.pid=" + pid + ")");
        return found == null ? null : found[0].getProperties();
    }

    @Test
    void listNamesEveryDescribedPidWithItsMetatypeName() throws Exception {
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "config.list", Map.of());
        assertThat(reply.ok()).isTrue();
        assertThat(reply.payload().get("pids").toString()).contains("pid=" + A).contains("name=Test fixture")
                .contains("configured=true").contains("pid=" + B);
    }

    @Test
    void getShowsValuesButAPasswordOnlyAsSet() throws Exception {
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "config.get", Map.of("pid", A));
        assertThat(reply.ok()).isTrue();
        Map<?, ?> values = (Map<?, ?>) reply.payload().get("properties");
        assertThat(values.get("host")).isNotNull();
        assertThat(values.get("secret")).isEqualTo(ConfigValidator.PASSWORD_PLACEHOLDER);
        assertThat(((Map<?, ?>) reply.payload().get("passwords")).get("secret")).isEqualTo("set");
        assertThat(reply.payload().toString()).doesNotContain("initial-secret-value");
    }

    @Test
    void aValidPutIsAppliedKeepsTheFileNameAndThePasswordAndIsAuditedWithoutValues() throws Exception {
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "config.put", Map.of("changes",
                Map.of(A, Map.of("host", "second.hospital", "port", 1884L, "secret",
                        ConfigValidator.PASSWORD_PLACEHOLDER))));
        assertThat(reply.status()).isEqualTo("ok");
        Dictionary<String, Object> now = properties(A);
        assertThat(now.get("host")).isEqualTo("second.hospital");
        assertThat(now.get("port")).isEqualTo(1884);
        assertThat(now.get("secret")).isEqualTo("initial-secret-value");
        assertThat(now.get("felix.fileinstall.filename")).asString().endsWith(A + ".config");
        assertThat(state(A)).isEqualTo(ComponentConfigurationDTO.ACTIVE);
        assertThat(gateway.recorded().withAction("CONFIG_CHANGED")).anyMatch(e -> e.detail().contains(A)
                && e.detail().contains("host") && e.actor().equals("it:it-fleet-key"));
        assertThat(gateway.recorded().events()).noneMatch(e -> e.detail().contains("initial-secret-value"));
    }

    @Test
    void anInvalidPutChangesNothingAndSaysWhy() throws Exception {
        Object before = properties(A).get("port");
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "config.put", Map.of("changes",
                Map.of(A, Map.of("port", 70000L, "colour", "red", "mode", "turbo"))));
        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).contains("nothing changed").contains(A + ".port")
                .contains(A + ".colour: unknown attribute").contains("not one of the options");
        assertThat(properties(A).get("port")).isEqualTo(before);
    }

    @Test
    void whenOneComponentFailsEveryPidOfTheRequestIsRolledBack() throws Exception {
        Dictionary<String, Object> before = properties(A);
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "config.put", Map.of("changes",
                Map.of(A, Map.of("port", 1999L), B, Map.of("host", "b.hospital", "mode", "explode"))));
        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).startsWith("rolled back")
                .contains("fixture b").contains("did not start");
        assertThat(properties(A).get("port")).isEqualTo(before.get("port"));
        assertThat(properties(B)).isNull();
        org.awaitility.Awaitility.await().until(() -> state(A) == ComponentConfigurationDTO.ACTIVE);
        assertThat(gateway.recorded().withAction("CONFIG_ROLLED_BACK")).anyMatch(e -> e.detail().contains(B));
    }

    @Test
    void aPidWithoutMetatypeIsRefused() throws Exception {
        AdminClient.Reply reply = client.send(gateway.gatewayId(), "config.put",
                Map.of("changes", Map.of("org.example.Unknown", Map.of("x", "y"))));
        assertThat(reply.status()).isEqualTo("error");
        assertThat(reply.payload().get("reason").toString()).contains("no Metatype definition for org.example.Unknown");
    }
}
