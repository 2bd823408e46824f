package io.wardgate.check;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The report's JSON, byte for byte (golden): hostile details stay one line of printable ASCII. */
class ReportJsonTest {

    @Test
    void reportJsonIsByteForByteTheGolden() {
        Report report = new Report(List.of(
                CheckResult.pass("tls", "S-3", "TLS 1.3 only"),
                CheckResult.fail("file-perms", "S-1", "/etc/x\"y\\z\nnext\rret\ttab\u0001é\u2028€"),
                CheckResult.skipped("tpm", "S-9", "")));
        assertThat(report.toJson()).isEqualTo("{\"passed\":false,\"results\":["
                + "{\"id\":\"tls\",\"requirement\":\"S-3\",\"status\":\"PASS\",\"detail\":\"TLS 1.3 only\"},"
                + "{\"id\":\"file-perms\",\"requirement\":\"S-1\",\"status\":\"FAIL\",\"detail\":"
                + "\"/etc/x\\\"y\\\\z\\nnext\\u000dret\\u0009tab\\u0001\\u00e9\\u2028\\u20ac\"},"
                + "{\"id\":\"tpm\",\"requirement\":\"S-9\",\"status\":\"SKIPPED\",\"detail\":\"\"}]}");
        assertThat(new Report(List.of()).toJson()).isEqualTo("{\"passed\":true,\"results\":[]}");
    }
}
