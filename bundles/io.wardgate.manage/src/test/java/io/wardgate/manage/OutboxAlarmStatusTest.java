package io.wardgate.manage;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.manage.client.AdminClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in status lists the outbox's alarm among its alarms (docs/operations.md, remote management: a fleet
 * that watches only the alarms must see a corrupt outbox or a full disk), with the real outbox and mosquitto.
 */
class OutboxAlarmStatusTest {
    @TempDir
    Path dir;

    @Test
    void aCorruptOutboxMovedAsideAtStartIsAnAlarmOfTheStatus() throws Exception {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("outbox.db"), "not an SQLite database, a file a crash left behind");
        try (TestGateway gateway = TestGateway.start(dir, "wg-ops-0002"); AdminClient client = gateway.client()) {
            AdminClient.Reply reply = client.send(gateway.gatewayId(), "status", Map.of());

            assertThat(reply.status()).isEqualTo("ok");
            List<String> alarms = ((List<?>) reply.payload().get("alarms")).stream().map(Object::toString).toList();
            assertThat(alarms).anySatisfy(alarm -> assertThat(alarm).startsWith("outbox: ").containsIgnoringCase("corrupt"));
        }
    }
}
