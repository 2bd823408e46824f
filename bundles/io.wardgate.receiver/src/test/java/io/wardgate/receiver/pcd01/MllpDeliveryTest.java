package io.wardgate.receiver.pcd01;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ca.uhn.hl7v2.util.Terser;
import io.wardgate.receiver.spool.Spool;
import io.wardgate.receiver.spool.SpoolSender;
import io.wardgate.seal.envelope.OpenResult;
import io.wardgate.seal.envelope.TestReadings;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** PCD-01 over MLLP to HAPI's own MLLP server as the integration engine (issue #19 item 2). */
class MllpDeliveryTest {
    private static final SpoolSender.Settings RETRY = new SpoolSender.Settings(Duration.ofMillis(50),
            Duration.ofMillis(400), 3);
    @TempDir
    Path temp;
    private TestEngine engine;
    private SpoolSender sender;
    private MllpDelivery delivery;

    @BeforeEach
    void start() throws Exception {
        engine = new TestEngine();
        delivery = new MllpDelivery(new MllpDelivery.Settings("127.0.0.1", engine.port(), Duration.ofSeconds(2),
                Optional.empty()));
        sender = new SpoolSender("pcd01", Spool.open(temp.resolve("spool"), new Spool.Limits(1000, 1 << 20)), delivery,
                RETRY);
    }

    @AfterEach
    void stop() throws Exception {
        sender.close();
        delivery.close();
        engine.close();
    }

    private void send(int envelopes) throws Exception {
        Pcd01Sink sink = new Pcd01Sink(new Pcd01Messages(Pcd01MessagesTest.ADDRESSING), sender);
        for (int sequence = 0; sequence < envelopes; sequence++) {
            sink.write(new OpenResult.Opened(TestReadings.tags(3, sequence),
                    TestReadings.batch(TestReadings.everyVitalSign()), new byte[1], List.of()));
        }
    }

    private List<String> receivedControlIds() throws Exception {
        List<String> ids = new ArrayList<>();
        for (var message : engine.received()) {
            ids.add(new Terser(message).get("MSH-10"));
        }
        return ids;
    }

    private static List<String> controlIds(int from, int to) {
        List<String> ids = new ArrayList<>();
        for (int sequence = from; sequence < to; sequence++) {
            ids.add(Pcd01Messages.controlId(TestReadings.tags(3, sequence)));
        }
        return ids;
    }

    @Test
    void anAcceptedMessageLeavesTheQueueInOrder() throws Exception {
        send(5);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.spool().size() == 0);
        assertThat(receivedControlIds()).containsExactlyElementsOf(controlIds(0, 5));
        assertThat(new Terser(engine.received().get(0)).get("/PATIENT_RESULT/ORDER_OBSERVATION/OBSERVATION(1)/OBX-3-3"))
                .isEqualTo("MDC");
    }

    @Test
    void anApplicationErrorSetsTheMessageAsideWithTheEnginesReason() throws Exception {
        engine.mode(TestEngine.Mode.ERROR);
        send(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.spool().size() == 0);
        assertThat(sender.spool().rejectedCount()).isEqualTo(1);
        assertThat(Files.readString(temp.resolve("spool/rejected/1.reason"))).startsWith("AE").contains("unknown bed");
        engine.mode(TestEngine.Mode.ACCEPT);
        send(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.received().size() == 2);
    }

    @Test
    void anApplicationRejectIsRetriedThenSetAside() throws Exception {
        engine.mode(TestEngine.Mode.REJECT);
        send(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.spool().rejectedCount() == 1);
        // Once, then three retries (the limit), then aside.
        assertThat(sender.attempts()).isEqualTo(4);
        assertThat(Files.readString(temp.resolve("spool/rejected/1.reason"))).contains("AR").contains("engine busy");
    }

    @Test
    void noAckWithinTheTimeoutIsRetriedUntilTheEngineAnswers() throws Exception {
        engine.mode(TestEngine.Mode.SILENT);
        send(2);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.attempts() >= 2);
        assertThat(sender.spool().size()).isEqualTo(2);
        assertThat(sender.spool().rejectedCount()).isZero();
        engine.mode(TestEngine.Mode.ACCEPT);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.spool().size() == 0);
        assertThat(receivedControlIds()).containsExactlyElementsOf(controlIds(0, 2));
        assertThat(sender.spool().rejectedCount()).isZero();
    }

    @Test
    void nothingIsLostWhileTheEngineRestarts() throws Exception {
        send(3);
        await().atMost(Duration.ofSeconds(30)).until(() -> engine.received().size() == 3);
        engine.stop();
        send(4);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.attempts() >= 6);
        assertThat(sender.spool().size()).isEqualTo(4);
        engine.start();
        await().atMost(Duration.ofSeconds(60)).until(() -> sender.spool().size() == 0);
        // The first three again are the same envelopes resent by sequence: the engine sees their control ids again.
        List<String> expected = new ArrayList<>(controlIds(0, 3));
        expected.addAll(controlIds(0, 4));
        assertThat(receivedControlIds()).containsExactlyElementsOf(expected);
        assertThat(sender.spool().rejectedCount()).isZero();
    }

    @Test
    void aMessageThatFailsTheEnginesValidationIsSetAsideAndTheNextGoesThrough() throws Exception {
        String good = new Pcd01Messages(Pcd01MessagesTest.ADDRESSING).encode(TestReadings.tags(3, 99),
                TestReadings.batch(TestReadings.everyVitalSign())).orElseThrow();
        // A numeric OBX whose value is not a number: HAPI's default validation in the engine refuses it.
        String bad = good.replaceFirst("\\|NM\\|150456\\^MDC_PULS_OXIM_SAT_O2\\^MDC\\^2708-6\\^\\^LN\\|([0-9.]+)\\|98\\.0\\|",
                "|NM|150456^MDC_PULS_OXIM_SAT_O2^MDC^2708-6^^LN|$1|ninety-eight|");
        assertThat(bad).isNotEqualTo(good).contains("ninety-eight");
        sender.submit(bad.getBytes(StandardCharsets.UTF_8));
        send(1);
        await().atMost(Duration.ofSeconds(30)).until(() -> sender.spool().size() == 0);
        assertThat(sender.spool().rejectedCount()).isEqualTo(1);
        assertThat(receivedControlIds()).containsExactlyElementsOf(controlIds(0, 1));
    }
}
