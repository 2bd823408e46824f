package io.wardgate.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.wardgate.receiver.fhir.FhirServerDelivery;
import io.wardgate.receiver.spool.Spool;
import io.wardgate.receiver.spool.SpoolSender;
import io.wardgate.seal.envelope.Batch;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.SealTags;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Transaction bundles posted to a FHIR server: HAPI's RestfulServer with a real resource provider,
 * validating every request, on loopback (no FHIR server with storage starts from Maven Central
 * artifacts alone within CI's limits: HAPI's JPA server is a Spring Boot application of its own).
 */
class FhirServerDeliveryTest {
    private static final SpoolSender.Settings RETRY = new SpoolSender.Settings(Duration.ofMillis(50),
            Duration.ofMillis(400), 3);
    @TempDir
    Path temp;
    private FhirTestServer server;
    private final List<AutoCloseable> senders = new java.util.ArrayList<>();

    @BeforeEach
    void start() throws Exception {
        server = new FhirTestServer();
        server.warmUp();
    }

    @AfterEach
    void stop() throws Exception {
        for (AutoCloseable sender : senders) {
            sender.close();
        }
        server.close();
    }

    private SpoolSender sender(String name) throws Exception {
        SpoolSender sender = new SpoolSender("fhir", Spool.open(temp.resolve(name), new Spool.Limits(1000, 8 << 20)),
                new FhirServerDelivery(new FhirServerDelivery.Settings(server.base(), Duration.ofSeconds(20),
                        Optional.empty(), Optional.empty())), RETRY);
        senders.add(sender);
        return sender;
    }

    private static void writeWard(FhirTransactionSink sink) throws Exception {
        for (Map.Entry<SealTags, Batch> batch : GeneratedWard.batches().entrySet()) {
            sink.write(new OpenResult.Opened(batch.getKey(), batch.getValue(), new byte[1], List.of()));
        }
    }

    private static int expectedResources() {
        return GeneratedWard.batches().entrySet().stream()
                .mapToInt(e -> FhirResources.of(e.getKey(), e.getValue(), Terms.nomenclature()).size()).sum();
    }

    @Test
    void aWardIsCreatedOnceEvenWhenASecondReceiverDeliversItAgain() throws Exception {
        SpoolSender first = sender("first");
        writeWard(new FhirTransactionSink(first));
        await().atMost(Duration.ofMinutes(2)).until(() -> first.spool().size() == 0);
        int expected = expectedResources();
        assertThat(server.observations()).hasSize(expected);
        assertThat(server.observations()).allMatch(o -> o.getIdentifierFirstRep().getSystem()
                .equals(FhirResources.READING_ID));
        assertThat(first.spool().rejectedCount()).isZero();

        // A receiver that took over after a failover delivers the same envelopes again: nothing new.
        SpoolSender second = sender("second");
        writeWard(new FhirTransactionSink(second));
        // the sender removes a message from the spool before it counts it as delivered: wait for both
        await().atMost(Duration.ofMinutes(2)).until(() -> second.spool().size() == 0
                && second.delivered() >= GeneratedWard.batches().size());
        assertThat(second.delivered()).isEqualTo(GeneratedWard.batches().size());
        assertThat(server.observations()).hasSize(expected);
        assertThat(server.creates()).isEqualTo(expected);
    }

    @Test
    void whileTheServerIsDownBundlesWaitOnDiskAndNoneIsLost() throws Exception {
        server.stop();
        SpoolSender sender = sender("queue");
        writeWard(new FhirTransactionSink(sender));
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.attempts() >= 3);
        assertThat(sender.spool().size()).isEqualTo(GeneratedWard.batches().size());
        assertThat(sender.delivered()).isZero();
        assertThat(Files.list(temp.resolve("queue")).filter(f -> f.toString().endsWith(".msg")).count())
                .isEqualTo(GeneratedWard.batches().size());

        server.restart();
        await().atMost(Duration.ofMinutes(2)).until(() -> sender.spool().size() == 0);
        assertThat(server.observations()).hasSize(expectedResources());
        assertThat(sender.spool().rejectedCount()).isZero();
    }

    @Test
    void aBundleTheServerRefusesIsSetAsideAndTheNextOneGoesThrough() throws Exception {
        SpoolSender sender = sender("refusal");
        // An Observation without its required status and code: the server's validation refuses it (422).
        sender.submit(("{\"resourceType\":\"Bundle\",\"type\":\"transaction\",\"entry\":[{\"fullUrl\":"
                + "\"urn:uuid:0f0e0d0c-0b0a-4908-8706-050403020100\",\"resource\":{\"resourceType\":\"Observation\"},"
                + "\"request\":{\"method\":\"POST\",\"url\":\"Observation\",\"ifNoneExist\":\"identifier=x%7Cy\"}}]}")
                .getBytes(StandardCharsets.UTF_8));
        Map.Entry<SealTags, Batch> one = GeneratedWard.batches().entrySet().iterator().next();
        new FhirTransactionSink(sender).write(new OpenResult.Opened(one.getKey(), one.getValue(), new byte[1], List.of()));
        await().atMost(Duration.ofMinutes(1)).until(() -> sender.spool().size() == 0);
        assertThat(sender.spool().rejectedCount()).isEqualTo(1);
        Path reason = temp.resolve("refusal/rejected/1.reason");
        assertThat(Files.readString(reason)).startsWith("HTTP 422");
        assertThat(server.observations()).hasSize(FhirResources.of(one.getKey(), one.getValue(), Terms.nomenclature()).size());
    }
}
