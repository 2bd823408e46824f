package io.wardgate.check;

import static org.assertj.core.api.Assertions.assertThat;

import io.wardgate.check.CheckResult.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The socket tables as the kernel writes them (format of /proc/net/tcp, proc(5)). */
class ProcNetTest {

    @Test
    void listenersOfTheNamespaceAreReadFromACopyOfProc(@TempDir Path proc) throws Exception {
        Files.createDirectories(proc.resolve("net"));
        Files.writeString(proc.resolve("net/tcp"), String.join("\n",
                "  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode",
                "   0: 00000000:20FB 00000000:0000 0A 00000000:00000000 00:00000000 00000000   998        0 1001 1 0 100 0 0 10 0",
                "   1: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000   998        0 1002 1 0 100 0 0 10 0",
                "   2: 0100007F:C350 0100007F:1F90 01 00000000:00000000 00:00000000 00000000   998        0 1003 1 0 100 0 0 10 0",
                "   3: garbage line",
                ""));
        Files.writeString(proc.resolve("net/tcp6"), "  sl  local_address ...\n"
                + "   0: 00000000000000000000000000000000:1F99 00000000000000000000000000000000:0000 0A 00000000:00000000 00:00000000 00000000 998 0 1004 1\n");
        Files.writeString(proc.resolve("net/udp"), "  sl ...\n");
        Installation installation = new Installation(proc.resolve("d"), proc.resolve("c"), proc.resolve("l"),
                proc.resolve("s"), OptionalLong.empty(), List.of("tcp/8443"), List.of(), proc, 30, java.time.Clock.systemUTC());

        CheckResult result = SelfCheck.withBuiltIns(List.of()).run(installation).results().get(1);

        assertThat(result.id()).isEqualTo("listening-sockets");
        assertThat(result.status()).isEqualTo(Status.FAIL);
        // 0x20FB = 8443 is allowed; 0x1F90 = 8080 on loopback and 0x1F99 = 8089 on :: are not; the
        // established connection (state 01) is no listener.
        assertThat(result.detail()).contains("tcp/8080 on 127.0.0.1").contains("tcp/8089 on ::")
                .doesNotContain("8443 on").doesNotContain("50000");
    }
}
