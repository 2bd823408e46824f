package io.wardgate.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.audit.api.AuditRecord;
import java.time.Instant;

/**
 * S10: records reach the writer from segment files anyone with disk access may have changed (gateway id and
 * location are only checked for printable ASCII there). Whatever the record, the message stays within its
 * bound, keeps the grammar of the header and structured data, and its MSG is well-formed XML. The corpus
 * under src/test/resources replays in every build.
 */
class SyslogMessageWriterFuzzTest {

    @FuzzTest(maxDuration = "60s")
    void anyRecordBecomesABoundedWellFormedMessage(FuzzedDataProvider data) {
        int max = data.consumeInt(FormatSettings.MIN_MESSAGE_BYTES, 12_000);
        AuditRecord record;
        try {
            AuditEvent event = new AuditEvent(Instant.ofEpochSecond(data.consumeLong(-1L << 40, 1L << 40),
                    data.consumeInt(0, 999_999_999)), data.consumeString(130), data.consumeString(70),
                    data.consumeString(260), data.pickValue(AuditEvent.Outcome.values()), data.consumeString(1100));
            record = new AuditRecord(data.consumeLong(1, Long.MAX_VALUE), event, data.consumeString(300),
                    data.consumeString(300), data.consumeString(70), data.consumeRemainingAsString(), 1, 0);
        } catch (IllegalArgumentException e) {
            return; // AuditEvent refuses it: no such record can exist
        }
        byte[] message = new SyslogMessageWriter(new FormatSettings("wardgate", 32473, "1", max)).write(record);

        assertThat(message.length).isLessThanOrEqualTo(max);
        ParsedSyslog parsed = ParsedSyslog.parse(message);
        assertThat(parsed.msgId()).isEqualTo("IHE+RFC-3881");
        assertThat(parsed.params().get("seq")).isEqualTo(Long.toString(record.sequence()));
        assertThat(parsed.hostname()).matches("[\\x21-\\x7E]{1,255}");
        assertThat(parsed.startsWithBom()).isTrue();
        assertThat(parsed.auditMessage().getTagName()).isEqualTo("AuditMessage");
    }
}
