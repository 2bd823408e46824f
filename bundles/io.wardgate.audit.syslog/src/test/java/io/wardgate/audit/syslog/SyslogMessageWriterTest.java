package io.wardgate.audit.syslog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.wardgate.api.pipeline.AuditEvent;
import io.wardgate.api.pipeline.AuditEvent.Outcome;
import io.wardgate.audit.api.AuditRecord;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * The message format, byte for byte. Facts used: RFC 5424 section 6 (ABNF: PRI, VERSION 1, TIMESTAMP with at
 * most 6 fraction digits, HOSTNAME, APP-NAME, PROCID, MSGID, SD-ELEMENT, PARAM-VALUE escapes of '"', '\' and
 * ']', MSG-UTF8 = BOM UTF-8-STRING); RFC 5425 section 4.3 (SYSLOG-FRAME = MSG-LEN SP SYSLOG-MSG) and 4.3.1
 * (receivers must take 2048 octets, should take 8192); IHE ITI TF-2 3.20 ITI-20 (facility 10, severity 5 or 4,
 * MSGID "IHE+RFC-3881", MSG XML); DICOM PS3.15 A.5.1 (AuditMessage elements and attributes).
 */
class SyslogMessageWriterTest {
    static final String PREV = "a".repeat(64);
    static final String HASH = "b".repeat(64);
    private final SyslogMessageWriter writer = new SyslogMessageWriter(new FormatSettings("wardgate", 32473, "4242",
            8192));

    static AuditRecord record(String actor, String action, String target, Outcome outcome, String detail) {
        return new AuditRecord(42, new AuditEvent(Instant.parse("2026-03-01T10:00:00.123456789Z"), actor, action,
                target, outcome, detail), "wg-test-1", "st-marys/icu-3", PREV, HASH, 1, 0);
    }

    static AuditRecord fixed() {
        return record("user:alice", "CONFIG_CHANGED", "io.wardgate.uplink.Uplink", Outcome.SUCCESS,
                "brokerUrls <changed> & \"quoted\" 'too'");
    }

