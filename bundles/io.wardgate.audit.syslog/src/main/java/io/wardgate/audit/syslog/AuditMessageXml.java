package io.wardgate.audit.syslog;

import io.wardgate.audit.api.AuditRecord;

/**
 * The MSG of an ATNA syslog message: a DICOM audit message (DICOM PS3.15 A.5.1, the successor of the RFC 3881
 * schema that IHE ITI-20 names), on one line, no namespace:
 *
 * <pre>
 * AuditMessage
 *   EventIdentification  EventActionCode, EventDateTime (the record's time, exactly as stored),
 *                        EventOutcomeIndicator
 *     EventID            DICOM code (see AtnaCodes)
 *     EventTypeCode      DICOM code, when one fits; then the WardGate action, code system "WardGate"
 *     EventOutcomeDescription   the record's detail (omitted when empty)
 *   ActiveParticipant    UserID = the actor, UserIsRequestor = true
 *   AuditSourceIdentification  AuditSourceID = gateway id, AuditEnterpriseSiteID = location
 *     AuditSourceTypeCode 4 (application server process, RFC 3881 section 5.4)
 *   ParticipantObjectIdentification  ParticipantObjectID = the target, type 2 (system object);
 *                        omitted when the record has no target
 * </pre>
 *
 * Every value is XML-escaped. Actor, target, detail and location can be shortened to a budget of escaped
 * characters; a shortened value ends in "...".
 */
final class AuditMessageXml {
    static final String WARDGATE = "WardGate";

    private AuditMessageXml() {
    }

    /** Budgets in escaped characters; Integer.MAX_VALUE for "whole". */
    record Budgets(int actor, int target, int detail, int location) {
        static final Budgets WHOLE = new Budgets(Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE,
                Integer.MAX_VALUE);
    }

    static String render(AuditRecord record, Budgets budgets) {
        AtnaCodes.Mapping mapping = AtnaCodes.of(record.action());
        StringBuilder xml = new StringBuilder(1024);
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?><AuditMessage>");
        xml.append("<EventIdentification EventActionCode=\"").append(mapping.actionCode())
                .append("\" EventDateTime=\"").append(Xml.escape(record.at().toString()))
                .append("\" EventOutcomeIndicator=\"").append(AtnaCodes.outcomeIndicator(record.event().outcome()))
                .append("\">");
        coded(xml, "EventID", mapping.eventId());
        mapping.eventType().ifPresent(type -> coded(xml, "EventTypeCode", type));
        coded(xml, "EventTypeCode", new AtnaCodes.Coded(record.action(), WARDGATE, record.action()));
        String detail = Xml.escapeWithin(record.event().detail(), budgets.detail());
        if (!detail.isEmpty()) {
            xml.append("<EventOutcomeDescription>").append(detail).append("</EventOutcomeDescription>");
        }
        xml.append("</EventIdentification>");
        xml.append("<ActiveParticipant UserID=\"").append(Xml.escapeWithin(record.actor(), budgets.actor()))
                .append("\" UserIsRequestor=\"true\"/>");
        xml.append("<AuditSourceIdentification AuditEnterpriseSiteID=\"")
                .append(Xml.escapeWithin(record.location(), budgets.location())).append("\" AuditSourceID=\"")
                .append(Xml.escape(record.gatewayId())).append("\">");
        coded(xml, "AuditSourceTypeCode", AtnaCodes.AUDIT_SOURCE_TYPE);
        xml.append("</AuditSourceIdentification>");
        if (!record.event().target().isEmpty()) {
            xml.append("<ParticipantObjectIdentification ParticipantObjectID=\"")
                    .append(Xml.escapeWithin(record.event().target(), budgets.target()))
                    .append("\" ParticipantObjectTypeCode=\"2\">");
            coded(xml, "ParticipantObjectIDTypeCode", new AtnaCodes.Coded("target", WARDGATE, "audit target"));
            xml.append("</ParticipantObjectIdentification>");
        }
        xml.append("</AuditMessage>");
        return xml.toString();
    }

    private static void coded(StringBuilder xml, String element, AtnaCodes.Coded value) {
        xml.append('<').append(element).append(" csd-code=\"").append(Xml.escape(value.code()))
                .append("\" codeSystemName=\"").append(Xml.escape(value.system())).append("\" originalText=\"")
                .append(Xml.escape(value.text())).append("\"/>");
    }
}
