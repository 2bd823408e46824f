package io.wardgate.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.wardgate.api.driver.FlowControl;
import io.wardgate.api.driver.LineSettings;
import io.wardgate.api.driver.Parity;
import io.wardgate.api.driver.StopBits;
import io.wardgate.sim.pty.PtyPair;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** jSerialComm on the slave side of a real pseudo-terminal. */
class JSerialCommLineTest {
    private static final Duration LIMIT = Duration.ofSeconds(10);

    @Test
    void readsWritesAndSeesTheHangUp() throws Exception {
        PtyPair pair = PtyPair.open();
        SerialLine line = JSerialCommLine.open(pair.slavePath().toString(), LineSettings.eightNOne(115200));
        try {
            assertTimeoutPreemptively(LIMIT, () -> {
                byte[] buffer = new byte[64];
                assertThat(line.read(buffer, 0, buffer.length)).as("nothing yet: the read times out").isZero();
                pair.masterOutput().write(new byte[] {0x00, (byte) 0xC0, 0x0D, 0x0A, 0x11, 0x13});
                int n = 0;
                while (n < 6) {
                    n += line.read(buffer, n, buffer.length - n);
                }
                assertThat(java.util.Arrays.copyOf(buffer, n)).as("raw: no translation, no flow-control bytes eaten")
                        .containsExactly(0x00, 0xC0, 0x0D, 0x0A, 0x11, 0x13);
                line.write(new byte[] {1, 2, 3});
                byte[] back = new byte[3];
                assertThat(pair.masterInput().read(back, 0, 3)).isEqualTo(3);
                assertThat(back).containsExactly(1, 2, 3);

                pair.close();
                assertThatThrownBy(() -> line.read(buffer, 0, buffer.length)).isInstanceOf(IOException.class)
                        .hasMessageContaining("hung up");
            });
        } finally {
            line.close();
            pair.close();
        }
    }

    /**
     * A stop must not wait out an idle port's long read timeout: wake() from another thread ends a read that would
     * wait 25.5 s, well within the 10 s limit, and later reads return at once with nothing, not as a hang-up. Before
     * the wake, a read with the long timeout still returns the bytes that arrive.
     */
    @Test
    void wakeEndsALongReadAtOnceWithoutClosingTheLine() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            SerialLine line = JSerialCommLine.open(pair.slavePath().toString(), LineSettings.eightNOne(9600));
            try {
                line.readTimeout(Duration.ofMillis(JSerialCommLine.MAX_READ_TIMEOUT_MILLIS));
                assertTimeoutPreemptively(LIMIT, () -> {
                    byte[] buffer = new byte[16];
                    pair.masterOutput().write(new byte[] {'o', 'k'});
                    int n = 0;
                    while (n < 2) {
                        n += line.read(buffer, n, buffer.length - n);
                    }
                    assertThat(new String(buffer, 0, n, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("ok");

                    java.util.concurrent.CompletableFuture<Integer> blocked = java.util.concurrent.CompletableFuture
                            .supplyAsync(() -> {
                                try {
                                    return line.read(buffer, 0, buffer.length);
                                } catch (IOException e) {
                                    throw new java.io.UncheckedIOException(e);
                                }
                            });
                    // The read is (very likely) waiting in the kernel by now; if not, it starts after the wake and
                    // returns at once: either way it ends long before its 25.5 s timeout.
                    org.awaitility.Awaitility.await().pollDelay(Duration.ofMillis(200)).until(() -> true);
                    line.wake();
                    assertThat(blocked.get()).isZero();
                    assertThat(line.read(buffer, 0, buffer.length)).as("woken: reads return at once").isZero();
                });
            } finally {
                line.close();
            }
        }
    }

    /**
     * The line settings reach the tty: 8E1 with RTS/CTS (the GE Datex S/5 line) read back from the kernel
     * with stty. What a pseudo-terminal can show: crtscts, and inpck (jSerialComm enables the input parity
     * check only with a parity). What it cannot: the Linux pty driver clears PARENB and forces CS8 on every
     * termios change (pty_set_termios), and it has no UART, so neither parity bits on the wire nor CTS
     * holding back output can be seen here (docs/devices.md says so).
     */
    @Test
    void parityAndHardwareFlowControlReachTheTty() throws Exception {
        try (PtyPair pair = PtyPair.open()) {
            LineSettings datex = new LineSettings(19200, 8, Parity.EVEN, StopBits.ONE, FlowControl.RTS_CTS);
            SerialLine line = JSerialCommLine.open(pair.slavePath().toString(), datex);
            try {
                String flags = stty(pair.slavePath().toString());
                assertThat(flags.split("\\s+")).contains("speed", "19200", "inpck", "-parodd", "-cmspar", "cs8",
                        "-cstopb", "crtscts");
            } finally {
                line.close();
            }
            SerialLine plain = JSerialCommLine.open(pair.slavePath().toString(), LineSettings.eightNOne(9600));
            try {
                assertThat(stty(pair.slavePath().toString()).split("\\s+")).contains("-inpck", "-crtscts", "-cstopb");
            } finally {
                plain.close();
            }
        }
    }

    private static String stty(String path) throws Exception {
        Process stty = new ProcessBuilder("stty", "-F", path, "-a").redirectErrorStream(true).start();
        assertThat(stty.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)).as("stty ends").isTrue();
        String text = new String(stty.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.US_ASCII);
        assertThat(stty.exitValue()).as(text).isZero();
        return text.replace(";", " ");
    }

    @Test
    void aMissingPortIsAnIOException() {
        assertThatThrownBy(() -> JSerialCommLine.open("/dev/wardgate-no-such-port", LineSettings.eightNOne(9600)))
                .isInstanceOf(IOException.class).hasMessage("no serial port at /dev/wardgate-no-such-port");
    }

    @Test
    void theNativeLibraryIsExtractedWhereTheSystemPropertiesSay() throws Exception {
        // Set by this module's surefire configuration, as docs/devices.md tells operators to.
        String tmpdir = System.getProperty("java.io.tmpdir");
        assertThat(System.getProperty("fazecast.jSerialComm.appid")).isEqualTo("wardgate-test");
        try (PtyPair pair = PtyPair.open()) {
            JSerialCommLine.open(pair.slavePath().toString(), LineSettings.eightNOne(9600)).close();
        }
        Path appDir = Path.of(tmpdir, "jSerialComm", "wardgate-test");
        try (Stream<Path> files = Files.walk(appDir)) {
            assertThat(files.filter(f -> f.getFileName().toString().equals("libjSerialComm.so")))
                    .singleElement().satisfies(f -> assertThat(f.getParent().getFileName()).hasToString("2.11.4"));
        }
        assertThat(JSerialCommLine.nativeLibraryLocation()).isEqualTo("extracted under " + appDir.normalize());
    }
}
