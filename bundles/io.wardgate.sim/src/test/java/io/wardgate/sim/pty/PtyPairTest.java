package io.wardgate.sim.pty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Real pseudo-terminals, from Java alone. */
class PtyPairTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    private static byte[] readFully(InputStream in, int count) throws IOException {
        byte[] bytes = new byte[count];
        int done = 0;
        while (done < count) {
            int n = in.read(bytes, done, count - done);
            if (n < 0) {
                throw new IOException("end of stream after " + done + " bytes");
            }
            done += n;
        }
        return bytes;
    }

    private static byte[] everyByteValue() {
        byte[] bytes = new byte[256 * 8];
        for (int i = 0; i < bytes.length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void carriesEveryByteValueUnchangedBothWays() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            assertThat(pair.slavePath().toString()).startsWith("/dev/pts/");
            assertThat(Files.exists(pair.slavePath())).isTrue();
            byte[] bytes = everyByteValue();
            assertTimeoutPreemptively(LIMIT, () -> {
                try (FileInputStream host = new FileInputStream(pair.slavePath().toFile());
                        FileOutputStream hostOut = new FileOutputStream(pair.slavePath().toFile())) {
                    pair.masterOutput().write(bytes);
                    assertThat(readFully(host, bytes.length)).as("device to host, raw").isEqualTo(bytes);
                    hostOut.write(bytes);
                    assertThat(readFully(pair.masterInput(), bytes.length)).as("host to device, raw").isEqualTo(bytes);
                }
            });
        }
    }

    @Test
    void bytesWaitInTheLineUntilTheHostOpensIt() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            pair.masterOutput().write("early\r\n".getBytes());
            assertTimeoutPreemptively(LIMIT, () -> {
                try (FileInputStream host = new FileInputStream(pair.slavePath().toFile())) {
                    assertThat(new String(readFully(host, 7))).isEqualTo("early\r\n");
                }
            });
        }
    }

    @Test
    void closingHangsUpAndEndsBlockedReads() throws Exception {
        PtyPair pair = PtyPair.open();
        Thread closer = new Thread(() -> {
            await().pollDelay(Duration.ofMillis(200)).atMost(LIMIT).until(() -> true);
            pair.close();
        });
        closer.start();
        assertTimeoutPreemptively(LIMIT, () -> assertThat(pair.masterInput().read(new byte[16], 0, 16)).isEqualTo(-1));
        closer.join();
        assertThat(pair.isOpen()).isFalse();
        assertThatThrownBy(() -> pair.masterOutput().write(1)).isInstanceOf(IOException.class);
        await().atMost(LIMIT).until(() -> !Files.exists(pair.slavePath()));
        pair.close(); // twice is fine
    }

    @Test
    void eachPairHasItsOwnSlave() throws Exception {
        try (PtyPair one = PtyPair.open(); PtyPair two = PtyPair.open()) {
            assertThat(one.slavePath()).isNotEqualTo(two.slavePath());
        }
    }
}
