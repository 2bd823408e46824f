package io.wardgate.audit.syslog;

import io.wardgate.audit.api.AuditRecord;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Writes one audit record as an RFC 5424 SYSLOG-MSG (RFC 5424 section 6):
 *
 * <pre>
 * &lt;PRI&gt;1 TIMESTAMP HOSTNAME APP-NAME PROCID IHE+RFC-3881 [wardgate@N seq="" prev="" hash="" outcome="" complete=""] BOM XML
 * </pre>
 *
 * PRI = facility 10 (security/authorization) * 8 + severity 5 (notice) or 4 (warning), as IHE ITI-20 asks
 * (ITI TF-2 3.20, assertions ITI20-12/13); MSGID "IHE+RFC-3881" (ITI20-15); MSG a DICOM audit message in
 * UTF-8, so it starts with the BOM (RFC 5424 section 6.4). TIMESTAMP is the record's time cut to microseconds
 * (TIME-SECFRAC has at most 6 digits, section 6.2.3). HOSTNAME is the gateway id. The structured data element
 * carries the record's sequence number and hash chain, so a collector can drop duplicates and check that no
 * record is missing; "complete" says whether every field is whole (then the hash can be recomputed from the
 * message, see docs/operations.md). A message never exceeds the configured bound: detail, then location,
 * target and actor are shortened, never the sequence or hashes.
 */
final class SyslogMessageWriter {
    static final String MSG_ID = "IHE+RFC-3881";
    static final byte[] BOM = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    private static final Instant MIN_TIME = Instant.parse("0000-01-01T00:00:00Z");
    private static final Instant MAX_TIME = Instant.parse("9999-12-31T23:59:59.999999Z");

    private final FormatSettings settings;

    SyslogMessageWriter(FormatSettings settings) {
        this.settings = settings;
    }

    /** The SYSLOG-MSG for {@code record} with its own gateway id as HOSTNAME. */
    byte[] write(AuditRecord record) {
        return write(record, record.gatewayId());
    }

    /**
     * The SYSLOG-MSG for {@code record}, at most {@code maxMessageBytes} long. HOSTNAME is {@code gatewayId}:
     * the exporter passes the gateway identity's id (its certificate's common name, which the collector
     * authenticated); the record's own gateway id stays in AuditSourceID, as the hash covers it.
     */
    byte[] write(AuditRecord record, String gatewayId) {
        int actor = Xml.escapedLength(record.actor());
        int target = Xml.escapedLength(record.event().target());
        int detail = Xml.escapedLength(record.event().detail());
        int location = Xml.escapedLength(record.location());
        AuditMessageXml.Budgets budgets = new AuditMessageXml.Budgets(actor, target, detail, location);
        // Each round shortens one field by at least the overshoot (or empties it): a few rounds at most.
        for (int round = 0; round < 16; round++) {
            boolean complete = budgets.actor() >= actor && budgets.target() >= target && budgets.detail() >= detail
                    && budgets.location() >= location;
            byte[] message = assemble(record, gatewayId, budgets, complete);
            int over = message.length - settings.maxMessageBytes();
            if (over <= 0) {
                return message;
            }
            budgets = shrink(budgets, over);
        }
        // Unreachable: with every field empty a message is far below the 2048-byte minimum (tested).
        throw new IllegalStateException("audit record " + record.sequence() + " does not fit a syslog message");
    }

    /** Takes {@code over} characters off detail, else location, else target, else actor. */
    private static AuditMessageXml.Budgets shrink(AuditMessageXml.Budgets b, int over) {
        if (b.detail() > 0) {
            return new AuditMessageXml.Budgets(b.actor(), b.target(), Math.max(0, b.detail() - over), b.location());
        }
        if (b.location() > 0) {
            return new AuditMessageXml.Budgets(b.actor(), b.target(), 0, Math.max(0, b.location() - over));
        }
        if (b.target() > 0) {
            return new AuditMessageXml.Budgets(b.actor(), Math.max(0, b.target() - over), 0, 0);
        }
        return new AuditMessageXml.Budgets(Math.max(0, b.actor() - over), 0, 0, 0);
    }

    private byte[] assemble(AuditRecord record, String gatewayId, AuditMessageXml.Budgets budgets,
            boolean complete) {
        int pri = AtnaCodes.FACILITY_AUTHPRIV * 8 + AtnaCodes.severity(record.event().outcome());
        String header = "<" + pri + ">1 " + timestamp(record.at()) + " " + hostname(gatewayId) + " "
                + settings.appName() + " " + settings.procId() + " " + MSG_ID + " ";
        String data = "[" + settings.sdId() + " seq=\"" + record.sequence() + "\" prev=\""
                + paramValue(record.previousHash()) + "\" hash=\"" + paramValue(record.hash()) + "\" outcome=\""
                + record.event().outcome() + "\" complete=\"" + complete + "\"] ";
        ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
        out.writeBytes(header.getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(data.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(BOM);
        out.writeBytes(AuditMessageXml.render(record, budgets).getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    /** FULL-DATE "T" FULL-TIME with "Z", at most 6 fraction digits; NILVALUE outside years 0000-9999. */
    static String timestamp(Instant at) {
        if (at.isBefore(MIN_TIME) || at.isAfter(MAX_TIME)) {
            return "-";
        }
        return at.truncatedTo(ChronoUnit.MICROS).toString();
    }

    /** HOSTNAME = 1*255PRINTUSASCII: anything else becomes '_' (a record read from disk is data, not trusted). */
    static String hostname(String gatewayId) {
        if (gatewayId.isEmpty()) {
            return "-";
        }
        StringBuilder out = new StringBuilder(Math.min(gatewayId.length(), 255));
        for (int i = 0; i < gatewayId.length() && i < 255; i++) {
            char c = gatewayId.charAt(i);
            out.append(c >= 0x21 && c <= 0x7E ? c : '_');
        }
        return out.toString();
    }

    /** PARAM-VALUE: '"', '\' and ']' escaped with a backslash (RFC 5424 section 6.3.3). */
    static String paramValue(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == ']') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }
}