    @Test
    void aFixedRecordIsFramedByteForByte() {
        byte[] frame = OctetCounting.frame(writer.write(fixed()));

        String xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><AuditMessage>"
                + "<EventIdentification EventActionCode=\"U\" EventDateTime=\"2026-03-01T10:00:00.123456789Z\""
                + " EventOutcomeIndicator=\"0\">"
                + "<EventID csd-code=\"110113\" codeSystemName=\"DCM\" originalText=\"Security Alert\"/>"
                + "<EventTypeCode csd-code=\"110129\" codeSystemName=\"DCM\" originalText=\"Security Configuration\"/>"
                + "<EventTypeCode csd-code=\"CONFIG_CHANGED\" codeSystemName=\"WardGate\" originalText=\"CONFIG_CHANGED\"/>"
                + "<EventOutcomeDescription>brokerUrls &lt;changed&gt; &amp; &quot;quoted&quot; &apos;too&apos;"
                + "</EventOutcomeDescription></EventIdentification>"
                + "<ActiveParticipant UserID=\"user:alice\" UserIsRequestor=\"true\"/>"
                + "<AuditSourceIdentification AuditEnterpriseSiteID=\"st-marys/icu-3\" AuditSourceID=\"wg-test-1\">"
                + "<AuditSourceTypeCode csd-code=\"4\" codeSystemName=\"DCM\" originalText=\"Application Server Process\"/>"
                + "</AuditSourceIdentification>"
                + "<ParticipantObjectIdentification ParticipantObjectID=\"io.wardgate.uplink.Uplink\""
                + " ParticipantObjectTypeCode=\"2\"><ParticipantObjectIDTypeCode csd-code=\"target\""
                + " codeSystemName=\"WardGate\" originalText=\"audit target\"/></ParticipantObjectIdentification>"
                + "</AuditMessage>";
        String head = "<85>1 2026-03-01T10:00:00.123456Z wg-test-1 wardgate 4242 IHE+RFC-3881 [wardgate@32473 seq=\"42\""
                + " prev=\"" + PREV + "\" hash=\"" + HASH + "\" outcome=\"SUCCESS\" complete=\"true\"] ";
        byte[] message = concat(head.getBytes(StandardCharsets.US_ASCII), SyslogMessageWriter.BOM,
                xml.getBytes(StandardCharsets.UTF_8));
        byte[] expected = concat((message.length + " ").getBytes(StandardCharsets.US_ASCII), message);
        assertThat(new String(frame, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
        assertThat(frame).isEqualTo(expected);
    }

    @Test
    void theFrameReadsBackAndTheXmlParsesToTheOriginalValues() throws IOException {
        byte[] frame = OctetCounting.frame(writer.write(fixed()));
        byte[] message = SyslogFrames.next(new ByteArrayInputStream(frame), 65536);
        ParsedSyslog parsed = ParsedSyslog.parse(message);

        assertThat(parsed.pri()).isEqualTo(10 * 8 + 5); // facility authpriv, severity notice
        assertThat(parsed.version()).isEqualTo(1);
        assertThat(parsed.msgId()).isEqualTo("IHE+RFC-3881");
        assertThat(parsed.hostname()).isEqualTo("wg-test-1");
        assertThat(parsed.params()).containsEntry("seq", "42").containsEntry("hash", HASH)
                .containsEntry("prev", PREV).containsEntry("complete", "true");
        assertThat(parsed.startsWithBom()).isTrue();
        Element audit = parsed.auditMessage();
        assertThat(ParsedSyslog.child(audit, "EventOutcomeDescription").getTextContent())
                .isEqualTo("brokerUrls <changed> & \"quoted\" 'too'");
        assertThat(ParsedSyslog.child(audit, "ActiveParticipant").getAttribute("UserID")).isEqualTo("user:alice");
    }

    @Test
    void hostnameIsTheAuthenticatedGatewayIdAndTheRecordKeepsItsOwn() {
        ParsedSyslog parsed = ParsedSyslog.parse(writer.write(fixed(), "wg-0a1b2c3d"));

        assertThat(parsed.hostname()).isEqualTo("wg-0a1b2c3d");
        assertThat(ParsedSyslog.child(parsed.auditMessage(), "AuditSourceIdentification").getAttribute("AuditSourceID"))
                .isEqualTo("wg-test-1");
    }

    @Test
    void outcomesMapToSeverityAndOutcomeIndicator() {
        assertThat(ParsedSyslog.parse(writer.write(record("system", "UPLINK_TLS_REJECTED", "ssl://b:8883",
                Outcome.DENIED, "expired"))).pri()).isEqualTo(84);
        ParsedSyslog failed = ParsedSyslog.parse(writer.write(record("system", "OUTBOX_ERROR", "", Outcome.FAILURE, "")));
        assertThat(failed.pri()).isEqualTo(84);
        Element identification = ParsedSyslog.child(failed.auditMessage(), "EventIdentification");
        assertThat(identification.getAttribute("EventOutcomeIndicator")).isEqualTo("8");
        assertThat(ParsedSyslog.child(failed.auditMessage(), "ParticipantObjectIdentification")).isNull();
        assertThat(ParsedSyslog.child(failed.auditMessage(), "EventOutcomeDescription")).isNull();
        Element login = ParsedSyslog.child(ParsedSyslog.parse(writer.write(record("user:bob", "LOGIN_FAILED", "web",
                Outcome.DENIED, "wrong password"))).auditMessage(), "EventIdentification");
        assertThat(login.getAttribute("EventOutcomeIndicator")).isEqualTo("4");
        assertThat(ParsedSyslog.child(login, "EventID").getAttribute("csd-code")).isEqualTo("110114");
        assertThat(login.getElementsByTagName("EventTypeCode").item(0).getAttributes().getNamedItem("csd-code")
                .getNodeValue()).isEqualTo("110122");
    }

    @Test
    void aLongEscapeHeavyRecordIsShortenedToTheBoundNotDropped() {
        SyslogMessageWriter small = new SyslogMessageWriter(new FormatSettings("wardgate", 32473, "4242", 2048));
        AuditRecord heavy = new AuditRecord(7, new AuditEvent(Instant.parse("2026-03-01T10:00:00Z"), "&".repeat(128),
                "CONFIG_CHANGED", "<".repeat(256), Outcome.WARNING, "\"".repeat(1024)), "w".repeat(64),
                "&".repeat(128), PREV, HASH, 1, 0);

        byte[] message = small.write(heavy);

        assertThat(message.length).isLessThanOrEqualTo(2048);
        ParsedSyslog parsed = ParsedSyslog.parse(message);
        assertThat(parsed.params()).containsEntry("seq", "7").containsEntry("hash", HASH)
                .containsEntry("complete", "false");
        Element audit = parsed.auditMessage(); // still well-formed: no entity was cut in half
        String detail = ParsedSyslog.child(audit, "EventOutcomeDescription") == null ? ""
                : ParsedSyslog.child(audit, "EventOutcomeDescription").getTextContent();
        assertThat(detail.length()).isLessThan(1024);
        assertThat(ParsedSyslog.child(audit, "ActiveParticipant").getAttribute("UserID")).isNotEmpty();
        // At 8192 (the RFC 5425 SHOULD) a detail of 1024 quotes (6144 bytes escaped) fits whole.
        ParsedSyslog whole = ParsedSyslog.parse(writer.write(record("user:alice", "CONFIG_CHANGED", "pid",
                Outcome.WARNING, "\"".repeat(1024))));
        assertThat(whole.params()).containsEntry("complete", "true");
        assertThat(ParsedSyslog.child(whole.auditMessage(), "EventOutcomeDescription").getTextContent())
                .isEqualTo("\"".repeat(1024));
    }

    @Test
    void onlyTheDetailIsShortenedWhenThatIsEnough() {
        SyslogMessageWriter small = new SyslogMessageWriter(new FormatSettings("wardgate", 32473, "4242", 2048));
        AuditRecord record = record("user:alice", "CONFIG_CHANGED", "io.wardgate.uplink.Uplink", Outcome.SUCCESS,
                "x".repeat(500));
        AuditRecord longer = new AuditRecord(42, new AuditEvent(record.at(), "user:alice", "CONFIG_CHANGED",
                "io.wardgate.uplink.Uplink", Outcome.SUCCESS, "&".repeat(1000)), "wg-test-1", "st-marys/icu-3", PREV,
                HASH, 1, 0);

        assertThat(ParsedSyslog.parse(small.write(record)).params()).containsEntry("complete", "true");
        byte[] message = small.write(longer);
        assertThat(message.length).isLessThanOrEqualTo(2048).isGreaterThan(2040);
        Element audit = ParsedSyslog.parse(message).auditMessage();
        assertThat(ParsedSyslog.child(audit, "EventOutcomeDescription").getTextContent()).endsWith("...")
                .startsWith("&&&");
        assertThat(ParsedSyslog.child(audit, "ParticipantObjectIdentification").getAttribute("ParticipantObjectID"))
                .isEqualTo("io.wardgate.uplink.Uplink");
        assertThat(ParsedSyslog.child(audit, "AuditSourceIdentification").getAttribute("AuditEnterpriseSiteID"))
                .isEqualTo("st-marys/icu-3");
    }

    @Test
    void timestampsHaveAtMostSixFractionDigitsAndNilOutsideFourDigitYears() {
        assertThat(SyslogMessageWriter.timestamp(Instant.parse("2026-03-01T10:00:00Z"))).isEqualTo("2026-03-01T10:00:00Z");
        assertThat(SyslogMessageWriter.timestamp(Instant.parse("2026-03-01T10:00:00.5Z")))
                .isEqualTo("2026-03-01T10:00:00.500Z");
        assertThat(SyslogMessageWriter.timestamp(Instant.parse("2026-03-01T10:00:00.123456789Z")))
                .isEqualTo("2026-03-01T10:00:00.123456Z");
        assertThat(SyslogMessageWriter.timestamp(Instant.parse("+10000-01-01T00:00:00Z"))).isEqualTo("-");
        assertThat(SyslogMessageWriter.timestamp(Instant.parse("-0001-01-01T00:00:00Z"))).isEqualTo("-");
    }

    @Test
    void headerAndStructuredDataValuesAreKeptToTheirGrammar() {
        assertThat(SyslogMessageWriter.hostname("wg 1\u00e9")).isEqualTo("wg_1_");
        assertThat(SyslogMessageWriter.hostname("")).isEqualTo("-");
        assertThat(SyslogMessageWriter.hostname("h".repeat(300))).hasSize(255);
        assertThat(SyslogMessageWriter.paramValue("a\"b\\c]d")).isEqualTo("a\\\"b\\\\c\\]d");
        assertThat(Xml.escapeWithin("a&b", 4)).isEqualTo("a..."); // "&amp;" would not fit with the ellipsis
        assertThat(Xml.escapeWithin("a&b", 7)).isEqualTo("a&amp;b");
        assertThat(Xml.escapeWithin("abc", 2)).isEmpty();
        assertThat(Xml.escape("\u0001\u00e9")).isEqualTo("?&#xE9;");
        assertThatThrownBy(() -> new FormatSettings("ward gate", 1, "1", 2048))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FormatSettings("wardgate", 1, "1", 2047))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> OctetCounting.frame(new byte[0])).isInstanceOf(IllegalArgumentException.class);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
