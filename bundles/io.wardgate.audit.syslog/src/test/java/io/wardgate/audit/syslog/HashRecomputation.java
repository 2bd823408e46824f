package io.wardgate.audit.syslog;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.w3c.dom.Element;

/**
 * What a collector can do with a complete message (docs/operations.md): rebuild the audit record's canonical
 * line from the message and recompute its hash, hex(SHA-256("WGAUDIT1" TAB sequence TAB at TAB gateway TAB
 * location TAB actor TAB action TAB target TAB outcome TAB detail TAB previousHash)), per docs/security.md 3.1.
 */
final class HashRecomputation {
    private HashRecomputation() {
    }

    static String hashOf(ParsedSyslog message) {
        Element audit = message.auditMessage();
        Element identification = ParsedSyslog.child(audit, "EventIdentification");
        Element source = ParsedSyslog.child(audit, "AuditSourceIdentification");
        Element object = ParsedSyslog.child(audit, "ParticipantObjectIdentification");
        Element description = ParsedSyslog.child(audit, "EventOutcomeDescription");
        String action = "";
        var types = identification.getElementsByTagName("EventTypeCode");
        for (int i = 0; i < types.getLength(); i++) {
            Element type = (Element) types.item(i);
            if ("WardGate".equals(type.getAttribute("codeSystemName"))) {
                action = type.getAttribute("csd-code");
            }
        }
        String line = "WGAUDIT1\t" + message.params().get("seq") + "\t" + identification.getAttribute("EventDateTime")
                + "\t" + source.getAttribute("AuditSourceID") + "\t" + source.getAttribute("AuditEnterpriseSiteID")
                + "\t" + ParsedSyslog.child(audit, "ActiveParticipant").getAttribute("UserID") + "\t" + action + "\t"
                + (object == null ? "" : object.getAttribute("ParticipantObjectID")) + "\t"
                + message.params().get("outcome") + "\t" + (description == null ? "" : description.getTextContent())
                + "\t" + message.params().get("prev");
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(line.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
